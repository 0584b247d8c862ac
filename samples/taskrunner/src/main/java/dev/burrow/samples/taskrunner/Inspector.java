package dev.burrow.samples.taskrunner;

import dev.burrow.CorruptEventException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.EventBatch;
import dev.burrow.LoggedEvent;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.PruneReport;
import dev.burrow.PruneStoppedException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The {@code list}, {@code show} and {@code rm} subcommands. */
final class Inspector {
  private static final String ROW = "%-20s %-10s %-20s %5s  %-8s %s%n";
  private static final int PAGE = 100;

  private final DataRoot data;
  private final PrintStream out;
  private final PrintStream err;

  Inspector(DataRoot data, PrintStream out, PrintStream err) {
    this.data = data;
    this.out = out;
    this.err = err;
  }

  /**
   * Prints at most {@code limit} tasks, newest first, starting after the cursor {@code after} (or
   * at the newest): every task, or those of {@code runId} and/or with {@code status}, found through
   * the generated finders so that only the matching tasks are read. Reads a page at a time so that
   * a root with any number of tasks lists in little memory; damaged tasks are named on stderr. A
   * listing that stops at its limit prints the command for the next page; one that started after a
   * cursor says its count is the last page's, not the root's.
   */
  int list(@Nullable String runId, @Nullable Status status, int limit, @Nullable String after) {
    if (runId != null && data.runs().find(runId).isEmpty()) {
      err.println("taskrunner: no run " + runId + " in " + data.path());
      return 1;
    }
    Function<PageRequest, Page<TaskRun>> pages = pages(runId, status);
    PageRequest request;
    Page<TaskRun> page;
    try {
      request = new PageRequest(Math.min(limit, PAGE), after);
      page = pages.apply(request);
    } catch (IllegalArgumentException e) {
      err.println("taskrunner: --after: " + e.getMessage());
      return 2;
    }
    out.printf(ROW, "ID", "STATUS", "RUN", "SLOT", "WORKER", "UPDATED");
    int shown = 0;
    int damaged = 0;
    while (true) {
      for (TaskRun task : page.items()) {
        out.printf(
            ROW,
            task.id(),
            task.status(),
            task.runId(),
            task.slot(),
            task.worker(),
            task.updatedAt());
      }
      shown += page.items().size();
      page.problems().forEach(p -> err.println("taskrunner: damaged: " + p.getMessage()));
      damaged += page.problems().size();
      PageRequest next = page.next();
      if (next == null) {
        out.println(
            Counted.of(shown, "task", "tasks")
                + " in "
                + data.path()
                + (after == null ? "" : " (the last page)"));
        return damaged == 0 ? 0 : 1;
      }
      if (shown >= limit) {
        out.println(
            Counted.of(shown, "task", "tasks")
                + " shown; the next ones: taskrunner list"
                + (runId == null ? "" : " --run " + runId)
                + (status == null ? "" : " --status " + status)
                + " --after "
                + next.after()
                + (limit == Integer.MAX_VALUE ? "" : " --limit " + limit)
                + " --data-dir "
                + data.path());
        return damaged == 0 ? 0 : 1;
      }
      page = pages.apply(new PageRequest(Math.min(limit - shown, PAGE), next.after()));
    }
  }

  /** The pages of the tasks of {@code runId} and/or with {@code status}, or of every task. */
  private Function<PageRequest, Page<TaskRun>> pages(
      @Nullable String runId, @Nullable Status status) {
    TaskRunStore store = data.tasks();
    if (runId != null && status != null) {
      return store
              .where(TaskRunIndex.RUN_ID.equalTo(runId))
              .and(TaskRunIndex.STATUS.equalTo(status))
          ::list;
    }
    if (runId != null) {
      return request -> store.findByRunId(runId, request);
    }
    if (status != null) {
      return request -> store.findByStatus(status, request);
    }
    return store::list;
  }

  /**
   * Prints task {@code id}, where its directory and workspace are, and its events; a damaged line
   * of its event log, which cannot be shown, is named on stderr and the exit code is 1.
   */
  int show(String id) {
    Optional<TaskRun> found = data.tasks().find(id);
    if (found.isEmpty()) {
      return missing(id);
    }
    TaskRun task = found.get();
    TaskRunDirs dirs = data.tasks().dirs(id);
    out.println("task      " + task.id() + " (version " + task.version() + ")");
    out.println("status    " + task.status() + (task.error() == null ? "" : ": " + task.error()));
    out.println(
        "history   "
            + task.history().stream().map(Status::name).collect(Collectors.joining(" > ")));
    out.println(
        "run       " + task.runId() + ", slot " + task.slot() + ", worker " + task.worker());
    out.println("outputs   " + task.outputs());
    out.println("created   " + task.createdAt() + ", updated " + task.updatedAt());
    out.println("directory " + dirs.root());
    out.println(
        "workspace "
            + dirs.workspace()
            + " (git worktree of "
            + data.repository().directory()
            + ")");
    out.println("events");
    EventBatch<TaskEvent> events = data.events(id).read(0);
    for (LoggedEvent<TaskEvent> logged : events.events()) {
      TaskEvent event = logged.event();
      out.println(
          "  " + event.at() + " " + event.worker() + " " + event.what() + ": " + event.detail());
    }
    // A torn last line is what a crash mid-append leaves, not damage: every reader skips it.
    List<CorruptEventException> damaged =
        events.problems().stream().filter(problem -> !problem.tornTail()).toList();
    damaged.forEach(problem -> err.println("taskrunner: damaged: " + problem.getMessage()));
    return damaged.isEmpty() ? 0 : 1;
  }

  /**
   * Removes task {@code id} and its git worktree. A damaged task (its document cannot be read) is
   * removed all the same, since removing it is how a person gets rid of it, but it is named on
   * stderr, said to be damaged, and the exit code is 1, as for every command that meets one.
   */
  int remove(String id) {
    CorruptInstanceException damage = null;
    try {
      data.tasks().find(id);
    } catch (CorruptInstanceException e) {
      damage = e;
    }
    if (!data.tasks().delete(id)) {
      return missing(id);
    }
    if (damage != null) {
      err.println("taskrunner: damaged: " + damage.getMessage());
      out.println("removed damaged task " + id + " and its git worktree");
      return 1;
    }
    out.println("removed task " + id + " and its git worktree");
    return 0;
  }

  /**
   * Removes every task created more than {@code age} ago, with its git worktree, naming each as it
   * goes; tasks locked by a running worker and ones whose removal failed (a worktree git cannot
   * remove) are kept and named, as damaged ones are by the store ({@link DataRoot}), and the others
   * are removed all the same; the exit code is 1 if any was kept or the store named anything
   * damaged (a stray entry among the tasks too, as {@link #list} does). A removal that stops midway
   * ({@link PruneStoppedException}: the data root could not be read, the thread was interrupted)
   * names and counts what it did before it stopped, then why it stopped. The summary also counts
   * the shards of the tasks that could not be listed, whose tasks were not read, so not removed.
   */
  int removeOlderThan(Duration age) {
    long damagedBefore = data.damagedNamed();
    PruneReport report;
    PruneStoppedException stopped = null;
    try {
      report =
          data.tasks()
              .deleteOlderThan(
                  age, task -> out.println("removed task " + task.id() + " and its git worktree"));
    } catch (PruneStoppedException e) {
      stopped = e;
      report = e.report();
    }
    report.lockedIds().forEach(id -> err.println("taskrunner: in use, kept: " + id));
    more(report.locked(), report.lockedIds().size(), "in use");
    report
        .failures()
        .forEach(
            f -> err.println("taskrunner: not removed: " + f.id() + ": " + f.cause().getMessage()));
    more(report.failed(), report.failures().size(), "not removed");
    long older = report.deleted() + report.locked() + report.failed();
    out.println(
        "removed "
            + report.deleted()
            + " of "
            + Counted.of(older, "task", "tasks")
            + " created more than "
            + inWords(age)
            + " ago"
            + (stopped == null ? "" : " before it stopped")
            + " ("
            + Counted.of(report.examined(), "task", "tasks")
            + " read"
            + (report.unlisted() == 0
                ? ""
                : "; the tasks of "
                    + Counted.of(report.unlisted(), "shard", "shards")
                    + " that cannot be listed were not read")
            + ")");
    if (stopped != null) {
      err.println("taskrunner: " + stopped.getMessage());
      return 1;
    }
    return report.locked() == 0 && data.damagedNamed() == damagedBefore && report.failed() == 0
        ? 0
        : 1;
  }

  /**
   * {@code age} for people, in days, hours, minutes and seconds ({@code 30 days}, {@code 1 day 12
   * hours}, {@code 0 seconds}); a fraction of a second is shown in the seconds.
   */
  static String inWords(Duration age) {
    List<String> parts = new ArrayList<>();
    part(parts, age.toDays(), "day");
    part(parts, age.toHoursPart(), "hour");
    part(parts, age.toMinutesPart(), "minute");
    BigDecimal seconds =
        BigDecimal.valueOf(age.toSecondsPart())
            .add(BigDecimal.valueOf(age.toNanosPart(), 9))
            .stripTrailingZeros();
    if (seconds.signum() != 0 || parts.isEmpty()) {
      parts.add(
          seconds.toPlainString()
              + (seconds.compareTo(BigDecimal.ONE) == 0 ? " second" : " seconds"));
    }
    return String.join(" ", parts);
  }

  private static void part(List<String> parts, long count, String unit) {
    if (count != 0) {
      parts.add(count + " " + unit + (count == 1 ? "" : "s"));
    }
  }

  /** Says how many kept tasks the report counted beyond the {@code named} it names. */
  private void more(long kept, int named, String why) {
    if (kept > named) {
      err.println(
          "taskrunner: " + why + ", kept: " + Counted.of(kept - named, "more task", "more tasks"));
    }
  }

  private int missing(String id) {
    err.println("taskrunner: no task " + id + " in " + data.path());
    return 1;
  }
}
