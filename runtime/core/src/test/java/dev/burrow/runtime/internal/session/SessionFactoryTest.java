package dev.burrow.runtime.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.InvalidIdException;
import dev.burrow.LockTimeoutException;
import dev.burrow.MisuseException;
import dev.burrow.PreparationFailedException;
import dev.burrow.Session;
import dev.burrow.SessionFactory;
import dev.burrow.runtime.testing.CheckedThrows;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Step;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SessionFactoryTest {
  private static final int CALLERS = 100;

  @TempDir Path dir;
  private CounterStore store;

  @BeforeEach
  void open() {
    store = Stores.counters(dir, Durability.NONE);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** The expensive thing sessions share. */
  record Model(int generation) {}

  @Test
  void aHundredRacingThreadsRunThePreparationExactlyOnceAndShareItsResult() throws Exception {
    AtomicInteger runs = new AtomicInteger();
    SessionFactory<Counter, Model> factory =
        store.sessions(() -> new Model(runs.incrementAndGet()));
    for (int i = 0; i < CALLERS; i++) {
      store.create("i" + i);
    }
    CyclicBarrier start = new CyclicBarrier(CALLERS);
    List<CompletableFuture<Session<Counter, Model>>> sessions = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      CompletableFuture<Session<Counter, Model>> session = new CompletableFuture<>();
      sessions.add(session);
      String id = "i" + i;
      started(
          () -> {
            try {
              start.await();
              session.complete(factory.open(id));
            } catch (Throwable e) {
              session.completeExceptionally(e);
            }
          });
    }
    for (int i = 0; i < CALLERS; i++) {
      Session<Counter, Model> session = sessions.get(i).get(1, TimeUnit.MINUTES);
      assertEquals(new Model(1), session.prepared());
      assertEquals("i" + i, session.id());
    }
    assertEquals(1, runs.get());
    assertTrue(factory.isPrepared());
    assertSame(factory.prepared(), factory.open("i0").prepared());
    assertEquals(1, runs.get());
  }

  /**
   * An exception or an error: either way, the runner and every waiter get the same {@link
   * PreparationFailedException} type with it as the cause.
   */
  static List<Throwable> failures() {
    return List.of(
        new IllegalStateException("model download failed"),
        new NoClassDefFoundError("model download failed"));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void aFailureIsReportedToTheRunnerAndEveryWaiterAndTheNextCallRetries(Throwable boom)
      throws Exception {
    AtomicInteger runs = new AtomicInteger();
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    SessionFactory<Counter, Model> factory =
        store.sessions(
            () -> {
              int run = runs.incrementAndGet();
              if (run == 1) {
                started.countDown();
                await(release);
                if (boom instanceof Error error) {
                  throw error;
                }
                throw (RuntimeException) boom;
              }
              return new Model(run);
            });

    List<CompletableFuture<Model>> results = new ArrayList<>();
    List<Thread> waiters = new ArrayList<>();
    results.add(CompletableFuture.supplyAsync(factory::prepared));
    await(started);
    for (int i = 1; i < CALLERS; i++) {
      CompletableFuture<Model> result = new CompletableFuture<>();
      results.add(result);
      waiters.add(
          started(
              () -> {
                try {
                  result.complete(factory.prepared());
                } catch (Throwable e) {
                  result.completeExceptionally(e);
                }
              }));
    }
    awaitAllParked(waiters);
    release.countDown();

    for (CompletableFuture<Model> result : results) {
      Throwable failure =
          assertThrows(Exception.class, () -> result.get(1, TimeUnit.MINUTES)).getCause();
      PreparationFailedException reported =
          assertInstanceOf(PreparationFailedException.class, failure);
      assertSame(boom, reported.getCause());
      assertTrue(reported.getMessage().contains("model download failed"), reported.getMessage());
    }
    assertEquals(1, runs.get(), "waiters shared the one failed attempt");
    assertFalse(factory.isPrepared());

    assertEquals(new Model(2), factory.prepared());
    assertEquals(new Model(2), factory.prepared());
    assertEquals(2, runs.get());
  }

  /**
   * Waits until every thread is parked (waiting for the preparation); yields meanwhile. No sleep:
   * the threads park within microseconds of starting.
   */
  private static void awaitAllParked(List<Thread> threads) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    for (Thread thread : threads) {
      while (thread.getState() != Thread.State.WAITING) {
        assertTrue(System.nanoTime() < deadline, "thread never waited: " + thread.getState());
        Thread.yield();
      }
    }
  }

  private static Thread started(Runnable body) {
    Thread thread = new Thread(body);
    thread.start();
    return thread;
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(1, TimeUnit.MINUTES));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void aFailedPreparationCreatesNothing() {
    SessionFactory<Counter, Model> factory =
        store.sessions(
            () -> {
              throw new IllegalStateException("no");
            });
    assertThrows(PreparationFailedException.class, factory::create);
    assertTrue(store.list().isEmpty());
  }

  /**
   * Opening a session for an ID that breaks the rules, or for an instance that does not exist,
   * fails at once: the expensive preparation does not run for a session that cannot be had.
   */
  @Test
  void openingABadOrMissingInstanceFailsWithoutRunningThePreparation() {
    AtomicInteger runs = new AtomicInteger();
    SessionFactory<Counter, Model> factory =
        store.sessions(() -> new Model(runs.incrementAndGet()));

    assertThrows(InvalidIdException.class, () -> factory.open("../job"));
    assertThrows(InstanceNotFoundException.class, () -> factory.open("missing"));
    assertEquals(0, runs.get());
    assertFalse(factory.isPrepared());
  }

  @Test
  void aCheckedExceptionFromThePreparationFailsItAndTheNextCallRetries() throws Exception {
    IOException missing = new IOException("model file missing");
    AtomicInteger runs = new AtomicInteger();
    SessionFactory<Counter, Model> factory =
        store.sessions(
            () -> {
              if (runs.incrementAndGet() == 1) {
                throw CheckedThrows.sneaky(missing);
              }
              return new Model(runs.get());
            });
    PreparationFailedException failed =
        assertThrows(PreparationFailedException.class, factory::prepared);
    assertSame(missing, failed.getCause());

    assertEquals(new Model(2), CompletableFuture.supplyAsync(factory::prepared).get());
    assertEquals(new Model(2), factory.prepared());
  }

  @Test
  void aPreparationThatCallsItsOwnFactoryFailsInsteadOfHanging() {
    AtomicInteger depth = new AtomicInteger();
    SessionFactory<Counter, Model>[] self = new SessionFactory[1];
    self[0] =
        store.sessions(
            () -> {
              depth.incrementAndGet();
              return self[0].prepared();
            });
    PreparationFailedException e =
        assertThrows(PreparationFailedException.class, self[0]::prepared);
    assertInstanceOf(MisuseException.class, e.getCause());
    assertEquals(1, depth.get());
  }

  @Test
  void aSessionExposesTheStoreDirectoriesFilesEventLogAndLock() throws Exception {
    SessionFactory<Counter, Model> factory = store.sessions(() -> new Model(7));
    store.create("job", c -> c.withStatus("READY"));
    Session<Counter, Model> session = factory.open("job");
    assertEquals("READY", session.instance().status());

    assertTrue(Files.isDirectory(session.dirs().subdirectory("workspace")));
    session.files().write("logs/state.json", Map.of("step", 3));
    assertEquals(
        Map.of("step", 3), session.files().read("logs/state.json", Map.class).orElseThrow());

    session.events(Step.class).append(Step.of(1));
    assertEquals(List.of(Step.of(1)), factory.open("job").events(Step.class).read(0).values());

    try (InstanceLock lock = session.lock()) {
      CompletableFuture<Void> other =
          CompletableFuture.runAsync(() -> factory.open("job").lock(Duration.ofMillis(20)).close());
      Exception e = assertThrows(Exception.class, () -> other.get(1, TimeUnit.MINUTES));
      assertInstanceOf(LockTimeoutException.class, e.getCause());
    }
    assertThrows(InstanceNotFoundException.class, () -> factory.open("missing"));
  }
}
