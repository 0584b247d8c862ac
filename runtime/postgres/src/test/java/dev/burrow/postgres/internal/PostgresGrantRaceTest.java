package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.InstanceLock;
import dev.burrow.LockTimeoutException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A write whose statement began before a lock was granted, and that reaches the row only after the
 * grant committed, never lands while the lock is held: the holder's read under the lock stays true
 * until it releases it. The test orders it exactly: a transaction of its own holds the row, the
 * lock's grant waits for it first, the write second; once the row is free the grant goes first and
 * commits, and the write, whose snapshot is older than the grant, reaches the row.
 */
@ExtendWith(PostgresExtension.class)
class PostgresGrantRaceTest {
  private static final Duration LEASE = Duration.ofSeconds(15);
  private static final Duration WRITER_TIMEOUT = Duration.ofSeconds(2);

  private static DataSource pool;

  @TempDir Path localRoot;
  @TempDir Path writerRoot;

  @BeforeAll
  static void connect(LocalPostgres server) {
    pool = server.sharedPool();
  }

  /**
   * Each one-statement write that waits for the row from a store that holds no lease: a
   * compare-and-set and a delete. (An update's one-statement path skips a row another transaction
   * holds and takes its locked path, whose lease check comes after it holds the row.)
   */
  @ParameterizedTest
  @ValueSource(strings = {"compareAndSet", "delete"})
  void aWriteWhoseSnapshotIsOlderThanAGrantWaitsForTheLease(String write) throws Exception {
    String prefix = PgStores.freshPrefix();
    StoreOptions writerOptions = StoreOptions.defaults().withLockTimeout(WRITER_TIMEOUT);
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try (CounterStore holder = PgStores.counters(pool, prefix, localRoot, LEASE);
        CounterStore writer = PgStores.counters(pool, prefix, writerRoot, LEASE, writerOptions)) {
      Counter created = writer.create("raced");
      FutureTask<Object> written =
          new FutureTask<>(
              () ->
                  write.equals("delete")
                      ? writer.delete(created.id())
                      : writer.compareAndSet(created.incremented()));
      Future<Counter> readUnderTheLock;
      try (Connection blocker = pool.getConnection()) {
        blocker.setAutoCommit(false);
        try (PreparedStatement hold =
            blocker.prepareStatement(
                "SELECT 1 FROM " + prefix + "instances WHERE id = 'raced' FOR UPDATE")) {
          hold.executeQuery().close();
        }
        readUnderTheLock =
            threads.submit(
                () -> {
                  try (InstanceLock lock = holder.lock("raced")) {
                    Counter seen = holder.get("raced");
                    awaitDone(written);
                    assertEquals(seen, holder.get("raced"), "a write landed under the lock");
                    return seen;
                  }
                });
        awaitWaiting(prefix, 1, readUnderTheLock);
        threads.execute(written);
        awaitWaiting(prefix, 2, written);
        blocker.commit();
      }
      assertEquals(created, readUnderTheLock.get(1, TimeUnit.MINUTES));
      ExecutionException refused =
          assertThrows(ExecutionException.class, () -> written.get(1, TimeUnit.MINUTES));
      assertInstanceOf(LockTimeoutException.class, refused.getCause());
      assertEquals(created, writer.get("raced"), "the refused write wrote nothing");
    } finally {
      threads.shutdownNow();
    }
  }

  /** Waits in the lock's thread until {@code write} has ended, one way or the other. */
  private static void awaitDone(Future<?> write) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!write.isDone()) {
      assertTrue(System.nanoTime() < deadline, "the write never ended");
      Thread.onSpinWait();
    }
  }

  /** Returns once {@code count} statements on the prefix's tables wait for a row lock. */
  private static void awaitWaiting(String prefix, int count, Future<?> call) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (Sql.waitingForALock(pool, "%" + prefix + "instances%").size() < count) {
      assertFalse(call.isDone(), "the call ended without waiting for the row");
      assertTrue(System.nanoTime() < deadline, "no statement waited for the row");
      Thread.onSpinWait();
    }
  }
}
