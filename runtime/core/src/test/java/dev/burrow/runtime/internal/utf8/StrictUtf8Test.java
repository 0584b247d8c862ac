package dev.burrow.runtime.internal.utf8;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StrictUtf8Test {
  private static byte[] bytes(String prefix, int... tail) {
    byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[head.length + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    for (int i = 0; i < tail.length; i++) {
      all[head.length + i] = (byte) tail[i];
    }
    return all;
  }

  @Test
  void asciiAndWellFormedMultibyteTextAreAccepted() {
    assertEquals(-1, StrictUtf8.firstMalformed(new byte[0]));
    assertEquals(-1, StrictUtf8.firstMalformed(bytes("{\"id\":\"run-1\"}")));
    assertEquals(-1, StrictUtf8.firstMalformed(bytes("{\"name\":\"Zoë 名前 😀\"}")));
  }

  @Test
  void theOffsetOfAnOverlongSlashIsNamedAfterAnAsciiPrefix() {
    assertEquals(7, StrictUtf8.firstMalformed(bytes("{\"a\":\"x", 0xC0, 0xAF, '"', '}')));
  }

  @Test
  void anOverlongFormAfterValidMultibyteTextIsFound() {
    byte[] prefix = bytes("é");
    assertEquals(prefix.length, StrictUtf8.firstMalformed(bytes("é", 0xE0, 0x80, 0xAF)));
  }

  @Test
  void encodedSurrogatesAndTruncatedSequencesAreRefused() {
    assertEquals(2, StrictUtf8.firstMalformed(bytes("ab", 0xED, 0xA0, 0x80)));
    assertEquals(3, StrictUtf8.firstMalformed(bytes("abc", 0xE2, 0x82)));
  }

  @Test
  void longDocumentsAreCheckedPastTheDecodersChunk() {
    String text = "é".repeat(5000);
    byte[] good = bytes(text);
    assertEquals(-1, StrictUtf8.firstMalformed(good));
    assertEquals(good.length, StrictUtf8.firstMalformed(bytes(text, 0xC1, 0xBF)));
  }
}
