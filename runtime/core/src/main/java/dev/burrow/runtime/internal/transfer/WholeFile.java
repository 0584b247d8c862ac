package dev.burrow.runtime.internal.transfer;

import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.SafeFiles;
import java.io.ByteArrayInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The whole content of a file, read to its end before anything of it is written, so that an archive
 * entry's header states the size of the content that follows it, whether the file shrinks, grows or
 * fails while it is read. Up to {@value #IN_MEMORY} bytes are kept in memory; a larger file is
 * spooled to an owner-only (0600) temporary file in {@code java.io.tmpdir}, deleted on {@link
 * #close()}. Cost: a file over {@value #IN_MEMORY} bytes is read twice (from the source, then from
 * the spool) and needs as much free space in {@code java.io.tmpdir}.
 */
final class WholeFile implements Closeable {
  /** The largest content kept in memory. */
  static final int IN_MEMORY = 1024 * 1024;

  private static final int CHUNK = 64 * 1024;

  private final byte[] head;
  private final int headLength;
  private final @Nullable Path spool;
  private final long size;

  private WholeFile(byte[] head, int headLength, @Nullable Path spool, long size) {
    this.head = head;
    this.headLength = headLength;
    this.spool = spool;
    this.size = size;
  }

  /** The source failed while it was read; its cause says why. Nothing of it is kept. */
  static final class UnreadableException extends IOException {
    private static final long serialVersionUID = 1L;
    private final IOException reason;

    UnreadableException(IOException reason) {
      super(reason.getMessage(), reason);
      this.reason = reason;
    }

    /** Why the source could not be read. */
    IOException reason() {
      return reason;
    }
  }

  /**
   * The temporary spool file could not be made, written or read back (a full or unusable {@code
   * java.io.tmpdir}): a failure of this host, not of the source.
   */
  static final class SpoolException extends IOException {
    private static final long serialVersionUID = 1L;

    SpoolException(String what, Path tmp, IOException reason) {
      super(what + " a temporary file in " + tmp + " (java.io.tmpdir) failed", reason);
    }
  }

  /**
   * Reads {@code source} from its start to its end.
   *
   * @throws UnreadableException if reading the source fails
   * @throws SpoolException if the temporary spool file cannot be written (nothing is left of it)
   */
  static WholeFile read(FileChannel source) throws IOException {
    return read((into, position) -> readAt(source, into, position));
  }

  /**
   * Reads {@code source} to its end, as {@link #read(FileChannel)} reads a file; a failure to read
   * it is thrown as it is.
   *
   * @throws SpoolException if the spool file cannot be written (nothing is left of it)
   * @throws IOException if reading the source fails
   */
  static WholeFile read(InputStream source) throws IOException {
    return read(
        (into, position) -> {
          int read =
              source.read(into.array(), into.arrayOffset() + into.position(), into.remaining());
          if (read > 0) {
            into.position(into.position() + read);
          }
          return read;
        });
  }

  /** Where {@link #read} reads from: one read into a heap buffer at {@code position}, or -1. */
  private interface Source {
    int read(ByteBuffer into, long position) throws IOException;
  }

  private static WholeFile read(Source source) throws IOException {
    byte[] head = new byte[CHUNK];
    int headLength = 0;
    while (true) {
      if (headLength == head.length) {
        if (head.length > IN_MEMORY) {
          return spooled(source, head); // one byte more than memory holds: the file is larger
        }
        head = Arrays.copyOf(head, Math.min(IN_MEMORY + 1, head.length * 2));
      }
      int read =
          source.read(ByteBuffer.wrap(head, headLength, head.length - headLength), headLength);
      if (read < 0) {
        return new WholeFile(head, headLength, null, headLength);
      }
      headLength += read;
    }
  }

  /** Writes {@code head}, then the rest of {@code source}, to a new spool file. */
  private static WholeFile spooled(Source source, byte[] head) throws IOException {
    Path tmp = tmp();
    Path spool;
    FileChannel out;
    try {
      spool = Files.createTempFile(tmp, "burrow-export-", ".spool", OwnerOnly.fileAttributes(tmp));
    } catch (IOException e) {
      throw new SpoolException("making", tmp, e);
    }
    try {
      out = FileChannel.open(spool, StandardOpenOption.WRITE);
    } catch (IOException e) {
      Files.deleteIfExists(spool);
      throw new SpoolException("opening", tmp, e);
    }
    try (out) {
      writeFully(out, ByteBuffer.wrap(head), tmp);
      long size = head.length;
      ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
      while (true) {
        chunk.clear();
        int read = source.read(chunk, size);
        if (read < 0) {
          return new WholeFile(new byte[0], 0, spool, size);
        }
        chunk.flip();
        writeFully(out, chunk, tmp);
        size += read;
      }
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(spool);
      throw e;
    }
  }

  private static Path tmp() {
    return Path.of(System.getProperty("java.io.tmpdir"));
  }

  /** One read at {@code position}, the end of what was read so far: -1 at the end of the file. */
  private static int readAt(FileChannel source, ByteBuffer into, long position)
      throws UnreadableException {
    try {
      return source.read(into, position);
    } catch (IOException e) {
      throw new UnreadableException(e);
    }
  }

  private static void writeFully(FileChannel out, ByteBuffer bytes, Path tmp)
      throws SpoolException {
    try {
      while (bytes.hasRemaining()) {
        out.write(bytes);
      }
    } catch (IOException e) {
      throw new SpoolException("writing", tmp, e);
    }
  }

  /** The number of bytes read. */
  long size() {
    return size;
  }

  /** Writes the content read to {@code out}. */
  void writeTo(OutputStream out) throws IOException {
    Path spooled = spool;
    if (spooled == null) {
      out.write(head, 0, headLength);
      return;
    }
    FileChannel in;
    try {
      in = FileChannel.open(spooled, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new SpoolException("reading back", tmp(), e);
    }
    try (in) {
      SafeFiles.copy(in, size, Channels.newChannel(out), spooled);
    }
  }

  /**
   * The content read, from its start; the caller closes it.
   *
   * @throws SpoolException if the spool file cannot be opened
   */
  InputStream open() throws IOException {
    Path spooled = spool;
    if (spooled == null) {
      return new ByteArrayInputStream(head, 0, headLength);
    }
    try {
      return Files.newInputStream(spooled, StandardOpenOption.READ);
    } catch (IOException e) {
      throw new SpoolException("reading back", tmp(), e);
    }
  }

  /** Deletes the spool file, if there is one. */
  @Override
  public void close() throws IOException {
    Path spooled = spool;
    if (spooled != null) {
      Files.deleteIfExists(spooled);
    }
  }
}
