package dev.burrow.samples.taskrunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the {@code git} command line in one directory. */
final class Git {
  private final Path directory;

  Git(Path directory) {
    this.directory = directory;
  }

  /**
   * Runs {@code git -C directory args...} and returns what it printed.
   *
   * @throws IllegalStateException with git's output if it fails or is missing
   */
  String run(String... args) {
    Outcome outcome = execute(args);
    if (outcome.code() != 0) {
      throw new IllegalStateException(
          "git "
              + String.join(" ", args)
              + " failed in "
              + directory
              + ":\n"
              + outcome.output().strip());
    }
    return outcome.output();
  }

  /**
   * Whether {@code git -C directory args...} succeeds.
   *
   * @throws UncheckedIOException if git is missing
   */
  boolean succeeds(String... args) {
    return execute(args).code() == 0;
  }

  private Outcome execute(String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "git",
                "-C",
                directory.toString(),
                "-c",
                "user.name=Burrow Task Runner",
                "-c",
                "user.email=taskrunner@burrow.invalid",
                "-c",
                "commit.gpgsign=false"));
    command.addAll(List.of(args));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      return new Outcome(process.waitFor(), output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run git (is it installed?): " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running git " + String.join(" ", args), e);
    }
  }

  private record Outcome(int code, String output) {}
}
