package dev.burrow.samples.taskrunner;

import dev.burrow.EventLog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Runs the task of one slot from creation to its final status. Every change of the task goes
 * through typed updates; every count of the run is an update of the shared run instance under its
 * lock, racing with every other worker of every process.
 */
final class TaskExecutor {
  static final String LOG_FILE = "task.log";

  private final DataRoot data;
  private final String runId;
  private final String worker;

  TaskExecutor(DataRoot data, String runId, String worker) {
    this.data = data;
    this.runId = runId;
    this.worker = worker;
  }

  void execute(int slot) {
    Plan plan = Plan.of(slot);
    TaskRun task = data.tasks().create();
    String id = task.id();
    data.runs().update(runId, run -> run.addTaskId(id));
    data.tasks()
        .update(id, c -> c.runId(runId).slot(slot).worker(worker).addHistory(Status.PENDING));
    TaskRunDirs dirs = data.tasks().dirs(id);
    EventLog<TaskEvent> events = data.events(id);

    record(dirs, events, "started", "slot " + slot + ", " + plan.steps() + " steps");
    advance(id, Status.RUNNING);
    String input = read(dirs.workspace().resolve(Repository.INPUT));
    for (int step = 1; step <= plan.steps(); step++) {
      String file = Plan.outputFile(step);
      String name = Plan.stepName(step);
      write(dirs.workspace().resolve(file), plan.output(id, step, input));
      data.tasks().update(id, c -> c.putOutput(name, file));
      data.runs().update(runId, run -> run.steps(run.steps() + 1));
      record(dirs, events, "step", name + " wrote " + file);
    }

    advance(id, Status.TESTING);
    String failure = test(id, dirs.workspace(), plan.steps(), input);
    record(dirs, events, "tested", failure == null ? "all outputs as expected" : failure);
    Status outcome = failure == null ? Status.SUCCEEDED : Status.FAILED;
    data.tasks().update(id, c -> c.status(outcome).addHistory(outcome).error(failure));
    data.runs()
        .update(
            runId,
            run -> {
              if (outcome == Status.SUCCEEDED) {
                run.succeeded(run.succeeded() + 1);
              } else {
                run.failed(run.failed() + 1);
              }
              run.putFinishedBy(worker, run.finishedBy().getOrDefault(worker, 0) + 1);
            });
    record(dirs, events, "finished", outcome.name());
  }

  private void advance(String id, Status status) {
    data.tasks().update(id, c -> c.status(status).addHistory(status));
  }

  /** The first step whose output is not what it should be, or null. */
  private static @Nullable String test(String id, Path workspace, int steps, String input) {
    for (int step = 1; step <= steps; step++) {
      if (!read(workspace.resolve(Plan.outputFile(step)))
          .equals(Plan.expectedOutput(id, step, input))) {
        return Plan.testFailure(step);
      }
    }
    return null;
  }

  private void record(TaskRunDirs dirs, EventLog<TaskEvent> events, String what, String detail) {
    Instant now = Instant.now();
    events.append(new TaskEvent(now, worker, what, detail));
    append(dirs.logs().resolve(LOG_FILE), now + " " + worker + " " + what + ": " + detail + "\n");
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void append(Path file, String text) {
    try {
      Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
