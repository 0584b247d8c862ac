package dev.burrow.test.internal.postgres;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Child main of {@link LocalPostgresTest}: starts a server with the binaries in {@code args[0]},
 * prints {@code failed: <message's first line>} as the start fails (or {@code started}), then waits
 * for its stdin to close.
 */
final class FailedStart {
  private FailedStart() {}

  public static void main(String[] args) throws IOException {
    try (LocalPostgres server = LocalPostgres.start(Path.of(args[0]))) {
      System.out.println("started");
    } catch (RuntimeException e) {
      System.out.println("failed: " + e.getMessage().lines().findFirst().orElse(""));
    }
    System.out.flush();
    while (System.in.read() >= 0) {
      // the parent looks at the temporary directory until it closes this stream
    }
  }
}
