package dev.burrow.samples.taskrunner;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** The {@code worker} subcommand: a child process running worker threads on one run. */
final class WorkerProcess {
  /** The exit code of a worker process that stopped because its runner exited. */
  static final int RUNNER_GONE = 3;

  private final DataRoot data;
  private final PrintStream err;

  WorkerProcess(DataRoot data, PrintStream err) {
    this.data = data;
    this.err = err;
  }

  /**
   * Runs {@code threads} workers until the run has no free slot; 0 if none of them failed. If the
   * runner that started this process exits first (killed outright, so that it could not stop its
   * workers), the process stops too, as a crash would stop it: nothing is left to verify its work.
   */
  int run(String runId, String name, int threads, @Nullable String runnerPid) {
    if (runnerPid != null) {
      stopWhenRunnerExits(processId(runnerPid), name);
    }
    AtomicInteger failures = new AtomicInteger();
    List<Thread> started = new ArrayList<>();
    for (int i = 1; i <= threads; i++) {
      String worker = name + "-t" + i;
      Runnable loop = new Worker(data, runId, worker);
      Thread thread =
          new Thread(
              () -> {
                try {
                  loop.run();
                } catch (RuntimeException e) {
                  failures.incrementAndGet();
                  err.println("worker " + worker + " failed: " + e);
                }
              },
              worker);
      thread.start();
      started.add(thread);
    }
    for (Thread thread : started) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
    }
    return failures.get() == 0 ? 0 : 1;
  }

  private static long processId(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new UsageException(ChildProcesses.RUNNER_PID + " is no process ID: '" + text + "'");
    }
  }

  /**
   * Stops this process once its runner, process {@code runnerPid}, has exited: at once if this
   * process's parent is no longer the runner (it exited before this process looked), else when the
   * parent exits.
   */
  private void stopWhenRunnerExits(long runnerPid, String name) {
    Optional<ProcessHandle> parent =
        ProcessHandle.current().parent().filter(handle -> handle.pid() == runnerPid);
    Thread watch =
        new Thread(
            () -> {
              parent.ifPresent(runner -> runner.onExit().join());
              err.println("worker process " + name + ": its runner exited; stopping");
              Runtime.getRuntime().halt(RUNNER_GONE);
            },
            name + "-runner-watch");
    watch.setDaemon(true);
    watch.start();
  }
}
