package dev.burrow.runtime.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Tools some tests need from the machine (strace, libfiu, setpriv): a test without its tool is
 * skipped with a message on stderr, except in CI ({@code CI=true}), where it fails, so that a CI
 * machine missing a tool cannot pass by skipping.
 */
public final class Prerequisites {
  private Prerequisites() {}

  /** Whether an executable named {@code name} is on the {@code PATH}. */
  public static boolean onPath(String name) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, name)));
  }

  /**
   * Skips the calling test (fails it in CI) unless strace is installed and may trace a child here.
   *
   * @param check the check that needs it, for the message
   */
  public static void requireStrace(String check) {
    boolean available;
    try {
      Process probe =
          new ProcessBuilder("strace", "-o", "/dev/null", "true").redirectErrorStream(true).start();
      available = probe.waitFor(1, TimeUnit.MINUTES) && probe.exitValue() == 0;
    } catch (IOException e) {
      available = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      available = false;
    }
    require(
        available,
        "strace is not installed or cannot trace here; " + check + " did not run",
        ".ci/run must install strace");
  }

  /**
   * Does nothing if {@code available}; else skips the calling test, or fails it in CI.
   *
   * @param missing what is missing and which check therefore did not run
   * @param ciFix what CI must install
   */
  public static void require(boolean available, String missing, String ciFix) {
    if (available) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      throw new AssertionError(missing + " (CI=true: " + ciFix + ")");
    }
    System.err.println("SKIPPED: " + missing);
    assumeTrue(false, missing);
  }
}
