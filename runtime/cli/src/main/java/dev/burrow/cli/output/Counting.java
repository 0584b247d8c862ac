package dev.burrow.cli.output;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Streams that tell a {@link Progress} how far they got. */
public final class Counting {
  private Counting() {}

  /** {@code in}, advancing {@code progress} by every byte read. */
  public static InputStream bytes(InputStream in, Progress progress) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          progress.advance(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          progress.advance(n);
        }
        return n;
      }
    };
  }

  /**
   * {@code out}, advancing {@code progress} by every line written after the first {@code skipped}
   * (a header); closing it closes nothing.
   */
  public static OutputStream lines(OutputStream out, Progress progress, int skipped) {
    return new FilterOutputStream(out) {
      private long ended;

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        if (b == '\n') {
          lineEnded();
        }
      }

      @Override
      public void write(byte[] buffer, int offset, int length) throws IOException {
        out.write(buffer, offset, length);
        for (int i = offset; i < offset + length; i++) {
          if (buffer[i] == '\n') {
            lineEnded();
          }
        }
      }

      private void lineEnded() {
        if (++ended > skipped) {
          progress.advance(1);
        }
      }

      @Override
      public void close() throws IOException {
        flush();
      }
    };
  }
}
