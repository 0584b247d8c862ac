package dev.burrow.samples.taskrunner;

import java.io.IOException;
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
  private final Thread stopOnExit;

  private ChildProcesses(List<Process> processes) {
    this.processes = processes;
    this.stopOnExit = new Thread(this::stop, "stop-workers");
  }

  static ChildProcesses start(Path dataRoot, String runId, int count, int threads) {
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
    ChildProcesses children = new ChildProcesses(started);
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
        failures.add("worker process p" + (i + 1) + " exited with code " + code);
      }
    }
    return failures;
  }

  /**
   * Tells the workers to stop and waits a while for them to exit. Runs also when the runner is
   * stopped (SIGTERM, SIGINT): a worker left running would go on writing to the root with no runner
   * to verify its work. (A runner killed outright runs no hook; each worker then stops by itself,
   * see {@link WorkerProcess}.)
   */
  void stop() {
    processes.forEach(Process::destroy);
    for (Process process : processes) {
      try {
        process.waitFor(STOP_MILLIS, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
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
