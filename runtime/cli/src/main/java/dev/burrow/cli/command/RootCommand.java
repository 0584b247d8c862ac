package dev.burrow.cli.command;

import dev.burrow.InvalidIdException;
import dev.burrow.cli.root.DataRoot;
import dev.burrow.internal.Printable;
import dev.burrow.spi.PathSegments;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** What every command on a data root shares: where the root is, the lock timeout, the output. */
abstract class RootCommand implements Callable<Integer> {
  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Spec
  CommandSpec spec;

  @Option(
      names = {"-r", "--root"},
      paramLabel = "DIR",
      description =
          "The data root (the directory holding instances/ and .burrow/); default:"
              + " $BURROW_DATA_ROOT, else the current directory.",
      defaultValue = "${env:BURROW_DATA_ROOT:-.}")
  Path root = Path.of(".");

  @Option(
      names = "--lock-timeout",
      paramLabel = "SECONDS",
      description = "How long to wait for an instance's lock (default: ${DEFAULT-VALUE}).",
      defaultValue = "10")
  long lockTimeoutSeconds;

  @Option(names = "--json", description = "Print JSON for scripts instead of text for people.")
  boolean json;

  /** Opens the root. */
  DataRoot open() {
    return DataRoot.open(root, lockTimeout());
  }

  /**
   * {@code --lock-timeout}.
   *
   * @throws CommandLine.ParameterException if it is negative
   */
  Duration lockTimeout() {
    if (lockTimeoutSeconds < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--lock-timeout must be 0 seconds or more, is " + lockTimeoutSeconds);
    }
    return Duration.ofSeconds(lockTimeoutSeconds);
  }

  /**
   * Checks {@code id}, an instance ID given on the command line, before the root is opened.
   *
   * @throws CommandLine.ParameterException if it breaks a rule of instance IDs: a wrong command
   *     line, named with why and the advice every wrong command line gets
   */
  void checkInstanceId(String id) {
    try {
      PathSegments.check(id);
    } catch (InvalidIdException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
    }
  }

  /**
   * Refuses an input file named on the command line that is a directory, before anything is read or
   * created: opening one succeeds, and only its first read fails, with a message that names no
   * file.
   *
   * @param expected what the option takes, for the message ({@code "give " + expected})
   */
  static void requireNoDirectory(@Nullable Path input, String option, String expected) {
    if (input != null && Files.isDirectory(input)) {
      throw new IllegalArgumentException(
          option + " " + Printable.escaped(input.toString()) + " is a directory; give " + expected);
    }
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
