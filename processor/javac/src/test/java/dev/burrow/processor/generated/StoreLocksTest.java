package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burrow.InstanceLock;
import dev.burrow.LockTimeoutException;
import dev.burrow.MisuseException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Locks of one and of several instances through a generated store. */
class StoreLocksTest {
  private static final Duration SHORT = Duration.ofMillis(50);

  @TempDir Path root;
  private TaskRunStore store;

  @BeforeEach
  void open() {
    store = TaskRunStore.open(TestStores.options(root).withLockTimeout(SHORT));
    store.create("a");
    store.create("b");
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** What {@code attempt} throws when run on another thread. */
  private static Throwable elsewhere(Supplier<InstanceLock> attempt) throws InterruptedException {
    try {
      CompletableFuture.supplyAsync(attempt).get().close();
      throw new AssertionError("the lock was free");
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }

  @Test
  void lockIsHeldUntilClosedAndWaitsAtMostTheOptionsTimeout() throws Exception {
    try (InstanceLock lock = store.lock("a")) {
      assertEquals(List.of("a"), lock.instanceIds());
      assertEquals(2, store.update("a", c -> c.attempts(1)).version(), "the holder writes");
      assertEquals(LockTimeoutException.class, elsewhere(() -> store.lock("a")).getClass());
    }
    store.lock("a").close();
  }

  @Test
  void lockWithATimeoutWaitsThatLong() throws Exception {
    try (InstanceLock lock = store.lock("a", Duration.ofSeconds(1))) {
      assertEquals(List.of("a"), lock.instanceIds());
      assertEquals(
          LockTimeoutException.class,
          elsewhere(() -> store.lock("a", Duration.ofMillis(10))).getClass());
    }
  }

  @Test
  void lockAllTakesEveryLockInOneGlobalOrder() throws Exception {
    List<String> order;
    try (InstanceLock lock = store.lockAll(List.of("a", "b"))) {
      order = lock.instanceIds();
    }
    try (InstanceLock lock = store.lockAll(List.of("b", "a"))) {
      assertEquals(order, lock.instanceIds(), "the same order, whatever the order asked");
      assertEquals(Set.of("a", "b"), Set.copyOf(order));
      assertEquals(LockTimeoutException.class, elsewhere(() -> store.lock("b")).getClass());
    }
    try (InstanceLock lock = store.lock("b")) {
      assertEquals(List.of("b"), lock.instanceIds());
      assertEquals(
          LockTimeoutException.class,
          elsewhere(() -> store.lockAll(List.of("a", "b"), Duration.ofMillis(10))).getClass());
    }
    store.lock("a").close();
  }

  @Test
  void lockAllOfNothingIsAMisuse() {
    assertThrows(MisuseException.class, () -> store.lockAll(List.of()));
    assertThrows(MisuseException.class, () -> store.lockAll(List.of(), SHORT));
  }
}
