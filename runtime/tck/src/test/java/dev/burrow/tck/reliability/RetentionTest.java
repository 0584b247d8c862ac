package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.InterruptedOperationException;
import dev.burrow.MisuseException;
import dev.burrow.ProvisioningException;
import dev.burrow.PruneReport;
import dev.burrow.PruneStoppedException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.tck.SettableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Removing old instances in bulk: what is chosen goes, what is not, or changes meanwhile, stays.
 */
class RetentionTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path root;
  private final SettableClock clock = new SettableClock(T0);

  private CounterStore store() {
    return store(UnaryOperator.identity());
  }

  private CounterStore store(UnaryOperator<StoreOptions> tweak) {
    return CounterStore.open(
        tweak.apply(
            Counters.options(root, Durability.NONE)
                .withLockTimeout(Duration.ofMillis(200))
                .withClock(clock)));
  }

  @Test
  void deleteOlderThanRemovesWhatWasCreatedBeforeTheCutoffAndReportsIt() throws IOException {
    try (CounterStore store = store()) {
      List<String> old = new ArrayList<>();
      for (int day = 0; day < 10; day++) {
        clock.set(T0.plus(Duration.ofDays(day)));
        String id = "run-" + day;
        store.create(id);
        if (day < 7) {
          old.add(id);
        }
      }
      Path oldWorkspace = store.dirs("run-0").workspace();
      Files.writeString(oldWorkspace.resolve("result.txt"), "done");
      clock.set(T0.plus(Duration.ofDays(10)));

      List<Object> told = new ArrayList<>();
      Consumer<Object> anyListener = told::add;
      PruneReport report = store.deleteOlderThan(Duration.ofDays(3), anyListener);

      assertEquals(new PruneReport(10, 7, 0, List.of(), 0, List.of()), report);
      assertEquals(
          Set.copyOf(old), told.stream().map(c -> ((Counter) c).id()).collect(Collectors.toSet()));
      assertEquals(
          List.of("run-9", "run-8", "run-7"), store.list().stream().map(Counter::id).toList());
      assertTrue(Files.notExists(oldWorkspace));
      assertThrows(
          IllegalArgumentException.class,
          () -> store.deleteOlderThan(Duration.ofDays(-1), c -> {}));
    }
  }

  /**
   * An age longer than the clock can reach back (now minus it would precede {@link Instant#MIN})
   * chooses nothing: nothing can have been created before the earliest instant.
   */
  @Test
  void anAgeReachingBackBeforeTheEarliestInstantDeletesNothing() {
    try (CounterStore store = store()) {
      store.create("a");
      store.create("b");
      Duration toEarliest = Duration.between(Instant.MIN, T0);
      for (Duration age :
          List.of(
              Duration.ofDays(400_000_000_000L),
              Duration.ofSeconds(Long.MAX_VALUE, 999_999_999),
              toEarliest)) {
        assertEquals(
            new PruneReport(2, 0, 0, List.of(), 0, List.of()),
            store.deleteOlderThan(age, c -> {}),
            age::toString);
      }
      assertEquals(2, store.list().size());
    }
  }

  /**
   * A prune over more damaged and more locked instances than a report names counts each of them,
   * names the first {@link PruneReport#MAX_EXAMPLES} of each, and tells the corruption listener of
   * every damaged one.
   */
  @Test
  void aReportCountsEveryKeptInstanceButNamesOnlyTheFirstOnes() throws Exception {
    int damaged = PruneReport.MAX_EXAMPLES + 50;
    int busy = PruneReport.MAX_EXAMPLES + 20;
    List<CorruptInstanceException> told = new ArrayList<>();
    try (CounterStore store =
        store(o -> o.withLockTimeout(Duration.ZERO).withCorruptionListener(told::add))) {
      for (int i = 0; i < damaged; i++) {
        store.create("damaged-" + i);
        Files.writeString(
            Stores.instanceDirectory(root, "damaged-" + i).resolve("instance.json"), "{");
      }
      List<String> busyIds = new ArrayList<>();
      for (int i = 0; i < busy; i++) {
        busyIds.add("busy-" + i);
        store.create("busy-" + i);
      }
      store.create("free");

      PruneReport report = pruneAllWhileHeld(store, busyIds);

      assertEquals(busy + 1, report.examined());
      assertEquals(1, report.deleted());
      assertEquals(busy, report.locked());
      assertEquals(PruneReport.MAX_EXAMPLES, report.lockedIds().size());
      assertTrue(busyIds.containsAll(report.lockedIds()), report.lockedIds()::toString);
      assertEquals(damaged, report.damaged());
      assertEquals(PruneReport.MAX_EXAMPLES, report.problems().size());
      assertEquals(damaged, told.size());
      assertEquals(told.subList(0, PruneReport.MAX_EXAMPLES), report.problems());
      assertEquals(busy, store.list().size());
    }
  }

  @Test
  void aChosenInstanceWhoseLockStaysHeldIsKeptAndNamed() throws Exception {
    try (CounterStore store = store()) {
      store.create("busy");
      store.create("idle");

      PruneReport report = pruneAllWhileHeld(store, List.of("busy"));

      assertEquals(new PruneReport(2, 1, 1, List.of("busy"), 0, List.of()), report);
      assertEquals(List.of("busy"), store.list().stream().map(Counter::id).toList());
    }
  }

  @Test
  void anInstanceChangedAfterItWasListedIsAskedAgainUnderItsLock() {
    try (CounterStore store = store()) {
      store.create("changing", c -> c.status("DONE"));
      store.create("done", c -> c.status("DONE"));
      AtomicBoolean changed = new AtomicBoolean();

      PruneReport report =
          store.prune(
              c -> {
                if (c.id().equals("changing") && changed.compareAndSet(false, true)) {
                  // Another writer's change, after the walk read it and before its lock is taken.
                  store.update("changing", x -> x.status("KEEP"));
                }
                return c.status().equals("DONE");
              },
              c -> {});

      assertEquals(new PruneReport(2, 1, 0, List.of(), 0, List.of()), report);
      assertEquals("KEEP", store.get("changing").status());
    }
  }

  /**
   * The caller's own {@code which} throwing ends the prune and reaches the caller as it is, whether
   * it throws while the walk asks it or when it is asked again under the instance's lock: what was
   * deleted before stays deleted, the rest stays, and the lock is released (another thread deletes
   * the instance at once).
   */
  @Test
  void aChooserThatThrowsEndsThePruneAsItIsAndReleasesTheLock() throws Exception {
    try (CounterStore store = store()) {
      for (String id : List.of("a", "b", "c", "d")) {
        store.create(id);
      }
      IllegalStateException boom = new IllegalStateException("boom");
      int[] asked = {0};

      IllegalStateException thrown =
          assertThrows(
              IllegalStateException.class,
              () ->
                  store.prune(
                      c -> {
                        if (c.id().equals("c") && ++asked[0] == 2) {
                          throw boom; // asked again, under c's lock
                        }
                        return true;
                      },
                      c -> {}));
      assertEquals(boom, thrown);
      assertEquals(List.of("c", "b", "a"), store.list().stream().map(Counter::id).toList());
      FutureTask<Boolean> other = new FutureTask<>(() -> store.delete("c"));
      new Thread(other).start();
      assertTrue(other.get(), "c's lock was released");

      assertEquals(
          boom,
          assertThrows(
              IllegalStateException.class,
              () ->
                  store.prune(
                      c -> {
                        if (c.id().equals("a")) {
                          throw boom;
                        }
                        return true;
                      },
                      c -> {})));
      assertEquals(List.of("a"), store.list().stream().map(Counter::id).toList());
    }
  }

  /**
   * Deletes that fail midway never stop a prune: a chosen instance whose workspace cannot be torn
   * down, one whose lock another thread holds and a damaged one are kept, each counted and named
   * with why, and every other chosen instance, before them and after them, is deleted all the same.
   */
  @Test
  void aPruneGoesOnPastInstancesItCannotDeleteAndSaysWhy() throws Exception {
    List<CorruptInstanceException> told = new ArrayList<>();
    try (CounterStore plain = store(o -> o.withCorruptionListener(told::add))) {
      for (String id : List.of("a", "b", "busy", "c", "damaged", "stuck", "z")) {
        plain.create(id);
      }
      Files.writeString(Stores.instanceDirectory(root, "damaged").resolve("instance.json"), "{");
      Path stuckWorkspace = plain.dirs("stuck").workspace();
      Files.writeString(stuckWorkspace.resolve("result.txt"), "kept");
      CounterStore store = plain.withProvisioner(new FailingTeardown("stuck"));

      PruneReport report = whileHeld(store, List.of("busy"), () -> store.prune(c -> true, c -> {}));

      assertEquals(6, report.examined());
      assertEquals(4, report.deleted(), report::toString);
      assertEquals(List.of("busy"), report.lockedIds());
      assertEquals(1, report.damaged());
      assertEquals(told, report.problems());
      assertEquals(1, report.failed());
      PruneReport.Failure failure = report.failures().get(0);
      assertEquals("stuck", failure.id());
      ProvisioningException cause =
          assertInstanceOf(ProvisioningException.class, failure.cause(), failure::toString);
      assertTrue(cause.getMessage().contains(FailingTeardown.WHY), cause::getMessage);
      assertEquals(List.of("stuck", "busy"), store.list().stream().map(Counter::id).toList());
      assertEquals("kept", Files.readString(stuckWorkspace.resolve("result.txt")));
    }
  }

  /**
   * A prune interrupted while it waits for a lock stops: it says how many instances it deleted
   * before it stopped, those stay deleted, the rest stay, and the thread is still interrupted.
   */
  @Test
  void aPruneInterruptedWhileWaitingForALockStopsAndSaysWhatItDid() throws Exception {
    try (CounterStore store = store(o -> o.withLockTimeout(Duration.ofMinutes(10)))) {
      store.create("a");
      store.create("b");
      store.create("c");
      InstanceLocks locks = InstanceLocks.forRoot(root);
      AtomicBoolean stillInterrupted = new AtomicBoolean();
      PruneStoppedException stopped =
          whileHeld(
              store,
              List.of("b"),
              () -> {
                FutureTask<PruneReport> prune =
                    new FutureTask<>(
                        () -> {
                          try {
                            return store.prune(c -> true, c -> {});
                          } finally {
                            stillInterrupted.set(Thread.interrupted());
                          }
                        });
                Thread pruner = new Thread(prune);
                pruner.start();
                while (locks.waitingFor("b") == 0 && !prune.isDone()) {
                  Thread.onSpinWait();
                }
                pruner.interrupt();
                ExecutionException failed = assertThrows(ExecutionException.class, prune::get);
                return assertInstanceOf(PruneStoppedException.class, failed.getCause());
              });

      assertEquals(new PruneReport(2, 1, 0, List.of(), 0, List.of()), stopped.report());
      assertInstanceOf(InterruptedOperationException.class, stopped.getCause());
      assertTrue(stopped.getMessage().contains("deleting 1 of them"), stopped::getMessage);
      assertTrue(stillInterrupted.get(), "the interrupt status is kept");
      assertEquals(List.of("b", "a"), store.list().stream().map(Counter::id).toList());
    }
  }

  /**
   * A store closed during its prune stops it, as it stops a stream: the instances it deleted stay
   * deleted, and no further instance is read or counted as one it failed to delete.
   */
  @Test
  void aPruneWhoseStoreIsClosedStopsAndSaysWhatItDid() {
    try (CounterStore other = store()) {
      other.create("a");
      other.create("b");
      other.create("c");
      CounterStore store = store();

      PruneStoppedException stopped =
          assertThrows(
              PruneStoppedException.class, () -> store.prune(c -> true, c -> store.close()));

      assertEquals(new PruneReport(1, 1, 0, List.of(), 0, List.of()), stopped.report());
      MisuseException cause = assertInstanceOf(MisuseException.class, stopped.getCause());
      assertTrue(cause.getMessage().contains("was closed"), cause::getMessage);
      assertEquals(List.of("b", "a"), other.list().stream().map(Counter::id).toList());
    }
  }

  /** Prunes every instance while another thread holds the locks of {@code held}. */
  private static PruneReport pruneAllWhileHeld(CounterStore store, List<String> held)
      throws Exception {
    Predicate<Object> everything = c -> true;
    return whileHeld(store, held, () -> store.prune(everything, c -> {}));
  }

  /** Runs {@code action} while another thread holds the locks of {@code held}. */
  private static <R> R whileHeld(CounterStore store, List<String> held, Callable<R> action)
      throws Exception {
    CountDownLatch locked = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              List<InstanceLock> locks = new ArrayList<>();
              try {
                try {
                  held.forEach(id -> locks.add(store.lock(id)));
                } finally {
                  locked.countDown(); // the action runs, and fails its checks, if a lock failed
                }
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } finally {
                locks.forEach(InstanceLock::close);
              }
            });
    holder.start();
    locked.await();
    try {
      return action.call();
    } finally {
      release.countDown();
      holder.join();
    }
  }
}
