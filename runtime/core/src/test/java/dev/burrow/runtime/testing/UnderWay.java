package dev.burrow.runtime.testing;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * For a child to be killed in the middle of its work: streams that, read together past a number of
 * bytes (or steps counted past a number of them), print {@value #LINE} once to stdout and read on,
 * never waiting. The parent awaits the line ({@link ChildJvm#awaitLine}) and kills the child at
 * once, so the kill lands wherever the work that follows has come to.
 */
public final class UnderWay {
  /** The line printed once the streams were read past the threshold. */
  public static final String LINE = "under way";

  private final long threshold;
  private long read;
  private boolean said;

  /** Prints {@link #LINE} once the streams it watches were read past {@code threshold} bytes. */
  public UnderWay(long threshold) {
    this.threshold = threshold;
  }

  /** {@code in}, its bytes counted towards the threshold as they are read. */
  public InputStream watch(InputStream in) {
    return new FilterInputStream(in) {
      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          count(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        count(Math.max(0, n));
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
      }
    };
  }

  /** A step of work that counts one towards the threshold each time it runs. */
  public Runnable step() {
    return () -> count(1);
  }

  private synchronized void count(long bytes) {
    read += bytes;
    if (!said && read > threshold) {
      said = true;
      System.out.println(LINE);
      System.out.flush();
    }
  }
}
