package dev.burrow.tck.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;

/** Where a child JVM of a kill test stops and waits for its parent to kill it. */
final class KillPoint {
  private KillPoint() {}

  /** Prints {@code line} for the parent, which waits for it, then waits until killed. */
  static void stopHere(String line) {
    System.out.println(line);
    System.out.flush();
    try {
      while (System.in.read() >= 0) {
        // the parent kills this process here
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
