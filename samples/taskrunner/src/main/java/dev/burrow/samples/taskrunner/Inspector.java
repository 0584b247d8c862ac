package dev.burrow.samples.taskrunner;

import dev.burrow.LoggedEvent;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/** The {@code list}, {@code show} and {@code rm} subcommands. */
final class Inspector {
  private static final String ROW = "%-20s %-10s %-20s %5s  %-8s %s%n";

  private final DataRoot data;
  private final PrintStream out;
  private final PrintStream err;

  Inspector(DataRoot data, PrintStream out, PrintStream err) {
    this.data = data;
    this.out = out;
    this.err = err;
  }

  /**
   * Lists the tasks, newest first: every one, or those of {@code runId} and/or with {@code status},
   * found through the generated finders, so only the matching tasks are read.
   */
  int list(@Nullable String runId, @Nullable Status status) {
    TaskRunStore store = data.tasks();
    List<TaskRun> tasks;
    if (runId != null && status != null) {
      tasks =
          store
              .where(TaskRunIndex.RUN_ID.equalTo(runId))
              .and(TaskRunIndex.STATUS.equalTo(status))
              .list();
    } else if (runId != null) {
      tasks = store.streamByRunId(runId).toList();
    } else if (status != null) {
      tasks = store.streamByStatus(status).toList();
    } else {
      tasks = store.list();
    }
    out.printf(ROW, "ID", "STATUS", "RUN", "SLOT", "WORKER", "UPDATED");
    for (TaskRun task : tasks) {
      out.printf(
          ROW,
          task.id(),
          task.status(),
          task.runId(),
          task.slot(),
          task.worker(),
          task.updatedAt());
    }
    out.println(tasks.size() + " tasks in " + data.path());
    return 0;
  }

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
    for (LoggedEvent<TaskEvent> logged : data.events(id).read(0).events()) {
      TaskEvent event = logged.event();
      out.println(
          "  " + event.at() + " " + event.worker() + " " + event.what() + ": " + event.detail());
    }
    return 0;
  }

  int remove(String id) {
    if (!data.tasks().delete(id)) {
      return missing(id);
    }
    out.println("removed task " + id + " and its git worktree");
    return 0;
  }

  private int missing(String id) {
    err.println("taskrunner: no task " + id + " in " + data.path());
    return 1;
  }
}
