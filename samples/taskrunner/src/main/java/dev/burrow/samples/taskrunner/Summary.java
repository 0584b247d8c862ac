package dev.burrow.samples.taskrunner;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Prints what a run did, how fast, and what its verification found. */
final class Summary {
  private static final int PROBLEMS_SHOWN = 20;

  private final PrintStream out;

  Summary(PrintStream out) {
    this.out = out;
  }

  void print(Run run, Duration elapsed, Verification verification, Path dataRoot) {
    double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
    out.printf(
        Locale.ROOT,
        "run %s: %s, %d succeeded, %d failed (every tenth fails its test on purpose), %s%n",
        run.id(),
        Counted.of(run.tasks(), "task", "tasks"),
        run.succeeded(),
        run.failed(),
        Counted.of(run.steps(), "build step", "build steps"));
    out.printf(
        Locale.ROOT,
        "time %.1f s, %.1f tasks/s, %s of the shared run instance%n",
        seconds,
        run.finished() / seconds,
        Counted.of(run.version() - 1, "update", "updates"));
    out.println("tasks per process: " + perProcess(run.finishedBy()));
    if (verification.passed()) {
      out.println(
          "verified: "
              + Counted.of(verification.tasksChecked(), "task", "tasks")
              + " and every count of the run are exactly what was done; no update was lost");
    } else {
      out.println(
          "VERIFICATION FAILED: "
              + Counted.of(verification.problems().size(), "difference", "differences"));
      verification.problems().stream().limit(PROBLEMS_SHOWN).forEach(p -> out.println("  " + p));
    }
    out.println("data root " + dataRoot + " (see the tasks with: list, show <id>, rm <id>)");
  }

  /** Worker names are {@code <process>-t<thread>}; sums their counts per process. */
  private static Map<String, Integer> perProcess(Map<String, Integer> byWorker) {
    Map<String, Integer> sums = new TreeMap<>();
    byWorker.forEach(
        (worker, count) -> sums.merge(worker.replaceFirst("-t\\d+$", ""), count, Integer::sum));
    return sums;
  }
}
