package dev.burrow.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Runs external commands and collects what they print. */
final class Processes {
  private Processes() {}

  /**
   * The command that runs {@code main} with {@code args} in a new JVM on this one's classpath; a
   * list the caller may add to.
   */
  static List<String> java(Class<?> main, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(List.of(args));
    return command;
  }

  /**
   * Runs {@code command} to its end and returns its standard output; its standard error is kept for
   * the exception if it fails.
   *
   * @throws IllegalStateException if it cannot start or exits with a failure
   */
  static String output(List<String> command) {
    @Nullable Path errors = null;
    try {
      errors = Files.createTempFile("burrow-harness-stderr", ".txt");
      Process process = new ProcessBuilder(command).redirectError(errors.toFile()).start();
      process.getOutputStream().close();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      if (exit != 0) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " exited with "
                + exit
                + ":\n"
                + out
                + Files.readString(errors));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command.get(0), e);
    } finally {
      if (errors != null) {
        try {
          Files.deleteIfExists(errors);
        } catch (IOException e) {
          // a leftover file in the temporary directory is harmless
        }
      }
    }
  }

  /** The output of {@code command}, trimmed, or {@code fallback} if it cannot run. */
  static String outputOr(String fallback, String... command) {
    try {
      return output(List.of(command)).trim();
    } catch (RuntimeException e) {
      return fallback;
    }
  }
}
