package dev.burrow.test.internal;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What some tests need from the machine (PostgreSQL, strace, libfiu, setpriv, git, POSIX
 * permissions). Where every test is required, a test without what it needs fails; elsewhere it is
 * skipped with a message on stderr.
 *
 * <p>Every test is required when the environment variable {@value #SWITCH} is {@code true} ({@code
 * .ci/run} sets it itself, whatever the CI host's environment says) or {@code CI} is {@code true}.
 * The build's verify check then also fails if any test was skipped or aborted, and lists them.
 */
public final class Prerequisites {
  /** The environment variable that makes every test required. */
  public static final String SWITCH = "BURROW_REQUIRE_ALL_TESTS";

  private Prerequisites() {}

  /** Whether every test must run: a missing prerequisite fails instead of skipping. */
  public static boolean allRequired() {
    return "true".equals(System.getenv(SWITCH)) || "true".equals(System.getenv("CI"));
  }

  /** Whether an executable named {@code name} is on the {@code PATH}. */
  public static boolean onPath(String name) {
    return Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, name)));
  }

  /**
   * Skips the calling test (fails it where every test is required) unless strace is installed and
   * may trace a child here.
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
        "install strace");
  }

  /**
   * Does nothing if {@code available}; else skips the calling test, or fails it where every test is
   * required.
   *
   * @param missing what is missing and which check therefore did not run
   * @param fix what the machine must install or offer
   */
  public static void require(boolean available, String missing, String fix) {
    if (available) {
      return;
    }
    if (allRequired()) {
      throw new AssertionError(missing + " (" + SWITCH + " or CI is true: " + fix + ")");
    }
    System.err.println("SKIPPED: " + missing);
    assumeTrue(false, missing);
  }
}
