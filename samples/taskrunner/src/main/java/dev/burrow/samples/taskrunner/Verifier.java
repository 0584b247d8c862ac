package dev.burrow.samples.taskrunner;

import dev.burrow.EventBatch;
import dev.burrow.LoggedEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Checks that the stored end state of a run is exactly what its workers did: every task as its
 * {@link Plan} says (status, history, version, outputs, files, log, events, worktree), and every
 * count of the run instance equal to the sum over its tasks. A single lost update anywhere shows up
 * as a difference.
 */
final class Verifier {
  private final DataRoot data;
  private final List<String> problems = new ArrayList<>();

  Verifier(DataRoot data) {
    this.data = data;
  }

  Verification verify(String runId) {
    problems.clear();
    Run run = data.runs().get(runId);
    List<TaskRun> tasks = data.tasks().streamByRunId(runId).toList();
    checkRun(run, tasks);
    String worktrees = data.repository().git("worktree", "list", "--porcelain");
    for (TaskRun task : tasks) {
      checkTask(task, Plan.of(task.slot()), worktrees);
    }
    return new Verification(tasks.size(), List.copyOf(problems));
  }

  private void checkRun(Run run, List<TaskRun> tasks) {
    expect("run claimed slots", run.tasks(), run.claimed());
    expect("tasks stored for the run", run.tasks(), tasks.size());
    expect("task IDs recorded in the run", run.tasks(), run.taskIds().size());
    Set<String> stored = tasks.stream().map(TaskRun::id).collect(Collectors.toSet());
    expect("task IDs recorded in the run", stored, new HashSet<>(run.taskIds()));
    Set<Integer> slots = tasks.stream().map(TaskRun::slot).collect(Collectors.toSet());
    expect("distinct slots", run.tasks(), slots.size());

    List<Plan> plans = tasks.stream().map(task -> Plan.of(task.slot())).toList();
    expect("run steps", plans.stream().mapToInt(Plan::steps).sum(), run.steps());
    expect(
        "run succeeded",
        plans.stream().filter(plan -> !plan.failsTest()).count(),
        (long) run.succeeded());
    expect("run failed", plans.stream().filter(Plan::failsTest).count(), (long) run.failed());
    Map<String, Integer> byWorker = new HashMap<>();
    tasks.forEach(task -> byWorker.merge(task.worker(), 1, Integer::sum));
    expect("tasks finished by each worker", byWorker, run.finishedBy());
  }

  private void checkTask(TaskRun task, Plan plan, String worktrees) {
    String id = task.id();
    expect(id + " status", plan.outcome(), task.status());
    expect(id + " history", plan.history(), task.history());
    expect(id + " version", plan.version(), task.version());
    expect(id + " outputs", plan.outputs(), task.outputs());
    expect(id + " error", plan.failsTest() ? Plan.testFailure(plan.steps()) : null, task.error());

    TaskRunDirs dirs = data.tasks().dirs(id);
    Path workspace = dirs.workspace();
    expect(
        id + " workspace is a git worktree",
        true,
        Files.isRegularFile(workspace.resolve(".git"))
            && worktrees.contains("worktree " + realPath(workspace) + "\n"));
    String input = read(workspace.resolve(Repository.INPUT));
    for (int step = 1; step <= plan.steps(); step++) {
      expect(
          id + " " + Plan.outputFile(step),
          plan.output(id, step, input),
          read(workspace.resolve(Plan.outputFile(step))));
    }
    expect(
        id + " log lines", (long) plan.events(), lines(dirs.logs().resolve(TaskExecutor.LOG_FILE)));

    EventBatch<TaskEvent> events = data.events(id).read(0);
    expect(id + " damaged events", List.of(), events.problems());
    List<String> kinds =
        events.events().stream().map(LoggedEvent::event).map(TaskEvent::what).toList();
    List<String> planned = new ArrayList<>(List.of("started"));
    planned.addAll(Collections.nCopies(plan.steps(), "step"));
    planned.addAll(List.of("tested", "finished"));
    expect(id + " events", planned, kinds);
  }

  private void expect(String what, @Nullable Object expected, @Nullable Object actual) {
    if (!Objects.equals(expected, actual)) {
      problems.add(what + ": expected " + expected + ", found " + actual);
    }
  }

  private static Path realPath(Path path) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      return path;
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  private static long lines(Path file) {
    try (var lines = Files.lines(file)) {
      return lines.count();
    } catch (IOException | UncheckedIOException e) {
      return -1;
    }
  }
}
