package dev.burrow.samples.taskrunner;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The worker processes of a run: this program started again, from the same class path (the jar, or
 * the test class path), with the {@code worker} subcommand. They start with the quick compiler and
 * the serial collector: their work waits on the disk and git, not the CPU.
 */
final class ChildProcesses {
  /**
   * The environment variable that gives a worker process its runner's process ID, so that it stops
   * once the runner is gone ({@link WorkerProcess}).
   */
  static final String RUNNER_PID = "TASKRUNNER_RUNNER_PID";

  /** How long stopping the workers waits for each to exit, once told to. */
  private static final long STOP_MILLIS = 10_000;

  private final List<Process> processes;
  private final PrintStream err;
  private final Thread stopOnExit;

  private ChildProcesses(List<Process> processes, PrintStream err) {
    this.processes = processes;
    this.err = err;
    this.stopOnExit = new Thread(this::stop, "stop-workers");
  }

  /**
   * Starts {@code count} worker processes of {@code threads} threads on run {@code runId}; what
   * {@link #stop} does to them it says on {@code err}.
   */
  static ChildProcesses start(
      Path dataRoot, String runId, int count, int threads, PrintStream err) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<Process> started = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      ProcessBuilder builder =
          new ProcessBuilder(
                  java,
                  "-XX:TieredStopAtLevel=1",
                  "-XX:+UseSerialGC",
                  "-cp",
                  System.getProperty("java.class.path"),
                  TaskRunner.class.getName(),
                  "worker",
                  "--data-dir",
                  dataRoot.toString(),
                  "--run",
                  runId,
                  "--threads",
                  Integer.toString(threads),
                  "--name",
                  "p" + i)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.INHERIT);
      builder.environment().put(RUNNER_PID, Long.toString(ProcessHandle.current().pid()));
      try {
        started.add(builder.start());
      } catch (IOException e) {
        started.forEach(Process::destroy);
        throw new UncheckedIOException("cannot start a worker process", e);
      }
    }
    ChildProcesses children = new ChildProcesses(started, err);
    Runtime.getRuntime().addShutdownHook(children.stopOnExit);
    return children;
  }

  /** Waits up to {@code millis} for the processes to exit; whether all have. */
  boolean awaitExit(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    for (Process process : processes) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !process.waitFor(left, TimeUnit.NANOSECONDS)) {
        return false;
      }
    }
    return true;
  }

  /** A line for each process that exited with an error. */
  List<String> failures() {
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < processes.size(); i++) {
      int code = processes.get(i).exitValue();
      if (code != 0) {
        failures.add(name(i) + " exited with code " + code);
      }
    }
    return failures;
  }

  /**
   * Tells the workers still running to stop (SIGTERM) and waits a while for each to exit, naming
   * each on stderr with its exit code (143, SIGTERM's, when it stopped as told). Runs also when the
   * runner is stopped (SIGTERM, SIGINT): a worker left running would go on writing to the root with
   * no runner to verify its work. (A runner killed outright runs no hook; each worker then stops by
   * itself, see {@link WorkerProcess}.)
   */
  void stop() {
    List<Integer> told = new ArrayList<>();
    for (int i = 0; i < processes.size(); i++) {
      if (processes.get(i).isAlive()) {
        processes.get(i).destroy();
        told.add(i);
      }
    }
    for (int i : told) {
      Process process = processes.get(i);
      try {
        if (process.waitFor(STOP_MILLIS, TimeUnit.MILLISECONDS)) {
          err.println(
              "taskrunner: stopped "
                  + name(i)
                  + " (it exited with code "
                  + process.exitValue()
                  + ")");
        } else {
          err.println(
              "taskrunner: "
                  + name(i)
                  + " did not stop within "
                  + TimeUnit.MILLISECONDS.toSeconds(STOP_MILLIS)
                  + " s; it stops by itself once the runner has exited");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** {@code worker process p1} for the first process, as it names its threads. */
  private static String name(int index) {
    return "worker process p" + (index + 1);
  }

  /** Forgets the workers once they have exited: the runner's exit no longer stops them. */
  void forget() {
    try {
      Runtime.getRuntime().removeShutdownHook(stopOnExit);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs or ran, and finds the workers gone
    }
  }
}
