package dev.burrow.runtime.testing;

import dev.burrow.test.internal.Prerequisites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the {@code git} command line for tests, isolated from the user's configuration. */
public final class Git {
  private Git() {}

  /**
   * Skips the calling test with a visible message if {@code git} is missing, unless every test is
   * required ({@link Prerequisites#allRequired()}): then a missing {@code git} fails.
   */
  public static void assumeInstalled() {
    boolean installed;
    try {
      installed = new ProcessBuilder("git", "--version").start().waitFor() == 0;
    } catch (IOException e) {
      installed = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    Prerequisites.require(
        installed, "git is not installed; the git worktree test did not run", "install git");
  }

  /**
   * Runs {@code git -C directory args...} and returns its output.
   *
   * @throws IllegalStateException with git's output if it fails
   */
  public static String run(Path directory, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "git",
                "-C",
                directory.toString(),
                "-c",
                "user.name=Burrow Test",
                "-c",
                "user.email=test@burrow.invalid",
                "-c",
                "commit.gpgsign=false",
                "-c",
                "init.defaultBranch=main"));
    command.addAll(List.of(args));
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().put("GIT_CONFIG_NOSYSTEM", "1");
      builder.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
      Process process = builder.start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (process.waitFor() != 0) {
        throw new IllegalStateException("git " + String.join(" ", args) + " failed:\n" + output);
      }
      return output;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
