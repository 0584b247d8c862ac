package dev.burrow.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;

/** Makes the FIFOs (named pipes) the planted-path tests put where Burrow expects files. */
public final class Fifos {
  private Fifos() {}

  /** Makes a FIFO at {@code path} with {@code mkfifo}, failing the test if it cannot. */
  public static Path make(Path path) throws IOException {
    try {
      Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
      assertEquals(0, mkfifo.waitFor(), "mkfifo " + path);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    return path;
  }
}
