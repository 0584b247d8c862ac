package dev.burrow.runtime.internal.utf8;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks that bytes are well-formed UTF-8 before a JSON parser sees them. Jackson's parser decodes
 * UTF-8 leniently: it reads the overlong form {@code C0 AF} as {@code /} and accepts encoded
 * surrogates, so a document could hide a character from anything that checks the bytes. The JDK's
 * UTF-8 decoder refuses every malformed form; its result is thrown away.
 *
 * <p>Cost: one pass over the bytes; an ASCII prefix (all of a typical document) is only scanned,
 * and only the bytes from the first non-ASCII one go through the decoder, into a buffer no larger
 * than they need.
 */
public final class StrictUtf8 {
  private static final int CHUNK = 4096;

  private StrictUtf8() {}

  /** The offset of the first malformed or truncated sequence in {@code bytes}, or -1 if none. */
  public static int firstMalformed(byte[] bytes) {
    int ascii = 0;
    while (ascii < bytes.length && bytes[ascii] >= 0) {
      ascii++;
    }
    if (ascii == bytes.length) {
      return -1;
    }
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, ascii, bytes.length - ascii);
    CharBuffer out = CharBuffer.allocate(Math.min(CHUNK, bytes.length - ascii));
    while (true) {
      CoderResult result = decoder.decode(in, out, true);
      if (result.isError()) {
        return in.position();
      }
      if (result.isUnderflow()) {
        break;
      }
      out.clear();
    }
    out.clear();
    CoderResult end = decoder.flush(out);
    return end.isError() ? in.position() : -1;
  }

  /**
   * Throws {@code IllegalArgumentException} naming the offset if {@code bytes} are not well-formed
   * UTF-8.
   */
  public static void check(byte[] bytes) {
    int bad = firstMalformed(bytes);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          "not valid UTF-8: a malformed or overlong sequence at byte " + bad);
    }
  }
}
