package dev.burrow.samples.taskrunner;

import dev.burrow.BurrowException;
import dev.burrow.InvalidIdException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The task runner's command line: parses the arguments, opens the data root and hands over to the
 * subcommand. Exit codes: 0 success, 1 failure (including a failed verification), 2 bad arguments.
 */
public final class TaskRunner {
  private final Map<String, String> environment;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;

  /**
   * A runner reading the data root variable from {@code environment}, printing to {@code out} and
   * {@code err}, with a progress line rewritten in place if {@code terminal}.
   */
  public TaskRunner(
      Map<String, String> environment, PrintStream out, PrintStream err, boolean terminal) {
    this.environment = environment;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  /** Runs the command line {@code args} and exits with its code. */
  // On Java 17 to 21, which the runner targets, console() is null unless output is a terminal.
  @SuppressWarnings("SystemConsoleNull")
  public static void main(String[] args) {
    TaskRunner runner =
        new TaskRunner(System.getenv(), System.out, System.err, System.console() != null);
    System.exit(runner.run(args));
  }

  /** Runs the command line {@code args}; returns the exit code. */
  public int run(String... args) {
    Arguments arguments;
    try {
      arguments = Arguments.parse(List.of(args));
    } catch (UsageException e) {
      return usage(String.valueOf(e.getMessage()));
    }
    if (arguments.command().equals("help")) {
      out.println(Arguments.USAGE);
      return 0;
    }
    Path root = DataRoot.resolve(arguments.dataDir(), environment);
    try {
      // First: a root that run refuses is refused by every command, for the same reason.
      DataRoot.refuseUnusable(root);
      if (!DataRoot.holdsData(root) && !List.of("run", "worker").contains(arguments.command())) {
        err.println("taskrunner: no task runner data in " + root + " yet; taskrunner run makes it");
        return 1;
      }
      try (DataRoot data = DataRoot.open(root, err)) {
        return dispatch(arguments, data);
      }
    } catch (InvalidIdException | UsageException e) {
      return usage(String.valueOf(e.getMessage()));
    } catch (BurrowException | IllegalStateException | UncheckedIOException e) {
      err.println("taskrunner: " + e.getMessage());
      return 1;
    }
  }

  private int dispatch(Arguments arguments, DataRoot data) {
    Inspector inspector = new Inspector(data, out, err);
    return switch (arguments.command()) {
      case "run" ->
          new RunCommand(data, out, err, terminal)
              .run(arguments.tasks(), arguments.processes(), arguments.threads());
      case "worker" ->
          new WorkerProcess(data, err)
              .run(
                  required(arguments.runId()),
                  arguments.workerName(),
                  arguments.threads(),
                  environment.get(ChildProcesses.RUNNER_PID));
      case "list" ->
          inspector.list(
              arguments.runId(), arguments.status(), arguments.limit(), arguments.after());
      case "show" -> inspector.show(required(arguments.operand()));
      case "rm" -> {
        Duration age = arguments.olderThan();
        yield age != null
            ? inspector.removeOlderThan(age)
            : inspector.remove(required(arguments.operand()));
      }
      default -> throw new IllegalStateException("unhandled command " + arguments.command());
    };
  }

  private static String required(@Nullable String value) {
    if (value == null) {
      throw new IllegalStateException("Arguments.parse let a missing value through");
    }
    return value;
  }

  private int usage(String problem) {
    err.println("taskrunner: " + problem);
    err.println(Arguments.USAGE);
    return 2;
  }
}
