package dev.burrow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burrow.Durability;
import dev.burrow.EventLog;
import dev.burrow.InstanceFiles;
import dev.burrow.InstanceLock;
import dev.burrow.MisuseException;
import dev.burrow.runtime.internal.events.FileEventLog;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Step;
import dev.burrow.runtime.testing.Stores;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The handles a store hands out are bound to it: once it is closed they refuse as it does, also an
 * append that was already waiting for the log's lock, and the handles of a view of the store.
 */
class ClosedStoreHandlesTest {
  @TempDir Path root;

  /**
   * An append that passed the check at its start and waits for the log's lock while the store
   * closes is checked again once it holds the lock: refused, it appends nothing.
   */
  @Test
  void anAppendWaitingForTheLogsLockWhenTheStoreClosesIsRefusedAndAppendsNothing()
      throws Exception {
    CounterStore store = Stores.counters(root, Durability.NONE);
    store.create("c1");
    EventLog<Step> log = store.events("c1", Step.class);
    log.append(Step.of(1));
    String refusal;
    InstanceLocks locks = InstanceLocks.forRoot(store.engine().localRoot());
    String lockName = FileEventLog.lockName("c1");
    ExecutorService appender = Executors.newSingleThreadExecutor();
    try {
      Future<Long> waiting;
      try (InstanceLock held = locks.lock(lockName, Duration.ofSeconds(10))) {
        waiting = appender.submit(() -> log.append(Step.of(2)));
        awaitUntilWaiting(locks, lockName);
        store.close();
        refusal = assertThrows(MisuseException.class, () -> store.get("c1")).getMessage();
      }

      ExecutionException e =
          assertThrows(ExecutionException.class, () -> waiting.get(1, TimeUnit.MINUTES));
      assertEquals(refusal, assertInstanceOf(MisuseException.class, e.getCause()).getMessage());
    } finally {
      appender.shutdown();
      store.close();
    }
    try (CounterStore again = Stores.counters(root, Durability.NONE)) {
      assertEquals(List.of(Step.of(1)), again.events("c1", Step.class).read(0).values());
    }
  }

  /**
   * The handles of a view of the store ({@link StoreEngine#withBackend}) are refused once the store
   * underneath is closed, as the view is.
   */
  @Test
  void theHandlesOfAViewAreRefusedOnceTheStoreUnderneathIsClosed() {
    CounterStore store = Stores.counters(root, Durability.NONE);
    store.create("c1");
    StoreEngine<Counter> view = store.engine().withBackend(backend -> backend);
    EventLog<Step> log = view.events("c1", Step.class);
    InstanceFiles files = view.files("c1");

    store.close();

    String refusal = assertThrows(MisuseException.class, () -> view.get("c1")).getMessage();
    assertEquals(
        refusal, assertThrows(MisuseException.class, () -> log.append(Step.of(1))).getMessage());
    assertEquals(refusal, assertThrows(MisuseException.class, () -> log.read(0)).getMessage());
    assertEquals(
        refusal,
        assertThrows(MisuseException.class, () -> files.write("a.json", Step.of(1))).getMessage());
    try (CounterStore again = Stores.counters(root, Durability.NONE)) {
      assertEquals(List.of(), again.events("c1", Step.class).read(0).values());
      assertEquals(Optional.empty(), again.files("c1").read("a.json", Step.class));
    }
  }

  private static void awaitUntilWaiting(InstanceLocks locks, String name)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (locks.waitingFor(name) == 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no append waited for " + name);
      }
      Thread.sleep(5);
    }
  }
}
