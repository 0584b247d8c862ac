package dev.burrow.runtime.internal.transfer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The stream an import reads a directory archive from, which tells a failure of reading it (a
 * device error, a closed pipe) from damage in what was read: the first is thrown as {@link
 * Unreadable}, which the archive's parser never catches, so it is never mistaken for a damaged
 * archive.
 */
final class ArchiveSource extends FilterInputStream {
  ArchiveSource(InputStream archive) {
    super(archive);
  }

  @Override
  public int read() throws IOException {
    try {
      return super.read();
    } catch (IOException e) {
      throw new Unreadable(e);
    }
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    try {
      return super.read(buffer, offset, length);
    } catch (IOException e) {
      throw new Unreadable(e);
    }
  }

  @Override
  public long skip(long count) throws IOException {
    try {
      return super.skip(count);
    } catch (IOException e) {
      throw new Unreadable(e);
    }
  }

  /** Reading the archive's stream failed: the archive may be whole, the reading was not. */
  static final class Unreadable extends UncheckedIOException {
    private static final long serialVersionUID = 1L;

    private final IOException failure;

    Unreadable(IOException failure) {
      super(failure);
      this.failure = failure;
    }

    /** The failure of the archive's stream. */
    IOException failure() {
      return failure;
    }
  }
}
