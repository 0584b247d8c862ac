package dev.burrow.samples.taskrunner;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** The {@code worker} subcommand: a child process running worker threads on one run. */
final class WorkerProcess {
  private final DataRoot data;
  private final PrintStream err;

  WorkerProcess(DataRoot data, PrintStream err) {
    this.data = data;
    this.err = err;
  }

  /** Runs {@code threads} workers until the run has no free slot; 0 if none of them failed. */
  int run(String runId, String name, int threads) {
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
}
