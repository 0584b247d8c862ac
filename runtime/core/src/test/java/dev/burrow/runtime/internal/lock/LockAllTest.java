package dev.burrow.runtime.internal.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.InvalidIdException;
import dev.burrow.LockTimeoutException;
import dev.burrow.MisuseException;
import dev.burrow.runtime.internal.store.HostContext;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.PairLocker;
import dev.burrow.runtime.testing.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockAllTest {
  private static final int THREAD_ITERATIONS = 10_000;
  private static final int CHILD_ITERATIONS = 1_000;

  @TempDir Path dir;

  /** Written only under both locks: a lost increment would show a broken exclusion. */
  private long guarded;

  @Test
  void twoThreadsLockingTheSamePairInOppositeOrderBothFinish() throws Exception {
    try (CounterStore store = Stores.counters(dir, Durability.NONE)) {
      store.create("a");
      store.create("b");
      CyclicBarrier start = new CyclicBarrier(2);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<?> ab = pool.submit(() -> lockRepeatedly(store, List.of("a", "b"), start));
        Future<?> ba = pool.submit(() -> lockRepeatedly(store, List.of("b", "a"), start));
        ab.get(2, TimeUnit.MINUTES);
        ba.get(2, TimeUnit.MINUTES);
      } finally {
        pool.shutdownNow();
      }
      assertEquals(2L * THREAD_ITERATIONS, guarded);
      assertEquals(0, InstanceLocks.forFile(HostContext.lockFile(dir)).activeNames());
    }
  }

  private Void lockRepeatedly(CounterStore store, List<String> ids, CyclicBarrier start)
      throws Exception {
    start.await();
    for (int i = 0; i < THREAD_ITERATIONS; i++) {
      try (InstanceLock lock = store.lockAll(ids, Duration.ofSeconds(30))) {
        guarded++;
      }
    }
    return null;
  }

  @Test
  void twoProcessesLockingTheSamePairInOppositeOrderBothFinishWithoutLostWrites() {
    try (CounterStore store = Stores.counters(dir, Durability.NONE)) {
      store.create("a");
      store.create("b");
      try (ChildJvm ab =
              ChildJvm.start(
                  PairLocker.class, dir.toString(), Integer.toString(CHILD_ITERATIONS), "a", "b");
          ChildJvm ba =
              ChildJvm.start(
                  PairLocker.class, dir.toString(), Integer.toString(CHILD_ITERATIONS), "b", "a")) {
        ab.awaitLine("ready");
        ba.awaitLine("ready");
        ab.send("go");
        ba.send("go");
        ab.awaitLine("done");
        ba.awaitLine("done");
        ab.awaitSuccess();
        ba.awaitSuccess();
      }
      assertEquals(2L * CHILD_ITERATIONS, store.get("a").count());
      assertEquals(2L * CHILD_ITERATIONS, store.get("b").count());
    }
  }

  @Test
  void duplicatesAreLockedOnceAndTheLockNamesEveryInstance() {
    InstanceLocks locks = InstanceLocks.forFile(dir.resolve("test.lock"));
    try (InstanceLock lock = locks.lockAll(List.of("x", "y", "x"), Duration.ofSeconds(1))) {
      assertEquals(2, locks.activeNames());
      assertEquals(List.of("x", "y"), lock.instanceIds().stream().sorted().toList());
    }
    assertEquals(0, locks.activeNames());
  }

  @Test
  void aTimeoutNamesTheBusyInstanceAndReleasesWhatWasTaken() throws Exception {
    InstanceLocks locks = InstanceLocks.forFile(dir.resolve("test.lock"));
    CompletableFuture<InstanceLock> holder = new CompletableFuture<>();
    CompletableFuture<Void> release = new CompletableFuture<>();
    Thread other =
        new Thread(
            () -> {
              try (InstanceLock busy = locks.lock("busy", Duration.ofSeconds(5))) {
                holder.complete(busy);
                release.join();
              }
            });
    other.start();
    holder.get(1, TimeUnit.MINUTES);
    LockTimeoutException e =
        assertThrows(
            LockTimeoutException.class,
            () -> locks.lockAll(List.of("free-1", "busy", "free-2"), Duration.ofMillis(50)));
    assertEquals("busy", e.instanceId());
    assertEquals("could not lock instance 'busy' within 50 ms", e.getMessage(), "the caller's");
    assertEquals(Duration.ofMillis(50), e.timeout());
    assertEquals(1, locks.activeNames(), "only the other thread's lock is still held");
    release.complete(null);
    other.join();
    try (InstanceLock all =
        locks.lockAll(List.of("free-1", "busy", "free-2"), Duration.ofSeconds(1))) {
      assertEquals(3, locks.activeNames());
    }
  }

  @Test
  void storeChecksEveryIdBeforeLockingAny() {
    try (CounterStore store = Stores.counters(dir, Durability.NONE)) {
      assertThrows(InvalidIdException.class, () -> store.lockAll(List.of("ok", "../escape")));
      assertThrows(MisuseException.class, () -> store.lockAll(List.of()));
      assertEquals(0, InstanceLocks.forFile(HostContext.lockFile(dir)).activeNames());
    }
  }
}
