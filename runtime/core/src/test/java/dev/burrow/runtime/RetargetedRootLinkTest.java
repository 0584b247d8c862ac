package dev.burrow.runtime;

import static dev.burrow.runtime.testing.CounterSchema.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.EventLog;
import dev.burrow.InstanceLock;
import dev.burrow.LockTimeoutException;
import dev.burrow.LoggedEvent;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Step;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store opened on a data root given as a symbolic link keeps to the directory the link led to
 * when it opened: pointed at another root afterwards (one with its own instances, of the same IDs),
 * the link changes nothing for the open store, whose documents, indexes, events and locks stay
 * together in the first directory.
 */
class RetargetedRootLinkTest {
  private static final CounterSchema SCHEMA = CounterSchema.indexing(STATUS);

  @TempDir Path work;
  private Path first;
  private Path second;
  private Path link;
  private final ExecutorService another = Executors.newSingleThreadExecutor();

  @AfterEach
  void stopTheOtherThread() {
    another.shutdownNow();
  }

  @BeforeEach
  void twoRootsWithTheSameIds() throws IOException {
    first = Files.createDirectory(work.resolve("first"));
    second = Files.createDirectory(work.resolve("second"));
    link = Files.createSymbolicLink(work.resolve("root"), first);
    try (CounterStore other = Stores.counters(second, Durability.NONE, SCHEMA)) {
      for (String id : List.of("job-1", "job-2")) {
        other.create(id, c -> c.withStatus("SECOND"));
      }
    }
  }

  /** Points the link at the second root, as a user or a deployment script would. */
  private void retarget() throws IOException {
    Files.delete(link);
    Files.createSymbolicLink(link, second);
  }

  @Test
  void everyOperationOfAStoreOpenedThroughTheLinkStaysInTheDirectoryItLedTo() throws IOException {
    try (CounterStore store = Stores.counters(link, Durability.NONE, SCHEMA)) {
      store.create("job-1", c -> c.withStatus("FIRST"));
      store.create("job-2", c -> c.withStatus("FIRST"));
      retarget();

      assertEquals("FIRST", store.get("job-1").status());
      assertEquals(1, store.update("job-1", Counter::incremented).count());
      store.create("job-3", c -> c.withStatus("FIRST"));
      assertTrue(store.delete("job-2"));
      assertEquals(Set.of("job-1", "job-3"), ids(store.list()));
      assertEquals(Set.of("job-1", "job-3"), ids(store.where(STATUS.equalTo("FIRST")).list()));
      assertEquals(Set.of(), ids(store.where(STATUS.equalTo("SECOND")).list()));
      EventLog<Step> events = store.events("job-1", Step.class);
      events.append(Step.of(1));
      assertEquals(List.of(Step.of(1)), steps(events));
      assertEquals(Stores.instanceDirectory(first, "job-1"), store.dirs("job-1").root());
    }

    try (CounterStore atFirst = Stores.counters(first, Durability.NONE, SCHEMA)) {
      assertEquals(Set.of("job-1", "job-3"), ids(atFirst.list()));
      assertEquals(1, atFirst.get("job-1").count());
      assertEquals(List.of(Step.of(1)), steps(atFirst.events("job-1", Step.class)));
    }
    try (CounterStore atSecond = Stores.counters(second, Durability.NONE, SCHEMA)) {
      assertEquals(Set.of("job-1", "job-2"), ids(atSecond.list()));
      assertEquals(0, atSecond.get("job-1").count());
      assertEquals(List.of(), steps(atSecond.events("job-1", Step.class)));
    }
  }

  /**
   * The lock a store takes through the link guards the documents it writes: a store opened on the
   * first directory itself is refused it (on another thread: this one's would reenter it) and then
   * reads the holder's write, and a store on the root the link leads to now neither waits for it
   * nor sees the write.
   */
  @Test
  void aLockTakenThroughTheOldLinkGuardsTheDirectoryItsStoreWritesIn() throws Exception {
    try (CounterStore throughLink = Stores.counters(link, Durability.NONE, SCHEMA);
        CounterStore atFirst = Stores.counters(first, Durability.NONE, SCHEMA)) {
      throughLink.create("job-1", c -> c.withStatus("FIRST"));
      retarget();

      try (InstanceLock held = throughLink.lock("job-1")) {
        Future<InstanceLock> fromAnotherThread =
            another.submit(() -> atFirst.lock("job-1", Duration.ZERO));
        ExecutionException refused = assertThrows(ExecutionException.class, fromAnotherThread::get);
        assertInstanceOf(LockTimeoutException.class, refused.getCause());
        try (CounterStore atSecond = Stores.counters(second, Durability.NONE, SCHEMA);
            InstanceLock elsewhere = atSecond.lock("job-1", Duration.ZERO)) {
          throughLink.update("job-1", Counter::incremented);
          assertEquals(0, atSecond.get("job-1").count());
        }
      }
      assertEquals(1, atFirst.get("job-1").count());
    }
  }

  /** Deleting through the link after it was pointed elsewhere leaves the other root's instance. */
  @Test
  void aDeleteThroughTheLinkAfterItWasPointedElsewhereKeepsTheOtherRootsInstance()
      throws IOException {
    try (CounterStore store = Stores.counters(link, Durability.NONE, SCHEMA)) {
      store.create("job-1", c -> c.withStatus("FIRST"));
      retarget();

      assertTrue(store.delete("job-1"));
      assertFalse(store.find("job-1").isPresent());
    }
    assertTrue(Files.isDirectory(Stores.instanceDirectory(second, "job-1")));
    assertFalse(Files.exists(Stores.instanceDirectory(first, "job-1")));
  }

  /**
   * A root the store makes below the link (missing when it opens) is made in the directory the link
   * led to, and stays the store's once the link leads elsewhere.
   */
  @Test
  void aRootMadeBelowTheLinkAtOpenStaysWhereItWasMade() throws IOException {
    try (CounterStore store = Stores.counters(link.resolve("made"), Durability.NONE, SCHEMA)) {
      store.create("job-1", c -> c.withStatus("FIRST"));
      retarget();

      assertEquals(1, store.update("job-1", Counter::incremented).count());
      assertEquals(Set.of("job-1"), ids(store.list()));
    }
    assertTrue(Files.isDirectory(Stores.instanceDirectory(first.resolve("made"), "job-1")));
    assertFalse(Files.exists(second.resolve("made")));
  }

  private static List<Step> steps(EventLog<Step> log) {
    return log.read(0).events().stream().map(LoggedEvent::event).toList();
  }

  private static Set<String> ids(List<Counter> counters) {
    return counters.stream().map(Counter::id).collect(Collectors.toSet());
  }
}
