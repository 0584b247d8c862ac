package dev.burrow.runtime.internal.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.InterruptedOperationException;
import dev.burrow.VersionConflictException;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a flight recording of a store shows: every operation with its instance, outcome and bytes,
 * lock waits with the time waited, flushes, version conflicts and retries.
 */
class JfrEventsTest {
  @TempDir Path dir;

  private List<RecordedEvent> record(Runnable workload) throws Exception {
    Path file = dir.resolve("recording.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("dev.burrow.Create");
      recording.enable("dev.burrow.Get");
      recording.enable("dev.burrow.Update");
      recording.enable("dev.burrow.Delete");
      recording.enable("dev.burrow.Flush");
      recording.enable("dev.burrow.VersionConflict");
      recording.enable("dev.burrow.Retry");
      recording.enable("dev.burrow.LockWait").withThreshold(Duration.ZERO);
      recording.start();
      workload.run();
      recording.stop();
      recording.dump(file);
    }
    return RecordingFile.readAllEvents(file);
  }

  private static List<RecordedEvent> named(List<RecordedEvent> events, String name) {
    return events.stream().filter(e -> e.getEventType().getName().equals(name)).toList();
  }

  @Test
  void operationsAreRecordedWithTheirInstanceOutcomeAndBytes() throws Exception {
    List<RecordedEvent> events;
    try (CounterStore store = Stores.counters(dir.resolve("root"), Durability.FSYNC)) {
      events =
          record(
              () -> {
                store.create("a");
                store.get("a");
                store.find("missing");
                store.update("a", Counter::incremented);
                store.delete("a");
              });
    }

    RecordedEvent create = named(events, "dev.burrow.Create").get(0);
    assertEquals("counters", create.getString("kind"));
    assertEquals("a", create.getString("instance"));
    assertEquals("created", create.getString("outcome"));
    assertTrue(create.getLong("bytesWritten") > 0, create.toString());
    assertTrue(create.getDuration().toNanos() > 0, create.toString());

    List<RecordedEvent> gets = named(events, "dev.burrow.Get");
    assertEquals(
        List.of("found", "not found"), gets.stream().map(e -> e.getString("outcome")).toList());
    assertTrue(gets.get(0).getLong("bytesRead") > 0, gets.get(0).toString());

    RecordedEvent update = named(events, "dev.burrow.Update").get(0);
    assertEquals("update", update.getString("method"));
    assertTrue(
        update.getLong("bytesRead") > 0 && update.getLong("bytesWritten") > 0, update.toString());

    assertEquals("deleted", named(events, "dev.burrow.Delete").get(0).getString("outcome"));
    assertTrue(
        named(events, "dev.burrow.Flush").stream().anyMatch(e -> e.getBoolean("directory")),
        "directory flushes are recorded");
    assertTrue(
        named(events, "dev.burrow.Flush").stream().anyMatch(e -> !e.getBoolean("directory")),
        "file flushes are recorded");
  }

  @Test
  void aLockWaitIsRecordedWithTheInstanceAndTheTimeWaited() throws Exception {
    try (CounterStore store = Stores.counters(dir.resolve("root"), Durability.NONE)) {
      store.create("a");
      CountDownLatch waiting = new CountDownLatch(1);
      List<RecordedEvent> events =
          record(
              () -> {
                InstanceLock held = store.lock("a");
                Thread waiter =
                    new Thread(
                        () -> {
                          waiting.countDown();
                          store.lock("a", Duration.ofSeconds(30)).close();
                        },
                        "waiter");
                waiter.start();
                try {
                  waiting.await();
                  // released only once the waiter is parked in the lock
                  awaitParked(waiter);
                  held.close();
                  waiter.join();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });

      List<RecordedEvent> waits = waitsOfTheWaiter(events);
      assertEquals(1, waits.size(), events.toString());
      assertEquals("a", waits.get(0).getString("lock"));
      assertTrue(waits.get(0).getBoolean("acquired"));
      assertTrue(waits.get(0).getDuration().toNanos() > 0);
    }
  }

  /**
   * A wait ended by an interrupt is recorded as a wait that did not get the lock, as one that timed
   * out is (and as PostgreSQL's lease waits are): the longest waits are often the ones given up.
   */
  @Test
  void aLockWaitEndedByAnInterruptIsRecordedAsNotAcquired() throws Exception {
    try (CounterStore store = Stores.counters(dir.resolve("root"), Durability.NONE)) {
      store.create("a");
      CountDownLatch waiting = new CountDownLatch(1);
      AtomicBoolean interrupted = new AtomicBoolean();
      List<RecordedEvent> events =
          record(
              () -> {
                try (InstanceLock held = store.lock("a")) {
                  Thread waiter =
                      new Thread(
                          () -> {
                            waiting.countDown();
                            try {
                              store.lock("a", Duration.ofSeconds(30)).close();
                            } catch (InterruptedOperationException e) {
                              interrupted.set(true);
                            }
                          },
                          "waiter");
                  waiter.start();
                  waiting.await();
                  // interrupted only once it is parked in the lock
                  awaitParked(waiter);
                  waiter.interrupt();
                  waiter.join();
                } catch (InterruptedException e) {
                  throw new IllegalStateException(e);
                }
              });

      assertTrue(interrupted.get(), "the waiter was interrupted in the lock");
      List<RecordedEvent> waits = waitsOfTheWaiter(events);
      assertEquals(1, waits.size(), events.toString());
      assertEquals("a", waits.get(0).getString("lock"));
      assertFalse(waits.get(0).getBoolean("acquired"));
    }
  }

  /** A flush that fails is recorded too, with why it failed; one that succeeds has no failure. */
  @Test
  void aFailedFlushIsRecordedWithItsFailure() throws Exception {
    IOException failed = new IOException("Input/output error");
    List<RecordedEvent> events =
        record(
            () -> {
              assertThrows(
                  IOException.class,
                  () ->
                      FlushEvent.record(
                          dir.resolve("failed.json"),
                          false,
                          () -> {
                            throw failed;
                          }));
              try {
                FlushEvent.record(dir, true, () -> {});
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });

    List<RecordedEvent> flushes = named(events, "dev.burrow.Flush");
    assertEquals(
        List.of(dir.resolve("failed.json").toString(), dir.toString()),
        flushes.stream().map(e -> e.getString("path")).toList());
    assertEquals(failed.toString(), flushes.get(0).getString("failure"));
    assertNull(flushes.get(1).getString("failure"));
  }

  /** An error a user's change throws; not an exception. */
  private static final class ChangeBroke extends Error {
    private static final long serialVersionUID = 1L;
  }

  @Test
  void anOperationEndedByAnErrorHasTheErrorsNameAsItsOutcome() throws Exception {
    try (CounterStore store = Stores.counters(dir.resolve("root"), Durability.NONE)) {
      store.create("a");
      List<RecordedEvent> events =
          record(
              () ->
                  assertThrows(
                      ChangeBroke.class,
                      () ->
                          store.update(
                              "a",
                              current -> {
                                throw new ChangeBroke();
                              })));

      assertEquals(
          List.of("ChangeBroke"),
          named(events, "dev.burrow.Update").stream().map(e -> e.getString("outcome")).toList());
    }
  }

  @Test
  void versionConflictsAndRetriesAreRecorded() throws Exception {
    try (CounterStore store = Stores.counters(dir.resolve("root"), Durability.NONE)) {
      Counter stale = store.create("a");
      AtomicBoolean raced = new AtomicBoolean();
      List<RecordedEvent> events =
          record(
              () -> {
                store.update("a", Counter::incremented);
                assertThrows(VersionConflictException.class, () -> store.compareAndSet(stale));
                store.updateOptimistic(
                    "a",
                    current -> {
                      if (raced.compareAndSet(false, true)) {
                        CompletableFuture.runAsync(() -> store.update("a", Counter::incremented))
                            .join();
                      }
                      return current.incremented();
                    });
              });

      List<RecordedEvent> conflicts = named(events, "dev.burrow.VersionConflict");
      assertEquals(2, conflicts.size(), conflicts.toString());
      assertEquals(1, conflicts.get(0).getLong("expected"));
      assertEquals(2, conflicts.get(0).getLong("stored"));
      RecordedEvent retry = named(events, "dev.burrow.Retry").get(0);
      assertEquals("a", retry.getString("instance"));
      assertEquals(1, retry.getInt("attempt"));
      assertTrue(
          named(events, "dev.burrow.Update").stream()
              .anyMatch(e -> e.getString("outcome").equals("VersionConflictException")));
    }
  }

  /** Returns once {@code waiter} is parked (in a lock it waits for). */
  private static void awaitParked(Thread waiter) {
    while (waiter.getState() != Thread.State.TIMED_WAITING
        && waiter.getState() != Thread.State.WAITING) {
      Thread.onSpinWait();
    }
  }

  /** The lock waits {@code events} hold of the thread named {@code waiter}. */
  private static List<RecordedEvent> waitsOfTheWaiter(List<RecordedEvent> events) {
    return named(events, "dev.burrow.LockWait").stream()
        .filter(e -> e.getThread().getJavaName().equals("waiter"))
        .toList();
  }
}
