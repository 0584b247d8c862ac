package dev.burrow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.MisuseException;
import dev.burrow.RetryPolicy;
import dev.burrow.StoreOptions;
import dev.burrow.VersionConflictException;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimisticUpdateTest {
  @TempDir Path dir;

  private CounterStore open(RetryPolicy policy) {
    return new CounterStore(
        StoreEngine.open(
            CounterSchema.INSTANCE,
            StoreOptions.defaults()
                .withDataRoot(dir)
                .withDurability(Durability.NONE)
                .withRetryPolicy(policy)
                .withIdGenerator(() -> "unused")));
  }

  @Test
  void optimisticUpdatesFromManyThreadsAreNeverLost() throws Exception {
    int threads = 4;
    int updates = 250;
    RetryPolicy patient =
        RetryPolicy.defaults()
            .withMaxAttempts(10_000)
            .withBackoff(Duration.ofMillis(1), Duration.ofMillis(5))
            .withMaxTotal(Duration.ofMinutes(2));
    try (CounterStore store = open(patient)) {
      store.create("shared");
      CyclicBarrier start = new CyclicBarrier(threads);
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      AtomicInteger changeRuns = new AtomicInteger();
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < updates; i++) {
                    store.updateOptimistic(
                        "shared",
                        c -> {
                          changeRuns.incrementAndGet();
                          return c.incremented();
                        });
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
      pool.shutdown();
      Counter result = store.get("shared");
      assertEquals(threads * updates, result.count());
      assertEquals(1 + threads * updates, result.version());
      assertTrue(changeRuns.get() >= threads * updates);
    }
  }

  /**
   * An optimistic update of {@code contended} whose change lets another thread's update in before
   * it returns, every time it runs.
   */
  private static Counter alwaysInterfered(CounterStore store) {
    return store.updateOptimistic(
        "contended",
        c -> {
          CompletableFuture.runAsync(() -> store.update("contended", Counter::incremented)).join();
          return c.withStatus("LOST");
        });
  }

  @Test
  void aWriterThatAlwaysGetsInBetweenExhaustsThePolicyWithTheAttemptsNamed() {
    RetryPolicy three =
        RetryPolicy.defaults().withMaxAttempts(3).withBackoff((a, p) -> Duration.ZERO);
    try (CounterStore store = open(three)) {
      store.create("contended");
      VersionConflictException e =
          assertThrows(VersionConflictException.class, () -> alwaysInterfered(store));
      assertEquals(3, e.attempts());
      assertTrue(
          e.getMessage().contains("'contended'") && e.getMessage().contains("3 attempts"),
          e.getMessage());
      Counter stored = store.get("contended");
      assertEquals(3, stored.count(), "the interfering writes are kept");
      assertEquals("PENDING", stored.status(), "no conflicting write went through");
    }
  }

  @Test
  void aBackoffThatReturnsNullIsNamedWithTheConflictItFollowed() {
    try (CounterStore store = open(RetryPolicy.defaults().withBackoff((a, p) -> null))) {
      store.create("contended");
      MisuseException e = assertThrows(MisuseException.class, () -> alwaysInterfered(store));
      assertTrue(
          e.getMessage().contains("backoff returned null after attempt 1 of instance 'contended'"),
          e.getMessage());
      assertInstanceOf(VersionConflictException.class, e.getSuppressed()[0]);
      assertEquals("PENDING", store.get("contended").status(), "the change was not written");
    }
  }

  @Test
  void aConflictOnceIsRetriedAndTheChangeAppliedToTheNewValue() {
    try (CounterStore store = open(RetryPolicy.defaults())) {
      store.create("once");
      AtomicInteger runs = new AtomicInteger();
      Counter result =
          store.updateOptimistic(
              "once",
              c -> {
                if (runs.incrementAndGet() == 1) {
                  CompletableFuture.runAsync(() -> store.update("once", Counter::incremented))
                      .join();
                }
                return c.incremented();
              });
      assertEquals(2, runs.get());
      assertEquals(2, result.count());
      assertEquals(3, result.version());
    }
  }

  @Test
  void aMissingInstanceIsNotFound() {
    try (CounterStore store = open(RetryPolicy.defaults())) {
      assertThrows(
          InstanceNotFoundException.class,
          () -> store.updateOptimistic("missing", Counter::incremented));
    }
  }
}
