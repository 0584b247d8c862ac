package com.example.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.example.runs.Job.State;
import com.example.runs.TaskRun.Status;
import com.example.runs.Toolkit.Checkpoint;
import com.example.runs.Toolkit.Quota;
import com.example.runs.Toolkit.Step;
import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import dev.burrow.VersionConflictException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's filesystem snippets that no other test runs, run on roots of their own: each does
 * what the README's text around it says.
 */
class FileSnippetsTest {
  @TempDir Path root;

  @Test
  void pagesListEveryRunOnceAcrossPagesAndStreamCountsTheRunningOnes() {
    List<String> ids = new ArrayList<>();
    try (TaskRunStore store = TaskRunStore.open(fast(root))) {
      for (int i = 0; i < 101; i++) {
        Status status = i < 2 ? Status.RUNNING : Status.PENDING;
        ids.add(store.create(c -> c.status(status)).id());
      }

      String printed = printed(() -> Housekeeping.pages(store));

      for (String id : ids) {
        assertEquals(1, occurrences(printed, id + " "), id + " listed once in:\n" + printed);
      }
      assertTrue(printed.endsWith("2 running\n"), printed);
    }
  }

  @Test
  void retentionRemovesTheFailedRunsAndKeepsTheRecentOnes() {
    try (TaskRunStore store = TaskRunStore.open(fast(root))) {
      String failed = store.create(c -> c.error("step 2 differs")).id();
      String fine = store.create().id();

      String printed = printed(() -> Housekeeping.retention(store));

      assertFalse(store.find(failed).isPresent());
      assertTrue(store.find(fine).isPresent());
      assertEquals("0 old and 1 failed runs removed\n", printed);
    }
  }

  @Test
  void theFindersReadJobsByTheirIndexedValues() {
    try (JobStore store = JobStore.open(fast(root))) {
      store.create(c -> c.state(State.RUNNING).owner("bo"));
      store.create(c -> c.owner("ana"));
      store.create(c -> c.owner("bo"));
      Job done = store.create(c -> c.state(State.DONE).owner("ana"));

      String printed = printed(() -> Job.find(store));

      assertEquals("1 running, 2 queued, [" + done + "]\n", printed);
    }
  }

  @Test
  void aTransferMovesTheAmountUnderBothLocks() {
    try (AccountStore accounts = AccountStore.open(fast(root))) {
      String from = accounts.create(c -> c.balance(100)).id();
      String to = accounts.create().id();

      printed(() -> Transfers.transfer(accounts, from, to, 30));

      assertEquals(70, accounts.get(from).balance());
      assertEquals(30, accounts.get(to).balance());
    }
  }

  @Test
  void optimisticAddsThenCompareAndSetWritesOnlyOverTheVersionItSaw() {
    String id;
    try (AccountStore accounts = AccountStore.open(root)) {
      id = accounts.create(c -> c.balance(5)).id();
    }

    Transfers.optimistic(root, id);

    try (AccountStore accounts = AccountStore.open(root)) {
      Account after = accounts.get(id);
      assertEquals(0, after.balance());
      assertEquals(3, after.version(), "one write each for the update and the compare-and-set");
      accounts.update(id, c -> c.balance(7));
      assertThrows(
          VersionConflictException.class,
          () -> accounts.compareAndSet(AccountChanges.of(after).balance(0).build()),
          "fails if stale");
      assertEquals(7, accounts.get(id).balance());
    }
  }

  @Test
  void theToolkitWritesEventsFilesSharedDocumentsAndSessions() {
    try (TaskRunStore store = TaskRunStore.open(fast(root))) {
      String id = store.create().id();

      printed(() -> Toolkit.tools(store, id));

      assertEquals(List.of(new Step("compiled")), store.events(id, Step.class).read(0).values());
      assertEquals(
          Optional.of(new Checkpoint(3)),
          store.files(id).read("logs/checkpoint.json", Checkpoint.class));
      assertEquals(
          new Quota(1), store.shared().document("quota", Quota.class, () -> new Quota(0)).read());
      String session =
          store.list().stream()
              .map(TaskRun::id)
              .filter(other -> !other.equals(id))
              .findFirst()
              .orElseThrow();
      assertEquals(
          List.of(new Step("started by expensive")),
          store.events(session, Step.class).read(0).values());
    }
  }

  @Test
  void aStoreWithTheProvisionerCreatesAndDeletesOnTheSameRoot() {
    try (TaskRunStore store = TaskRunStore.open(fast(root))) {
      TaskRunStore provisioned = Toolkit.withWorktrees(store);

      String id = provisioned.create().id();

      assertTrue(store.find(id).isPresent(), "a view of the same store");
      assertTrue(provisioned.delete(id));
      assertFalse(store.find(id).isPresent());
    }
  }

  /** Options for {@code root} that skip the device flushes these tests do not look at. */
  private static StoreOptions fast(Path root) {
    return StoreOptions.defaults().withDataRoot(root).withDurability(Durability.NONE);
  }

  /** What {@code snippet} prints to standard output. */
  private static String printed(Runnable snippet) {
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      snippet.run();
    } finally {
      System.setOut(original);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static int occurrences(String text, String part) {
    Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
    int count = 0;
    while (matcher.find()) {
      count++;
    }
    return count;
  }
}
