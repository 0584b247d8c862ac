package dev.burrow.samples.taskrunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.InstanceLock;
import dev.burrow.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One small run across two worker processes, then the subcommands on what it left. */
class RunTest {
  private static final int TASKS = 12;

  @TempDir static Path dir;
  private static Path root;
  private static Console run;
  private static String runId;

  @BeforeAll
  static void runTwoProcesses() {
    root = dir.resolve("root");
    run =
        Console.run(
            "run",
            "--tasks",
            Integer.toString(TASKS),
            "--processes",
            "2",
            "--threads",
            "2",
            "--data-dir",
            root.toString());
    Matcher matcher = Pattern.compile("^run (\\S+): ", Pattern.MULTILINE).matcher(run.out);
    assertTrue(matcher.find(), run.toString());
    runId = matcher.group(1);
  }

  @Test
  void aRunAcrossTwoProcessesVerifies() {
    assertEquals(0, run.exitCode, run.toString());
    assertTrue(run.out.contains("verified: " + TASKS + " tasks"), run.toString());
    assertTrue(run.out.contains(TASKS + "/" + TASKS + " tasks, 1 failed"), run.toString());
    assertTrue(run.out.contains(TASKS + " tasks, 11 succeeded, 1 failed"), run.toString());
    try (DataRoot data = DataRoot.open(root, System.err)) {
      Run stored = data.runs().get(runId);
      assertEquals(TASKS, stored.finishedBy().values().stream().mapToInt(Integer::intValue).sum());
      assertTrue(
          stored.finishedBy().keySet().stream().allMatch(w -> w.matches("p[12]-t[12]")),
          stored.finishedBy().toString());
    }
  }

  @Test
  void verificationReportsALostUpdateOrAChangedFile() throws Exception {
    Path other = dir.resolve("tampered");
    smallRun(other, 2);
    try (DataRoot data = DataRoot.open(other, System.err)) {
      Run stored = data.runs().list().get(0);
      data.runs().update(stored.id(), c -> c.steps(c.steps() - 1));
      TaskRun task = data.tasks().list().get(0);
      Files.writeString(
          data.tasks().dirs(task.id()).workspace().resolve(Plan.outputFile(1)), "lost\n");

      List<String> problems = new Verifier(data).verify(stored.id()).problems();
      assertEquals(2, problems.size(), problems.toString());
      assertTrue(problems.get(0).startsWith("run steps: expected "), problems.toString());
      assertTrue(problems.get(1).startsWith(task.id() + " out/step-1.txt: "), problems.toString());
    }
  }

  @Test
  void listShowsEveryTaskNewestFirst() {
    Console list = Console.run("list", "--data-dir", root.toString());
    assertEquals(0, list.exitCode, list.toString());
    try (DataRoot data = DataRoot.open(root, System.err)) {
      List<TaskRun> tasks = data.tasks().list();
      assertTrue(list.out.contains(tasks.size() + " tasks in " + root), list.toString());
      List<String> rows =
          list.out.lines().skip(1).limit(tasks.size()).map(row -> row.split(" ")[0]).toList();
      assertEquals(
          tasks.stream().map(TaskRun::id).toList(), rows, "newest first, as the store lists them");
    }
  }

  @Test
  void listFiltersByRunAndStatusThroughTheFinders() {
    Path filtered = dir.resolve("filtered");
    List<String> runIds = new java.util.ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Console small =
          Console.run(
              "run",
              "--tasks",
              "10",
              "--processes",
              "1",
              "--threads",
              "2",
              "--data-dir",
              filtered.toString());
      assertEquals(0, small.exitCode, small.toString());
      Matcher matcher = Pattern.compile("^run (\\S+): ", Pattern.MULTILINE).matcher(small.out);
      assertTrue(matcher.find(), small.toString());
      runIds.add(matcher.group(1));
    }
    String first = runIds.get(0);
    try (DataRoot data = DataRoot.open(filtered, System.err)) {
      List<TaskRun> all = data.tasks().list();
      assertEquals(20, all.size());
      assertListed(
          filtered, all.stream().filter(t -> t.runId().equals(first)).toList(), "--run", first);
      assertListed(
          filtered,
          all.stream().filter(t -> t.status() == Status.FAILED).toList(),
          "--status",
          "failed");
      List<TaskRun> failedInRun =
          all.stream().filter(t -> t.runId().equals(first) && t.status() == Status.FAILED).toList();
      assertEquals(1, failedInRun.size());
      assertListed(filtered, failedInRun, "--run", first, "--status", "FAILED");
    }
  }

  private static void assertListed(Path at, List<TaskRun> expected, String... filter) {
    List<String> args = new java.util.ArrayList<>(List.of("list", "--data-dir", at.toString()));
    args.addAll(List.of(filter));
    Console list = Console.run(args.toArray(String[]::new));
    assertEquals(0, list.exitCode, list.toString());
    assertTrue(
        list.out.contains(Counted.of(expected.size(), "task", "tasks") + " in " + at),
        list.toString());
    List<String> rows =
        list.out.lines().skip(1).limit(expected.size()).map(row -> row.split(" ")[0]).toList();
    assertEquals(expected.stream().map(TaskRun::id).toList(), rows, String.join(" ", filter));
  }

  @Test
  void listPagesWithALimitAndGoesOnAfterTheCursorItPrints() {
    List<String> all;
    try (DataRoot data = DataRoot.open(root, System.err)) {
      all = data.tasks().list().stream().map(TaskRun::id).toList();
    }
    Console first = Console.run("list", "--limit", "5", "--data-dir", root.toString());
    assertEquals(0, first.exitCode, first.toString());
    Matcher next =
        Pattern.compile("the next ones: taskrunner list --after (\\S+) ").matcher(first.out);
    assertTrue(next.find(), first.toString());
    Console rest = Console.run("list", "--after", next.group(1), "--data-dir", root.toString());
    assertEquals(0, rest.exitCode, rest.toString());

    List<String> shown = new ArrayList<>(rows(first, 5));
    shown.addAll(rows(rest, all.size() - 5));
    assertEquals(all, shown, "two pages, newest first, nothing twice or missing");
    // The count of the last page is not the root's: before, it read "N tasks in ROOT".
    assertTrue(
        rest.out.contains((all.size() - 5) + " tasks in " + root + " (the last page)"),
        rest.toString());
    assertFalse(first.out.contains("(the last page)"), first.toString());
    Console bad = Console.run("list", "--after", "not-a-cursor", "--data-dir", root.toString());
    assertEquals(2, bad.exitCode, bad.toString());
    assertTrue(bad.err.contains("--after: "), bad.toString());
  }

  /**
   * A run of {@code tasks} tasks in one process of one thread on the root {@code root}, which must
   * succeed.
   */
  private static Console smallRun(Path root, int tasks) {
    Console run =
        Console.run(
            "run",
            "--tasks",
            Integer.toString(tasks),
            "--processes",
            "1",
            "--threads",
            "1",
            "--data-dir",
            root.toString());
    assertEquals(0, run.exitCode, run.toString());
    return run;
  }

  /** A task of a root: its id, its directory and its git worktree. */
  private record ListedTask(String id, Path directory, Path workspace) {
    Path document() {
      return directory.resolve("instance.json");
    }
  }

  /** The task at {@code index} in the store's list of {@code root}'s tasks (newest first). */
  private static ListedTask listedTask(Path root, int index) {
    try (DataRoot data = DataRoot.open(root, System.err)) {
      String id = data.tasks().list().get(index).id();
      return new ListedTask(id, data.tasks().dirs(id).root(), data.tasks().dirs(id).workspace());
    }
  }

  private static List<String> rows(Console list, int count) {
    return list.out.lines().skip(1).limit(count).map(row -> row.split(" ")[0]).toList();
  }

  @Test
  void rmOlderThanRemovesTheTasksCreatedBeforeTheCutoffWithTheirWorktrees() throws Exception {
    Path other = dir.resolve("retention");
    smallRun(other, 3);

    Console none = Console.run("rm", "--older-than", "1d", "--data-dir", other.toString());
    assertEquals(0, none.exitCode, none.toString());
    assertTrue(
        none.out.contains("removed 0 of 0 tasks created more than 1 day ago (3 tasks read)"),
        none.toString());

    Console longest = Console.run("rm", "--older-than", "36500d", "--data-dir", other.toString());
    assertEquals(0, longest.exitCode, longest.toString());
    assertTrue(longest.out.contains("removed 0 of 0 tasks"), longest.toString());

    Console all = Console.run("rm", "--older-than", "0s", "--data-dir", other.toString());
    assertEquals(0, all.exitCode, all.toString());
    assertTrue(all.out.contains("removed 3 of 3 tasks"), all.toString());
    assertEquals(
        3, all.out.lines().filter(l -> l.startsWith("removed task ")).count(), all.toString());
    try (DataRoot data = DataRoot.open(other, System.err)) {
      assertEquals(List.of(), data.tasks().list());
      String worktrees = data.repository().git("worktree", "list", "--porcelain");
      assertEquals(1, worktrees.lines().filter(l -> l.startsWith("worktree ")).count(), worktrees);
    }
  }

  /**
   * {@code rm --older-than} counts the tasks it removed against those older than the age, not
   * against every task it read: of 3 tasks of which one was created 5 years ago, it says it removed
   * 1 of 1. Before, it said "removed 1 of 3 tasks created more than 1 day ago", naming two new
   * tasks old.
   */
  @Test
  void rmOlderThanCountsOnlyTheTasksOlderThanTheAge() throws Exception {
    Path other = dir.resolve("retention-mixed");
    smallRun(other, 3);
    ListedTask old = listedTask(other, 1);
    Path document = old.document();
    Files.writeString(
        document,
        Files.readString(document)
            .replaceFirst(
                "\"createdAt\" *: *\"[^\"]*\"", "\"createdAt\":\"2020-01-01T00:00:00Z\""));

    Console rm = Console.run("rm", "--older-than", "1d", "--data-dir", other.toString());

    assertEquals(0, rm.exitCode, rm.toString());
    assertTrue(
        rm.out.contains("removed 1 of 1 task created more than 1 day ago (3 tasks read)"),
        rm.toString());
    try (DataRoot data = DataRoot.open(other, System.err)) {
      assertEquals(2, data.tasks().list().size());
      assertTrue(data.tasks().find(old.id()).isEmpty());
    }
  }

  /**
   * A task whose worktree git refuses to remove (locked) is kept and named, with why, and every
   * other task is removed all the same; the exit code says not everything was removed.
   */
  @Test
  void rmOlderThanGoesOnPastATaskWhoseWorktreeCannotBeRemovedAndNamesIt() throws Exception {
    Path other = dir.resolve("retention-locked");
    smallRun(other, 3);
    String locked;
    try (DataRoot data = DataRoot.open(other, System.err)) {
      locked = data.tasks().list().get(0).id(); // the newest: the first one the prune meets
      data.repository().git("worktree", "lock", data.tasks().dirs(locked).workspace().toString());
    }

    Console all = Console.run("rm", "--older-than", "0s", "--data-dir", other.toString());

    assertEquals(1, all.exitCode, all.toString());
    assertTrue(all.out.contains("removed 2 of 3 tasks"), all.toString());
    assertTrue(all.err.contains("taskrunner: not removed: " + locked + ": "), all.toString());
    try (DataRoot data = DataRoot.open(other, System.err)) {
      assertEquals(List.of(locked), data.tasks().list().stream().map(TaskRun::id).toList());
    }
  }

  /**
   * An {@code rm --older-than} that stops midway (here interrupted while it waits for a task a
   * worker holds) still names the task it kept and says how many it removed before it stopped.
   * Before, it printed only the store's message ("the prune stopped after reading 3 instances and
   * deleting 1 of them …"): the task kept for its locked worktree went unnamed.
   */
  @Test
  void rmOlderThanStoppedMidwayStillNamesWhatItKeptAndRemoved() throws Exception {
    Path other = dir.resolve("retention-stopped");
    smallRun(other, 3);
    try (DataRoot data = DataRoot.open(other, System.err)) {
      List<String> tasks = data.tasks().list().stream().map(TaskRun::id).toList();
      String stuck = tasks.get(0); // the newest: the first one the prune meets
      String busy = tasks.get(2); // the oldest: the last one
      data.repository().git("worktree", "lock", data.tasks().dirs(stuck).workspace().toString());
      FutureTask<Console> rm =
          new FutureTask<>(
              () -> Console.run("rm", "--older-than", "0s", "--data-dir", other.toString()));
      Thread runner = new Thread(rm);
      try (InstanceLock held = data.tasks().lock(busy)) {
        runner.start();
        while (!waitsForALock(runner) && !rm.isDone()) {
          Thread.onSpinWait();
        }
        runner.interrupt();
        runner.join();
      }
      Console stopped = rm.get();

      assertEquals(1, stopped.exitCode, stopped.toString());
      assertTrue(
          stopped.err.contains("taskrunner: not removed: " + stuck + ": "), stopped.toString());
      assertTrue(
          stopped.out.contains(
              "removed 1 of 2 tasks created more than 0 seconds ago before it stopped"
                  + " (3 tasks read)"),
          stopped.toString());
      assertTrue(stopped.err.contains("the prune stopped after reading 3 "), stopped.toString());
      assertEquals(List.of(stuck, busy), data.tasks().list().stream().map(TaskRun::id).toList());
    }
  }

  @Test
  void showPrintsTheTaskItsHistoryAndItsEvents() {
    String id = taskIds().get(0);
    Console show = Console.run("show", id, "--data-dir", root.toString());
    assertEquals(0, show.exitCode, show.toString());
    assertTrue(show.out.contains("task      " + id), show.toString());
    assertTrue(show.out.contains("PENDING > RUNNING > TESTING > "), show.toString());
    assertTrue(show.out.contains(" started: slot "), show.toString());
    assertTrue(show.out.contains(" finished: "), show.toString());

    Console missing = Console.run("show", "no-such-task", "--data-dir", root.toString());
    assertEquals(1, missing.exitCode, missing.toString());
    assertTrue(missing.err.contains("no task no-such-task"), missing.toString());
  }

  @Test
  void rmRemovesTheTaskAndItsGitWorktree() throws Exception {
    String id = taskIds().get(1);
    Path workspace;
    try (DataRoot data = DataRoot.open(root, System.err)) {
      workspace = data.tasks().dirs(id).workspace().toRealPath();
      assertTrue(
          data.repository()
              .git("worktree", "list", "--porcelain")
              .contains("worktree " + workspace + "\n"));
    }
    Console rm = Console.run("rm", id, "--data-dir", root.toString());
    assertEquals(0, rm.exitCode, rm.toString());
    try (DataRoot data = DataRoot.open(root, System.err)) {
      assertTrue(data.tasks().find(id).isEmpty());
      String worktrees = data.repository().git("worktree", "list", "--porcelain");
      assertFalse(worktrees.contains(workspace.toString()), worktrees);
    }
    assertFalse(Files.exists(workspace));
    assertEquals(1, Console.run("rm", id, "--data-dir", root.toString()).exitCode);
  }

  private static List<String> taskIds() {
    try (RunStore runs =
        RunStore.open(StoreOptions.defaults().withDataRoot(root.resolve("runs")))) {
      return runs.get(runId).taskIds();
    }
  }

  @Test
  void aDataDirectoryHoldingOtherFilesIsRefusedAndLeftAsItWas() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    Files.writeString(home.resolve("notes.txt"), "mine");

    Console run = Console.run("run", "--tasks", "1", "--data-dir", home.toString());
    assertEquals(2, run.exitCode, run.toString());
    assertTrue(
        run.err.contains(home + " holds other files but no task runner data"), run.toString());
    try (Stream<Path> entries = Files.list(home)) {
      assertEquals(List.of(home.resolve("notes.txt")), entries.toList());
    }
  }

  /**
   * A home directory holds {@code .burrow/} once a Burrow application has used its default data
   * root ({@code ~/.burrow/<name>}): that is no task runner data, and the home directory is refused
   * as any other directory holding other files, with nothing made in it.
   */
  @Test
  void aDirectoryHoldingTheDefaultRootsOfOtherApplicationsIsRefusedAndLeftAsItWas()
      throws Exception {
    Path home = Files.createDirectories(dir.resolve("home-of-burrow-user"));
    Path otherApplication = Files.createDirectories(home.resolve(".burrow").resolve("runs"));
    Files.writeString(home.resolve("notes.txt"), "mine");

    for (String command : List.of("list", "run")) {
      Console refused = Console.run(command, "--data-dir", home.toString());
      assertEquals(2, refused.exitCode, refused.toString());
      assertTrue(
          refused.err.contains(home + " holds other files but no task runner data"),
          refused.toString());
    }
    try (Stream<Path> entries = Files.list(home)) {
      assertEquals(
          List.of(home.resolve(".burrow"), home.resolve("notes.txt")), entries.sorted().toList());
    }
    try (Stream<Path> entries = Files.list(home.resolve(".burrow"))) {
      assertEquals(List.of(otherApplication), entries.toList());
    }
  }

  /**
   * The reading commands refuse a root that run refuses, with run's words and exit code, rather
   * than advise a run that would refuse it; a missing or empty directory is one no run made yet.
   */
  @Test
  void aRootRunRefusesIsRefusedByEveryCommandAndOnlyAMissingOrEmptyOneHasNoDataYet()
      throws Exception {
    Path foreign = Files.createDirectories(dir.resolve("foreign"));
    Files.writeString(foreign.resolve("notes.txt"), "mine\n");
    Path file = Files.writeString(dir.resolve("a-file"), "mine\n");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    Path missing = dir.resolve("missing");
    List<List<String>> readers =
        List.of(
            List.of("list"),
            List.of("show", "1"),
            List.of("rm", "1"),
            List.of("rm", "--older-than", "1d"));

    Map<Path, String> refusals =
        Map.of(
            foreign, foreign + " holds other files but no task runner data: give --data-dir",
            file, file + " exists and is not a directory: give --data-dir");
    for (Map.Entry<Path, String> refused : refusals.entrySet()) {
      Path at = refused.getKey();
      Console run = Console.run("run", "--tasks", "1", "--data-dir", at.toString());
      assertEquals(2, run.exitCode, run.toString());
      String why = run.err.lines().findFirst().orElseThrow();
      assertTrue(why.startsWith("taskrunner: " + refused.getValue()), run.toString());
      for (List<String> reader : readers) {
        Console read = Console.run(withDataDir(reader, at));
        assertEquals(2, read.exitCode, reader + "\n" + read);
        assertEquals(why, read.err.lines().findFirst().orElseThrow(), reader + "\n" + read);
      }
    }
    assertEquals("mine\n", Files.readString(file));
    try (Stream<Path> entries = Files.list(foreign)) {
      assertEquals(List.of(foreign.resolve("notes.txt")), entries.toList());
    }

    for (Path none : List.of(empty, missing)) {
      for (List<String> reader : readers) {
        Console read = Console.run(withDataDir(reader, none));
        assertEquals(1, read.exitCode, reader + "\n" + read);
        assertEquals(
            "taskrunner: no task runner data in " + none + " yet; taskrunner run makes it\n",
            read.err,
            reader + "\n" + read);
      }
    }
    assertFalse(Files.exists(missing));
    try (Stream<Path> entries = Files.list(empty)) {
      assertEquals(List.of(), entries.toList());
    }
  }

  /**
   * A runner killed outright at its first open of a new root, after the store made {@code
   * instances/} and before it made {@code .burrow/}, leaves that one empty directory: the root is
   * still one no run made, not a foreign directory, and the next run makes it whole.
   */
  @Test
  void aRootAFirstRunWasKilledWhileMakingIsNoForeignDirectory() throws Exception {
    Path interrupted = Files.createDirectories(dir.resolve("interrupted").resolve("instances"));
    Path at = interrupted.getParent();

    Console list = Console.run("list", "--data-dir", at.toString());
    assertEquals(1, list.exitCode, list.toString());
    assertEquals(
        "taskrunner: no task runner data in " + at + " yet; taskrunner run makes it\n",
        list.err,
        list.toString());
    Console run = smallRun(at, 1);
    assertTrue(run.out.contains("verified: 1 task and"), run.toString());
  }

  /**
   * A root a run made whose {@code instances/} was removed by hand is still the runner's (its kind
   * marker says so), not a foreign directory: listing it finds no tasks, and it is left as it was
   * but for the {@code instances/} the store makes again.
   */
  @Test
  void aRunnersRootWhoseInstancesWereRemovedIsStillTheRunners() throws Exception {
    Path at = dir.resolve("emptied");
    smallRun(at, 1);
    try (Stream<Path> all = Files.walk(at.resolve("instances"))) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }

    Console list = Console.run("list", "--data-dir", at.toString());

    assertFalse(list.err.contains("holds other files"), list.toString());
    assertFalse(list.out.contains(" RUNNING "), list.toString());
  }

  /**
   * A first run killed after it made its repository with {@code git init} and before the commit
   * leaves a repository with no HEAD; the next run makes the commit, rather than fail every task's
   * {@code git worktree add} on it.
   */
  @Test
  void aRunAfterOneKilledBeforeItsRepositoryHadACommitMakesTheCommit() throws Exception {
    Path at = dir.resolve("no-commit");
    try (DataRoot data = DataRoot.open(at, System.err)) {
      new Git(Files.createDirectories(data.repository().directory())).run("init", "-q");
    }

    Console run = smallRun(at, 1);
    assertTrue(run.out.contains("verified: 1 task and"), run.toString());
  }

  private static String[] withDataDir(List<String> command, Path root) {
    List<String> args = new ArrayList<>(command);
    args.addAll(List.of("--data-dir", root.toString()));
    return args.toArray(String[]::new);
  }

  /**
   * rm of a damaged task removes it and its worktree all the same (that is how one gets rid of it),
   * but says it was damaged, naming its document once, and exits 1, as the usage text says.
   */
  @Test
  void rmOfADamagedTaskRemovesItSaysItWasDamagedAndExitsOne() throws Exception {
    Path other = dir.resolve("rm-damaged");
    smallRun(other, 1);
    ListedTask task = listedTask(other, 0);
    String damaged = task.id();
    Path document = task.document();
    Path workspace = task.workspace().toRealPath();
    Files.writeString(document, "{\"status\": 42");

    Console rm = Console.run("rm", damaged, "--data-dir", other.toString());

    assertEquals(1, rm.exitCode, rm.toString());
    assertEquals(
        "removed damaged task " + damaged + " and its git worktree\n", rm.out, rm.toString());
    assertTrue(rm.err.startsWith("taskrunner: damaged: "), rm.toString());
    assertEquals(1, rm.err.split(document.toString(), -1).length - 1, rm.toString());
    assertFalse(Files.exists(document.getParent()), rm.toString());
    assertFalse(Files.exists(workspace), rm.toString());
    try (DataRoot data = DataRoot.open(other, System.err)) {
      String worktrees = data.repository().git("worktree", "list", "--porcelain");
      assertFalse(worktrees.contains(workspace.toString()), worktrees);
    }
  }

  /**
   * A stray entry among the tasks, which the store names damaged, makes {@code rm --older-than}
   * exit 1 as it makes {@code list}: it exited 0 after naming it.
   */
  @Test
  void aStrayEntryMakesListAndRmOlderThanExitOne() throws Exception {
    Path other = dir.resolve("stray");
    smallRun(other, 2);
    Path stray = listedTask(other, 0).directory().resolveSibling("stray-file.txt");
    Files.writeString(stray, "not a task");

    Console list = Console.run("list", "--data-dir", other.toString());
    assertEquals(1, list.exitCode, list.toString());
    assertTrue(list.err.contains("taskrunner: damaged: " + stray), list.toString());

    Console rm = Console.run("rm", "--older-than", "0s", "--data-dir", other.toString());
    assertTrue(rm.err.contains("taskrunner: damaged: " + stray), rm.toString());
    assertTrue(rm.out.contains("removed 2 of 2 tasks"), rm.toString());
    assertEquals(1, rm.exitCode, rm.toString());
  }

  @Test
  void aDamagedTaskIsNamedOnceAndMakesListAndRmExitOne() throws Exception {
    Path other = dir.resolve("damaged");
    smallRun(other, 3);
    Path document = listedTask(other, 0).document();
    Files.writeString(document, "{\"status\": 42");

    Console list = Console.run("list", "--data-dir", other.toString());
    assertEquals(1, list.exitCode, list.toString());
    assertTrue(list.out.contains("2 tasks in " + other), list.toString());
    assertEquals(1, list.err.split(document.toString(), -1).length - 1, list.toString());

    Console rm = Console.run("rm", "--older-than", "0s", "--data-dir", other.toString());
    assertEquals(1, rm.exitCode, rm.toString());
    assertTrue(rm.out.contains("removed 2 of 2 tasks"), rm.toString());
    assertEquals(1, rm.err.split(document.toString(), -1).length - 1, rm.toString());
  }

  /**
   * show names a damaged line of the task's event log, which it cannot show, and exits 1, as for
   * every damaged task it meets; the unfinished last line a crash mid-append leaves is no damage.
   */
  @Test
  void showOfATaskWithADamagedEventSaysSoAndExitsOne() throws Exception {
    Path other = dir.resolve("damaged-events");
    smallRun(other, 1);
    ListedTask task = listedTask(other, 0);
    String id = task.id();
    Path log = task.directory().resolve("events").resolve("events.jsonl");
    List<String> lines = new ArrayList<>(Files.readAllLines(log));
    lines.set(1, "not an event");
    Files.write(log, lines);

    Console show = Console.run("show", id, "--data-dir", other.toString());
    assertEquals(1, show.exitCode, show.toString());
    assertTrue(show.err.startsWith("taskrunner: damaged: " + log + " at byte "), show.toString());
    assertTrue(show.out.contains(" finished: "), show.toString());

    lines.remove(1);
    Files.write(log, lines);
    Files.writeString(log, "{\"at\":", StandardOpenOption.APPEND);
    Console torn = Console.run("show", id, "--data-dir", other.toString());
    assertEquals(0, torn.exitCode, torn.toString());
  }

  @Test
  void listOfARunThatIsNotThereSaysSoAndAnInvalidRunIdIsAWrongCommandLine() {
    Console none = Console.run("list", "--run", "123", "--data-dir", root.toString());
    assertEquals(1, none.exitCode, none.toString());
    assertTrue(none.err.contains("taskrunner: no run 123 in " + root), none.toString());

    Console invalid = Console.run("list", "--run", "../x", "--data-dir", root.toString());
    assertEquals(2, invalid.exitCode, invalid.toString());
    assertTrue(invalid.err.contains("../x"), invalid.toString());
  }

  /**
   * Whether {@code thread} is parked in a lock's queue of this JVM (not waiting for a child process
   * such as git): the samples use no internal API to ask the store who waits for what. One stack
   * trace answers both, so the answer is of one moment.
   */
  private static boolean waitsForALock(Thread thread) {
    StackTraceElement[] stack = thread.getStackTrace();
    return stack.length > 0
        && stack[0].getMethodName().equals("park")
        && Arrays.stream(stack)
            .anyMatch(
                frame ->
                    frame
                        .getClassName()
                        .equals("java.util.concurrent.locks.AbstractQueuedSynchronizer"));
  }
}
