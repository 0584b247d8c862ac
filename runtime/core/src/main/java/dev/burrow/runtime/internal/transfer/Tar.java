package dev.burrow.runtime.internal.transfer;

import dev.burrow.CorruptExportException;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.spi.PathSegments;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The part of POSIX tar (pax interchange format) that instance directories need: regular files with
 * a path, a size and a modification time; a path longer than the 100-byte name field, or a size of
 * 8 GiB or more, travels in a pax extended header. Contents are streamed both ways, so files of any
 * size pass in bounded memory. Readable by GNU tar, bsdtar and every tar library. Written by hand
 * because this subset is a page of code, where a tar library would bring three more dependencies
 * into every Burrow user's runtime.
 */
final class Tar {
  private static final int BLOCK = 512;
  private static final char REGULAR = '0';
  private static final char PAX = 'x';

  /** Hard link, symbolic link, character and block device, FIFO: entries that are no file. */
  private static final String SPECIAL_FILES = "12346";

  /** What each of {@link #SPECIAL_FILES} is, in words. */
  private static final String[] SPECIAL_NAMES = {
    "hard link", "symbolic link", "character device", "block device", "FIFO"
  };

  private Tar() {}

  /** The largest size the header's 12-byte octal field holds; larger ones travel in pax. */
  static final long MAX_OCTAL_SIZE = 077777777777L;

  /** The largest pax extended header read: it only carries a path and a size. */
  static final int MAX_PAX_BYTES = 1024 * 1024;

  /** One file read from a tar stream; its content is read from {@link Reader#content()}. */
  static final class Entry {
    final String path;
    final long mtimeSeconds;
    final long size;

    Entry(String path, long mtimeSeconds, long size) {
      this.path = path;
      this.mtimeSeconds = mtimeSeconds;
      this.size = size;
    }
  }

  /** Writes entries, then two zero blocks on {@link #finish()}. */
  static final class Writer {
    private final OutputStream out;

    Writer(OutputStream out) {
      this.out = out;
    }

    /**
     * Writes the regular file {@code source} as {@code path}, streamed from the file in bounded
     * memory, whatever its size; nothing if the file is gone (removed since it was listed). Once
     * opened, the file is written whole even if it is removed meanwhile.
     *
     * @return whether the file was written
     * @throws IOException if the file cannot be read, or shrank while it was written (the archive
     *     is then unusable)
     */
    boolean file(String path, long mtimeSeconds, Path source) throws IOException {
      FileChannel file;
      try {
        file = SafeFiles.openToRead(source);
      } catch (NoSuchFileException removed) {
        return false;
      }
      try (file) {
        file(path, mtimeSeconds, file, source);
      }
      return true;
    }

    /**
     * Writes the regular file {@code source}, already open as {@code file}, as {@code path}: a
     * caller that opens the file itself tells a file it cannot read from an archive it cannot
     * write.
     *
     * @throws IOException if the file cannot be read or shrank while it was written, or the archive
     *     cannot be written (the archive is then unusable)
     */
    void file(String path, long mtimeSeconds, FileChannel file, Path source) throws IOException {
      long size = file.size();
      headers(path, size, mtimeSeconds);
      SafeFiles.copy(file, size, Channels.newChannel(out), source);
      pad(size);
    }

    /** The pax header a long path or a large size needs, then the entry's own header. */
    void headers(String path, long size, long mtimeSeconds) throws IOException {
      byte[] name = path.getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream records = new ByteArrayOutputStream();
      if (name.length >= 100) {
        records.write(paxRecord("path", path));
        name = "long-path".getBytes(StandardCharsets.UTF_8);
      }
      if (size > MAX_OCTAL_SIZE) {
        records.write(paxRecord("size", Long.toString(size)));
      }
      if (records.size() > 0) {
        out.write(header("PaxHeader", records.size(), mtimeSeconds, PAX));
        records.writeTo(out);
        pad(records.size());
      }
      out.write(
          header(
              new String(name, StandardCharsets.UTF_8),
              Math.min(size, MAX_OCTAL_SIZE),
              mtimeSeconds,
              REGULAR));
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

  /**
   * Reads regular files, each streamed from {@link #content()}; links, devices and FIFOs are
   * skipped and each handed, named with what it is, to the reader's consumer, directories (an entry
   * whose name ends in a slash is one, whatever its type) and other headers skipped.
   */
  static final class Reader {
    private final InputStream in;
    private final Consumer<Skipped> skipped;
    private long unread;
    private long padding;
    private String current = "";

    /**
     * @param skipped takes each entry that is a link, a device or a FIFO, as it is passed
     */
    Reader(InputStream in, Consumer<Skipped> skipped) {
      this.in = in;
      this.skipped = skipped;
    }

    /**
     * The next regular file, or null at the end of the archive; what was not read of the previous
     * entry's content is skipped.
     *
     * @throws IOException if the stream is not a tar archive or ends inside an entry
     */
    @Nullable Entry next() throws IOException {
      skipRest();
      String paxPath = null;
      long paxSize = -1;
      while (true) {
        byte[] header = in.readNBytes(BLOCK);
        if (header.length < BLOCK || isZero(header)) {
          return null;
        }
        if (!"ustar".equals(text(header, 257, 5))) {
          throw new IOException("not a tar header (no ustar magic)");
        }
        long size = paxSize >= 0 ? paxSize : parseOctal(header, 124, 12);
        long mtime = parseOctal(header, 136, 12);
        char type = (char) header[156];
        if (size < 0) {
          throw new IOException("an entry of " + size + " bytes");
        }
        unread = size;
        padding = (BLOCK - size % BLOCK) % BLOCK;
        if (type == PAX) {
          if (size > MAX_PAX_BYTES) {
            throw new IOException(
                "a pax extended header of "
                    + size
                    + " bytes is over the limit of "
                    + MAX_PAX_BYTES);
          }
          String records = new String(readFully((int) size), StandardCharsets.UTF_8);
          skipRest();
          paxPath = paxValue(records, "path");
          String sizeValue = paxValue(records, "size");
          paxSize = sizeValue == null ? -1 : parseDecimal(sizeValue);
          continue;
        }
        current = paxPath != null ? paxPath : ustarName(header);
        // A name ending in a slash is a directory, as tar has read it since V7, whatever its type:
        // never a file, so "<id>/instance.json/" never reaches the document.
        if ((type != REGULAR && type != '\0') || current.endsWith("/")) {
          if (SPECIAL_FILES.indexOf(type) >= 0) {
            skipped.accept(
                new Skipped(
                    PathSegments.printable(current),
                    "a " + SPECIAL_NAMES[SPECIAL_FILES.indexOf(type)] + " entry, not a file"));
          }
          skipRest();
          paxPath = null;
          paxSize = -1;
          continue;
        }
        return new Entry(current, mtime, size);
      }
    }

    /**
     * The content of the entry {@link #next()} returned, read from the archive as it is read from
     * this stream, which ends with the entry. Reading it throws {@link CorruptExportException}
     * naming the entry if the archive ends inside it.
     */
    InputStream content() {
      return new InputStream() {
        @Override
        public int read() throws IOException {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          if (unread == 0) {
            return -1;
          }
          int read = in.read(buffer, offset, (int) Math.min(length, unread));
          if (read < 0) {
            throw new CorruptExportException(
                "directory archive entry '" + PathSegments.printable(current) + "'",
                "the archive ends inside it",
                null);
          }
          unread -= read;
          return read;
        }
      };
    }

    private byte[] readFully(int size) throws IOException {
      byte[] content = in.readNBytes(size);
      if (content.length < size) {
        throw new EOFException("the archive ends inside an entry");
      }
      unread -= size;
      return content;
    }

    /** Skips the rest of the current entry's content and its padding. */
    private void skipRest() throws IOException {
      content().transferTo(OutputStream.nullOutputStream());
      if (in.readNBytes((int) padding).length < padding) {
        throw new EOFException("the archive ends inside an entry");
      }
      padding = 0;
    }

    private static long parseDecimal(String digits) throws IOException {
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException e) {
        throw new IOException("a pax size is not a number: '" + digits + "'", e);
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
