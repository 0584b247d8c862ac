package dev.burrow.runtime.internal.transfer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The part of POSIX tar (pax interchange format) that instance directories need: regular files with
 * a path, a size and a modification time; a path longer than the 100-byte name field travels in a
 * pax extended header. Readable by GNU tar, bsdtar and every tar library. Written by hand because
 * this subset is a page of code, where a tar library would bring three more dependencies into every
 * Burrow user's runtime.
 */
final class Tar {
  private static final int BLOCK = 512;
  private static final char REGULAR = '0';
  private static final char PAX = 'x';

  private Tar() {}

  /** One file read from a tar stream. */
  static final class Entry {
    final String path;
    final long mtimeSeconds;
    final byte[] content;

    Entry(String path, long mtimeSeconds, byte[] content) {
      this.path = path;
      this.mtimeSeconds = mtimeSeconds;
      this.content = content;
    }
  }

  /** Writes entries, then two zero blocks on {@link #finish()}. */
  static final class Writer {
    private final OutputStream out;

    Writer(OutputStream out) {
      this.out = out;
    }

    void file(String path, long mtimeSeconds, byte[] content) throws IOException {
      byte[] name = path.getBytes(StandardCharsets.UTF_8);
      if (name.length >= 100) {
        byte[] record = paxRecord("path", path);
        out.write(header("PaxHeader", record.length, mtimeSeconds, PAX));
        out.write(record);
        pad(record.length);
        name = "long-path".getBytes(StandardCharsets.UTF_8);
      }
      out.write(
          header(new String(name, StandardCharsets.UTF_8), content.length, mtimeSeconds, REGULAR));
      out.write(content);
      pad(content.length);
    }

    void finish() throws IOException {
      out.write(new byte[2 * BLOCK]);
      out.flush();
    }

    private void pad(long length) throws IOException {
      int rest = (int) (length % BLOCK);
      if (rest != 0) {
        out.write(new byte[BLOCK - rest]);
      }
    }
  }

  private static byte[] paxRecord(String key, String value) {
    String body = " " + key + "=" + value + "\n";
    int bodyLength = body.getBytes(StandardCharsets.UTF_8).length;
    int length = bodyLength + Integer.toString(bodyLength).length();
    if (Integer.toString(length).length() != Integer.toString(bodyLength).length()) {
      length++;
    }
    return (length + body).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] header(String name, long size, long mtimeSeconds, char type) {
    byte[] header = new byte[BLOCK];
    put(header, 0, 100, name.getBytes(StandardCharsets.UTF_8));
    octal(header, 100, 8, 0600);
    octal(header, 108, 8, 0);
    octal(header, 116, 8, 0);
    octal(header, 124, 12, size);
    octal(header, 136, 12, mtimeSeconds);
    Arrays.fill(header, 148, 156, (byte) ' ');
    header[156] = (byte) type;
    put(header, 257, 6, "ustar\0".getBytes(StandardCharsets.US_ASCII));
    put(header, 263, 2, "00".getBytes(StandardCharsets.US_ASCII));
    long sum = 0;
    for (byte b : header) {
      sum += b & 0xff;
    }
    octal(header, 148, 7, sum);
    return header;
  }

  private static void put(byte[] header, int offset, int length, byte[] value) {
    System.arraycopy(value, 0, header, offset, Math.min(length, value.length));
  }

  private static void octal(byte[] header, int offset, int length, long value) {
    String digits = Long.toOctalString(value);
    String padded = "0".repeat(Math.max(0, length - 1 - digits.length())) + digits;
    put(header, offset, length - 1, padded.getBytes(StandardCharsets.US_ASCII));
  }

  /** Reads regular files; directories, links and other entries are skipped and counted. */
  static final class Reader {
    private final InputStream in;
    private final long maxFileBytes;
    private long skipped;

    Reader(InputStream in, long maxFileBytes) {
      this.in = in;
      this.maxFileBytes = maxFileBytes;
    }

    /** Entries that were not regular files. */
    long skipped() {
      return skipped;
    }

    /**
     * The next regular file, or null at the end of the archive.
     *
     * @throws IOException if the stream is not a tar archive, ends inside an entry, or holds a file
     *     larger than the limit
     */
    @Nullable Entry next() throws IOException {
      String paxPath = null;
      while (true) {
        byte[] header = in.readNBytes(BLOCK);
        if (header.length < BLOCK || isZero(header)) {
          return null;
        }
        if (!"ustar".equals(text(header, 257, 5))) {
          throw new IOException("not a tar header (no ustar magic)");
        }
        long size = parseOctal(header, 124, 12);
        long mtime = parseOctal(header, 136, 12);
        char type = (char) header[156];
        if (size < 0 || size > maxFileBytes) {
          throw new IOException(
              "an entry of " + size + " bytes is over the limit of " + maxFileBytes);
        }
        byte[] content = in.readNBytes((int) size);
        if (content.length < size) {
          throw new IOException("the archive ends inside an entry");
        }
        in.readNBytes((int) ((BLOCK - size % BLOCK) % BLOCK));
        if (type == PAX) {
          paxPath = paxValue(new String(content, StandardCharsets.UTF_8), "path");
          continue;
        }
        if (type != REGULAR && type != '\0') {
          skipped++;
          paxPath = null;
          continue;
        }
        String name = paxPath != null ? paxPath : ustarName(header);
        return new Entry(name, mtime, content);
      }
    }

    private static String ustarName(byte[] header) {
      String name = text(header, 0, 100);
      String prefix = text(header, 345, 155);
      return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static @Nullable String paxValue(String records, String key) {
      for (String record : records.split("\n")) {
        int space = record.indexOf(' ');
        int equals = record.indexOf('=');
        if (space > 0 && equals > space && record.substring(space + 1, equals).equals(key)) {
          return record.substring(equals + 1);
        }
      }
      return null;
    }

    private static boolean isZero(byte[] block) {
      for (byte b : block) {
        if (b != 0) {
          return false;
        }
      }
      return true;
    }

    private static String text(byte[] header, int offset, int length) {
      int end = offset;
      while (end < offset + length && header[end] != 0) {
        end++;
      }
      return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long parseOctal(byte[] header, int offset, int length) throws IOException {
      String digits = text(header, offset, length).trim();
      try {
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
      } catch (NumberFormatException e) {
        throw new IOException("a tar header field is not octal: '" + digits + "'", e);
      }
    }
  }
}
