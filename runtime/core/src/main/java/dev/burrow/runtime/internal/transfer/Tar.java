package dev.burrow.runtime.internal.transfer;

import dev.burrow.CorruptExportException;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.utf8.StrictUtf8;
import dev.burrow.spi.PathSegments;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The part of POSIX tar (pax interchange format) that instance directories need: regular files with
 * a path, a size and a modification time; a path longer than the 100-byte name field, a size of 8
 * GiB or more, and every entry's time travel in a pax extended header, the time to the nanosecond
 * as GNU tar writes it ({@code mtime=1700000000.200000000}, {@code 1700000000.000000000} for one on
 * the second, which the header's whole seconds alone would leave as precise as another tool's
 * archive of whole seconds), the header's own field keeping the whole seconds for readers that
 * ignore pax records. An instance's file also carries, in the pax record {@value #CREATED_AT}, the
 * creation time of the instance it was archived from, so that an import writes it only into that
 * same instance and never into another one of its ID. Contents pass in bounded memory both ways:
 * the reader streams them, the writer takes each file read whole beforehand ({@link WholeFile}: up
 * to 1 MiB in memory, a larger one spooled to a temporary file). Readable by GNU tar, bsdtar and
 * every tar library; the reader also takes what GNU tar writes in its own format (long names,
 * base-256 numbers). Written by hand because this subset is a page of code, where a tar library
 * would bring three more dependencies into every Burrow user's runtime.
 */
final class Tar {
  private static final int BLOCK = 512;
  private static final char REGULAR = '0';
  private static final char PAX = 'x';
  private static final char GNU_LONG_NAME = 'L';

  /** The vendor pax record that names the creation time of a file's instance. */
  static final String CREATED_AT = "BURROW.createdAt";

  private static final BigInteger BILLION = BigInteger.valueOf(1_000_000_000L);

  /** A pax time: whole seconds, then maybe a fraction. */
  private static final Pattern PAX_TIME = Pattern.compile("(-?[0-9]{1,18})(\\.[0-9]*)?");

  /**
   * Types whose content is a regular file: the POSIX regular file, its pre-POSIX form (a NUL) and
   * the contiguous file, which POSIX reads as a regular one.
   */
  private static final String FILES = "0\0" + "7";

  /**
   * Types that carry no file of their own: a directory (POSIX, or GNU's dump directory), a pax
   * global header, GNU's long link name and a volume label.
   */
  private static final String NO_FILES = "5DgKV";

  /**
   * Entries that are a file of some kind, but not one an import can write: links, devices, FIFOs,
   * GNU's sparse files and the continuation of a file from an earlier volume.
   */
  private static final String SPECIAL_FILES = "12346SM";

  /** What each of {@link #SPECIAL_FILES} is, in words. */
  private static final String[] SPECIAL_NAMES = {
    "hard link",
    "symbolic link",
    "character device",
    "block device",
    "FIFO",
    "GNU sparse file",
    "file continued from another volume"
  };

  private Tar() {}

  /** The largest size the header's 12-byte octal field holds; larger ones travel in pax. */
  static final long MAX_OCTAL_SIZE = 077777777777L;

  /** The largest pax extended header read: it only carries a path and a size. */
  static final int MAX_PAX_BYTES = 1024 * 1024;

  /** One file read from a tar stream; its content is read from {@link Reader#content()}. */
  static final class Entry {
    final String path;

    /** The modification time, in whole seconds, rounded down. */
    final long mtimeSeconds;

    /** The modification time as the archive gives it, with its fraction of a second if any. */
    final ArchivedTime mtime;

    final long size;

    /**
     * The creation time of the instance the file was archived from ({@value #CREATED_AT}); null in
     * an archive that does not say (another tool's, or one of a kind without a creation time).
     */
    final @Nullable Instant createdAt;

    Entry(String path, ArchivedTime mtime, long size, @Nullable Instant createdAt) {
      this.path = path;
      this.mtimeSeconds = mtime.time().toInstant().getEpochSecond();
      this.mtime = mtime;
      this.size = size;
      this.createdAt = createdAt;
    }
  }

  /** Writes entries, then two zero blocks on {@link #finish()}. */
  static final class Writer {
    private final OutputStream out;

    Writer(OutputStream out) {
      this.out = out;
    }

    /**
     * Writes the regular file {@code source} as {@code path}, read whole first ({@link WholeFile});
     * nothing if the file is gone (removed since it was listed). Once opened, the file is written
     * whole even if it is removed meanwhile.
     *
     * @return whether the file was written
     * @throws IOException if the file cannot be read or the archive cannot be written
     */
    boolean file(String path, long mtimeSeconds, Path source) throws IOException {
      return file(path, FileTime.from(mtimeSeconds, TimeUnit.SECONDS), source);
    }

    /**
     * Writes the regular file {@code source} as {@code path}, with the modification time {@code
     * mtime}, as {@link #file(String, long, Path)} does.
     *
     * @return whether the file was written
     * @throws IOException if the file cannot be read or the archive cannot be written
     */
    boolean file(String path, FileTime mtime, Path source) throws IOException {
      FileChannel file;
      try {
        file = SafeFiles.openToRead(source);
      } catch (NoSuchFileException removed) {
        return false;
      }
      WholeFile content;
      try (file) {
        content = WholeFile.read(file);
      }
      try (content) {
        file(path, mtime, null, content);
      }
      return true;
    }

    /**
     * Writes {@code content}, read whole beforehand, as {@code path}: its header states the size of
     * what follows it, whatever the file did since it was read.
     *
     * @throws IOException if the archive cannot be written (it is then unusable)
     */
    void file(String path, long mtimeSeconds, WholeFile content) throws IOException {
      file(path, FileTime.from(mtimeSeconds, TimeUnit.SECONDS), null, content);
    }

    /**
     * Writes {@code content}, read whole beforehand, as {@code path}, with the modification time
     * {@code mtime} to the nanosecond and, unless null, the creation time of its instance.
     *
     * @throws IOException if the archive cannot be written (it is then unusable)
     */
    void file(String path, FileTime mtime, @Nullable Instant createdAt, WholeFile content)
        throws IOException {
      headers(path, content.size(), mtime, createdAt);
      content.writeTo(out);
      pad(content.size());
    }

    /** {@link #headers(String, long, FileTime, Instant)} for a time in whole seconds. */
    void headers(String path, long size, long mtimeSeconds) throws IOException {
      headers(path, size, FileTime.from(mtimeSeconds, TimeUnit.SECONDS), null);
    }

    /**
     * The pax header with the time to the nanosecond, the instance's creation time unless null, and
     * a long path or a size of 8 GiB or more, then the entry's own header.
     */
    void headers(String path, long size, FileTime mtime, @Nullable Instant createdAt)
        throws IOException {
      Instant instant = mtime.toInstant();
      long mtimeSeconds = instant.getEpochSecond();
      byte[] name = path.getBytes(StandardCharsets.UTF_8);
      ByteArrayOutputStream records = new ByteArrayOutputStream();
      if (name.length >= 100) {
        records.write(paxRecord("path", path));
        name = "long-path".getBytes(StandardCharsets.UTF_8);
      }
      if (size > MAX_OCTAL_SIZE) {
        records.write(paxRecord("size", Long.toString(size)));
      }
      // Always, also for a time on the second: an entry without it reads as another tool's archive
      // of whole seconds, within which an import compares contents rather than times.
      records.write(paxRecord("mtime", paxTime(instant)));
      if (createdAt != null) {
        records.write(paxRecord(CREATED_AT, createdAt.toString()));
      }
      long headerMtime = Math.max(0, Math.min(mtimeSeconds, MAX_OCTAL_SIZE));
      if (records.size() > 0) {
        out.write(header("PaxHeader", records.size(), headerMtime, PAX));
        records.writeTo(out);
        pad(records.size());
      }
      out.write(
          header(
              new String(name, StandardCharsets.UTF_8),
              Math.min(size, MAX_OCTAL_SIZE),
              headerMtime,
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

  /**
   * A pax time: decimal seconds with nine digits of fraction ({@code 1700000000.200000000}, {@code
   * 1700000000.000000000}, {@code -0.500000000} for half a second before 1970).
   */
  static String paxTime(Instant time) {
    return BigDecimal.valueOf(time.getEpochSecond())
        .add(BigDecimal.valueOf(time.getNano(), 9))
        .toPlainString();
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
    private boolean ended;

    /**
     * @param skipped takes each entry that is a link, a device or a FIFO, as it is passed
     */
    Reader(InputStream in, Consumer<Skipped> skipped) {
      this.in = in;
      this.skipped = skipped;
    }

    /**
     * The next regular file, or null at the end of the archive: its two zero blocks (or one, then
     * the end of the stream, as GNU tar takes it), after which the stream is read to its end (tar
     * pads its last record with zeros) and left unread; what was not read of the previous entry's
     * content is skipped.
     *
     * @throws IOException if the stream is not a tar archive, a header's checksum does not match
     *     it, or the stream ends before the end blocks (an archive cut short)
     */
    @Nullable Entry next() throws IOException {
      if (ended) {
        return null;
      }
      skipRest();
      String paxPath = null;
      String longName = null;
      long paxSize = -1;
      String paxMtime = null;
      Instant createdAt = null;
      while (true) {
        byte[] header = in.readNBytes(BLOCK);
        boolean extended =
            paxPath != null
                || longName != null
                || paxSize >= 0
                || paxMtime != null
                || createdAt != null;
        if (header.length < BLOCK) {
          throw new EOFException(
              "the archive ends without its end blocks: it was cut short "
                  + (header.length > 0
                      ? "inside a header"
                      : extended ? "after an extended header, before its entry" : "there")
                  + " (after "
                  + (current.isEmpty() ? "no entry" : "entry '" + printable(current) + "'")
                  + "); the files before it are written");
        }
        if (isZero(header)) {
          if (extended) {
            throw new IOException("an extended header followed by the archive's end, not an entry");
          }
          end();
          return null;
        }
        if (!"ustar".equals(text(header, 257, 5))) {
          throw new IOException("not a tar header (no ustar magic)");
        }
        checksum(header);
        long size = paxSize >= 0 ? paxSize : number(header, 124, 12);
        ArchivedTime mtime =
            paxMtime != null
                ? parseTime(paxMtime)
                : ArchivedTime.wholeSeconds(number(header, 136, 12));
        char type = (char) header[156];
        if (size < 0) {
          throw new IOException("an entry of " + size + " bytes");
        }
        unread = size;
        padding = (BLOCK - size % BLOCK) % BLOCK;
        if (type == PAX) {
          Map<String, String> records = paxRecords(metadata(size, "a pax extended header"));
          paxPath = records.get("path");
          String sizeValue = records.get("size");
          paxSize = sizeValue == null ? -1 : parseDecimal(sizeValue, "a pax size");
          paxMtime = records.get("mtime");
          createdAt = parseCreatedAt(records.get(CREATED_AT));
          continue;
        }
        if (type == GNU_LONG_NAME) {
          longName =
              name(withoutTrailingNuls(metadata(size, "a GNU long name")), "a GNU long name");
          continue;
        }
        current = paxPath != null ? paxPath : longName != null ? longName : ustarName(header);
        // A name ending in a slash is a directory, as tar has read it since V7, whatever its type:
        // never a file, so "<id>/instance.json/" never reaches the document.
        if (FILES.indexOf(type) < 0 || current.endsWith("/")) {
          if (NO_FILES.indexOf(type) < 0 && !current.endsWith("/")) {
            skipped.accept(new Skipped(current, whatIsNoFile(type)));
          }
          skipRest();
          paxPath = null;
          longName = null;
          paxSize = -1;
          paxMtime = null;
          createdAt = null;
          continue;
        }
        return new Entry(current, mtime, size, createdAt);
      }
    }

    private static String whatIsNoFile(char type) {
      int special = SPECIAL_FILES.indexOf(type);
      return special >= 0
          ? "a " + SPECIAL_NAMES[special] + " entry, not a file"
          : "an entry of type '" + PathSegments.printable(String.valueOf(type)) + "', not a file";
    }

    /** The content of a metadata entry of {@code size} bytes, which stays under a limit. */
    private byte[] metadata(long size, String what) throws IOException {
      if (size > MAX_PAX_BYTES) {
        throw new IOException(
            what + " of " + size + " bytes is over the limit of " + MAX_PAX_BYTES);
      }
      byte[] content = readFully((int) size);
      skipRest();
      return content;
    }

    /**
     * The records of a pax extended header, each "length key=value\n" where the length counts the
     * whole record, so a value may hold any character, a newline too; a path must be UTF-8.
     *
     * @throws IOException if a record's length does not fit the header, a record does not end with
     *     its newline, or a path is not UTF-8
     */
    private static Map<String, String> paxRecords(byte[] bytes) throws IOException {
      Map<String, String> records = new HashMap<>();
      int start = 0;
      while (start < bytes.length) {
        int space = start;
        while (space < bytes.length && bytes[space] != ' ') {
          space++;
        }
        String digits = new String(bytes, start, space - start, StandardCharsets.ISO_8859_1);
        long length = parseDecimal(digits, "a pax record's length");
        if (length < space - start + 2 || length > bytes.length - start) {
          throw new IOException(
              "a pax record's length "
                  + PathSegments.printable(digits)
                  + " does not fit its extended header");
        }
        int end = (int) (start + length) - 1;
        if (bytes[end] != '\n') {
          throw new IOException(
              "a pax record of " + length + " bytes does not end with a newline where it should");
        }
        byte[] record = Arrays.copyOfRange(bytes, space + 1, end);
        int equals = 0;
        while (equals < record.length && record[equals] != '=') {
          equals++;
        }
        if (equals > 0 && equals < record.length) {
          String key = new String(record, 0, equals, StandardCharsets.UTF_8);
          byte[] value = Arrays.copyOfRange(record, equals + 1, record.length);
          records.put(
              key,
              key.equals("path")
                  ? name(value, "a pax path")
                  : new String(value, StandardCharsets.UTF_8));
        }
        start += (int) length;
      }
      return records;
    }

    /**
     * Ends the archive at its first zero block: the second must follow, or the end of the stream
     * (GNU tar writes two, and takes one); then the stream is read to its end.
     *
     * @throws IOException if the second block is cut short, or is not zeros (a zeroed header with
     *     entries after it)
     */
    private void end() throws IOException {
      byte[] second = in.readNBytes(BLOCK);
      if (second.length > 0 && second.length < BLOCK) {
        throw new EOFException("the archive ends without its end blocks: cut short inside them");
      }
      if (second.length == BLOCK && !isZero(second)) {
        throw new IOException(
            "a zero block followed by a header, not by the second end block (a header zeroed"
                + " after entry '"
                + printable(current)
                + "'?)");
      }
      ended = true;
      in.transferTo(OutputStream.nullOutputStream());
    }

    /**
     * Checks a header's checksum as GNU tar does: the sum of its bytes as unsigned numbers, its
     * checksum field counted as spaces, or as signed ones (which some old tars wrote).
     *
     * @throws IOException if it matches neither: the header is damaged
     */
    private void checksum(byte[] header) throws IOException {
      long recorded = parseOctal(header, 148, 8);
      long unsigned = 0;
      long signed = 0;
      for (int i = 0; i < BLOCK; i++) {
        byte b = i >= 148 && i < 156 ? (byte) ' ' : header[i];
        unsigned += b & 0xff;
        signed += b;
      }
      if (recorded != unsigned && recorded != signed) {
        throw new IOException(
            "the tar header after "
                + (current.isEmpty() ? "no entry" : "entry '" + printable(current) + "'")
                + " is damaged: its checksum is "
                + recorded
                + ", its bytes sum to "
                + unsigned);
      }
    }

    /**
     * {@code bytes} as a name, which must be UTF-8 as the entries of an export are.
     *
     * @throws CorruptExportException naming the entry, its invalid bytes escaped, if it is not
     */
    private static String name(byte[] bytes, String what) {
      int bad = StrictUtf8.firstMalformed(bytes);
      String name = new String(bytes, StandardCharsets.UTF_8);
      if (bad >= 0) {
        throw new CorruptExportException(
            "directory archive entry '" + printable(name) + "'",
            what + " that is not valid UTF-8 (a malformed sequence at byte " + bad + ")",
            null);
      }
      return name;
    }

    private static String printable(String name) {
      return PathSegments.printable(name);
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
                "directory archive entry '" + current + "'", "the archive ends inside it", null);
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

    /**
     * A pax time: decimal seconds, maybe negative, maybe with a fraction, kept to the nanosecond
     * (further digits dropped, rounding down), with the precision its digits give: a second with
     * none, a tenth with one, and so on to a nanosecond with nine or more.
     */
    /**
     * The instance's creation time a {@value #CREATED_AT} record gives, or null without one.
     *
     * @throws IOException if the record holds no ISO-8601 instant
     */
    private static @Nullable Instant parseCreatedAt(@Nullable String value) throws IOException {
      if (value == null) {
        return null;
      }
      try {
        return Instant.parse(value);
      } catch (DateTimeException e) {
        throw new IOException(
            "a pax " + CREATED_AT + " record that is no time: '" + printable(value) + "'", e);
      }
    }

    static ArchivedTime parseTime(String time) throws IOException {
      Matcher parts = PAX_TIME.matcher(time);
      if (!parts.matches()) {
        throw new IOException(
            "a pax mtime is not a time in seconds: '" + PathSegments.printable(time) + "'");
      }
      int digits = parts.group(2) == null ? 0 : Math.min(9, parts.group(2).length() - 1);
      BigInteger[] split =
          new BigDecimal(time)
              .movePointRight(9)
              .setScale(0, RoundingMode.FLOOR)
              .toBigInteger()
              .divideAndRemainder(BILLION);
      long seconds = split[0].longValueExact();
      long nanos = split[1].longValueExact();
      if (nanos < 0) { // of a time before 1970: the second before, and the nanoseconds after it
        seconds--;
        nanos += BILLION.longValueExact();
      }
      long precision = 1;
      for (int i = digits; i < 9; i++) {
        precision *= 10;
      }
      try {
        return new ArchivedTime(FileTime.from(Instant.ofEpochSecond(seconds, nanos)), precision);
      } catch (DateTimeException e) {
        throw new IOException(
            "a pax mtime is outside the times a file can have: '"
                + PathSegments.printable(time)
                + "' seconds",
            e);
      }
    }

    private static long parseDecimal(String digits, String what) throws IOException {
      try {
        return Long.parseLong(digits);
      } catch (NumberFormatException e) {
        throw new IOException(what + " is not a number: '" + digits + "'", e);
      }
    }

    private static String ustarName(byte[] header) {
      String name = name(field(header, 0, 100), "a name");
      String prefix = name(field(header, 345, 155), "a name prefix");
      return prefix.isEmpty() ? name : prefix + "/" + name;
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
      return new String(field(header, offset, length), StandardCharsets.UTF_8);
    }

    /** A header field's bytes, up to its first NUL. */
    private static byte[] field(byte[] header, int offset, int length) {
      int end = offset;
      while (end < offset + length && header[end] != 0) {
        end++;
      }
      return Arrays.copyOfRange(header, offset, end);
    }

    private static byte[] withoutTrailingNuls(byte[] name) {
      int end = name.length;
      while (end > 0 && name[end - 1] == 0) {
        end--;
      }
      return Arrays.copyOf(name, end);
    }

    /**
     * A numeric header field: octal digits, or, where GNU tar needs more than they hold (a size of
     * 8 GiB or more, a time before 1970), a base-256 big-endian number flagged by the first byte's
     * high bit.
     */
    private static long number(byte[] header, int offset, int length) throws IOException {
      if ((header[offset] & 0x80) == 0) {
        return parseOctal(header, offset, length);
      }
      long value = (header[offset] & 0x40) == 0 ? 0 : -1;
      for (int i = offset; i < offset + length; i++) {
        int digit = i == offset ? (header[i] & 0x7f) | (value < 0 ? 0x80 : 0) : header[i] & 0xff;
        if (i > offset && (value >> 55) != (value >> 63)) {
          throw new IOException("a base-256 tar header field is over 64 bits");
        }
        value = (value << 8) | digit;
      }
      return value;
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
