package dev.burrow.samples.taskrunner;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The {@code run} subcommand: creates a run, starts the worker processes, shows progress until they
 * exit, then verifies and summarizes.
 */
final class RunCommand {
  private final DataRoot data;
  private final PrintStream out;
  private final PrintStream err;
  private final boolean terminal;

  RunCommand(DataRoot data, PrintStream out, PrintStream err, boolean terminal) {
    this.data = data;
    this.out = out;
    this.err = err;
    this.terminal = terminal;
  }

  int run(int tasks, int processes, int threads) {
    data.repository().ensureExists();
    String runId = data.runs().create().id();
    data.runs().update(runId, c -> c.tasks(tasks));
    out.println(
        "run "
            + runId
            + ": "
            + Counted.of(tasks, "task", "tasks")
            + " in "
            + Counted.of(processes, "process", "processes")
            + " x "
            + Counted.of(threads, "thread", "threads")
            + ", data root "
            + data.path());

    long start = System.nanoTime();
    ChildProcesses children = ChildProcesses.start(data.path(), runId, processes, threads, err);
    Progress progress = new Progress(out, terminal);
    boolean exited = false;
    try {
      while (!children.awaitExit(progress.intervalMillis())) {
        progress.show(data.runs().get(runId), since(start));
      }
      exited = true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    } finally {
      if (!exited) {
        children.stop();
      }
      children.forget();
    }
    Duration elapsed = since(start);
    Run run = data.runs().update(runId, c -> c.finishedAt(Instant.now()));
    progress.done(run, elapsed);

    List<String> failures = children.failures();
    failures.forEach(err::println);
    Verification verification = new Verifier(data).verify(runId);
    new Summary(out).print(run, elapsed, verification, data.path());
    return failures.isEmpty() && verification.passed() ? 0 : 1;
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
