package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.BackendUnavailableException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.LockTimeoutException;
import dev.burrow.RetryPolicy;
import dev.burrow.StoreOptions;
import dev.burrow.VersionConflictException;
import dev.burrow.postgres.PostgresBackend;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One commit per write: what each operation sends, and update under mixed contention. */
@ExtendWith(PostgresExtension.class)
class PostgresWritesTest {
  private static final Duration LEASE = Duration.ofSeconds(15);

  private static LocalPostgres server;
  private static DataSource pool;

  @TempDir Path localRoot;

  @BeforeAll
  static void connect(LocalPostgres postgres) {
    server = postgres;
    pool = postgres.sharedPool();
  }

  /**
   * What each operation sends. An update of a row another store created locks it; the next, and the
   * first update of a row this store created, is one statement on what this store wrote.
   */
  @Test
  void eachWriteIsOneStatementAndUpdateAndDeleteAreOneTransactionWithOneCommit() {
    Tap tap = Tap.of(pool);
    String prefix = PgStores.freshPrefix();
    try (CounterStore store = PgStores.counters(tap.dataSource(), prefix, localRoot, LEASE)) {
      assertSent(tap, List.of("execute"), () -> store.create("one"));
      assertSent(tap, List.of("execute"), () -> store.get("one"));
      assertSent(
          tap,
          List.of("execute"), // an UPDATE of the row as this store created it, committed alone
          () -> store.update("one", Counter::incremented));
      assertTrue(tap.statements.get(0).startsWith("WITH known AS ("), tap.statements.get(0));

      PgStores.createElsewhere(pool, prefix, localRoot, "two");
      assertSent(
          tap,
          List.of("execute", "execute"), // BEGIN with SELECT ... FOR UPDATE, UPDATE with COMMIT
          () -> store.update("two", Counter::incremented));
      List<String> update = List.copyOf(tap.statements);
      assertTrue(update.get(0).startsWith("BEGIN;\n"), update.get(0));
      assertTrue(update.get(1).endsWith(";\nCOMMIT"), update.get(1));
      assertSent(
          tap,
          List.of("execute"), // an UPDATE of the row as this store wrote it, committed alone
          () -> store.update("two", Counter::incremented));
      assertTrue(tap.statements.get(0).startsWith("WITH known AS ("), tap.statements.get(0));
      assertEquals(3, store.get("two").version());
      Counter current = store.get("one");
      assertSent(
          tap,
          List.of("execute"), // the compare-and-set, keeping the stored createdAt in itself
          () -> store.compareAndSet(current));
      assertSent(
          tap,
          List.of("execute", "execute"), // BEGIN with the DELETE, then COMMIT on its own
          () -> store.delete("one"));
      List<String> delete = List.copyOf(tap.statements);
      assertTrue(delete.get(0).startsWith("BEGIN;\n"), delete.get(0));
      assertEquals("COMMIT", delete.get(1));
      assertSent(tap, List.of("execute", "execute"), () -> store.delete("one"));
      assertEquals(
          "ROLLBACK", tap.statements.get(1), "a delete that removed nothing commits nothing");
    }
  }

  private static void assertSent(Tap tap, List<String> expected, Runnable operation) {
    tap.events.clear();
    tap.statements.clear();
    operation.run();
    assertEquals(expected, tap.events);
  }

  @Test
  void readsArePreparedOncePerConnectionAndReused() throws Exception {
    try (HikariDataSource one = server.pool(1);
        CounterStore store = PgStores.counters(one, PgStores.freshPrefix(), localRoot, LEASE)) {
      store.create("read-me");
      for (int i = 0; i < 20; i++) {
        store.get("read-me");
      }
      try (var connection = one.getConnection();
          var statement =
              connection.prepareStatement(
                  "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE"
                      + " 'SELECT version, CASE WHEN octet_length(document) %'");
          var rows = statement.executeQuery()) {
        rows.next();
        assertEquals(1, rows.getInt(1), "the read is one server-side prepared statement");
      }
    }
  }

  /**
   * Updates never give up because of a concurrent writer: with no retries allowed, any lost race
   * would surface as a version conflict. Compare-and-set writers from another host run at once.
   */
  @Test
  void updateNeverGivesUpUnderMixedContention() throws Exception {
    String prefix = PgStores.freshPrefix();
    StoreOptions noRetries = StoreOptions.defaults().withRetryPolicy(RetryPolicy.none());
    int updaters = 3;
    int casWriters = 3;
    int rounds = 60;
    try (CounterStore store = PgStores.counters(pool, prefix, localRoot, LEASE, noRetries);
        CounterStore other =
            PgStores.counters(pool, prefix, localRoot.resolve("other"), LEASE, noRetries)) {
      store.create("mixed");
      CyclicBarrier start = new CyclicBarrier(updaters + casWriters);
      AtomicInteger casWins = new AtomicInteger();
      ExecutorService threads = Executors.newFixedThreadPool(updaters + casWriters);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < updaters; i++) {
        done.add(
            threads.submit(
                () -> {
                  start.await();
                  for (int r = 0; r < rounds; r++) {
                    store.update("mixed", Counter::incremented);
                  }
                  return null;
                }));
      }
      for (int i = 0; i < casWriters; i++) {
        done.add(
            threads.submit(
                () -> {
                  start.await();
                  for (int r = 0; r < rounds; r++) {
                    try {
                      other.compareAndSet(other.get("mixed").incremented());
                      casWins.incrementAndGet();
                    } catch (VersionConflictException lost) {
                      // compare-and-set may lose; update may not
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get(2, TimeUnit.MINUTES);
      }
      threads.shutdown();
      Counter result = store.get("mixed");
      assertEquals(updaters * rounds + casWins.get(), result.count());
      assertEquals(result.count() + 1, result.version());
    }
  }

  /**
   * Where transactions are serializable by default (the database's {@code
   * default_transaction_isolation}, or the pool's isolation), a compare-and-set that meets a
   * concurrent write fails on the server with a serialization failure (SQLState 40001), which
   * rolled it back. It is run again, and so reports the lost race as on {@code READ COMMITTED} and
   * on files: a version conflict (retriable), not a storage failure.
   */
  @Test
  void aCompareAndSetThatMeetsAConcurrentWriteUnderSerializableSaysVersionConflict()
      throws Exception {
    String prefix = PgStores.freshPrefix();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl());
    config.setMaximumPoolSize(2);
    config.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
    ExecutorService thread = Executors.newSingleThreadExecutor();
    try (HikariDataSource serializable = new HikariDataSource(config);
        CounterStore store = PgStores.counters(serializable, prefix, localRoot, LEASE);
        Connection other = pool.getConnection()) {
      Counter created = store.create("contested");
      other.setAutoCommit(false);
      try {
        CounterStore joined =
            new CounterStore(PostgresBackend.inTransaction(store.engine(), other));
        joined.update("contested", Counter::incremented); // the row stays locked until the commit
        Future<Counter> cas = thread.submit(() -> store.compareAndSet(created.incremented()));
        awaitAStatementWaitingForALockOn(prefix + "instances", cas);
        other.commit();

        ExecutionException failed =
            assertThrows(ExecutionException.class, () -> cas.get(1, TimeUnit.MINUTES));
        VersionConflictException conflict =
            assertInstanceOf(VersionConflictException.class, failed.getCause());
        assertEquals(1, conflict.expectedVersion());
        assertEquals(2, conflict.actualVersion());
        assertEquals(2, store.get("contested").version());
      } finally {
        other.rollback();
        other.setAutoCommit(true);
      }
    } finally {
      thread.shutdown();
    }
  }

  /**
   * A change that runs longer than the lease: the server ends its transaction when the lease would
   * have expired ({@code idle_in_transaction_session_timeout}), so the row lock never outlives the
   * lease. Nothing was written; the update starts over once on a fresh connection, running the
   * change again, and stores what that run returns, once; if that run outlasts the lease too, the
   * update fails as the database being out of reach, with nothing written, and says that the
   * transaction outlived the lease, which setting ended it and what to change. (The row is created,
   * and its second update made, through stores that have not written it, so each update locks it.)
   */
  @Test
  void anUpdateWhoseChangeOutlastsTheLeaseStartsOverOnceAndWritesAtMostOnce() {
    String prefix = PgStores.freshPrefix();
    try (CounterStore store = PgStores.counters(pool, prefix, localRoot, Duration.ofMillis(300));
        CounterStore other =
            PgStores.counters(pool, prefix, localRoot.resolve("other"), Duration.ofMillis(300))) {
      PgStores.createElsewhere(pool, prefix, localRoot, "slow");
      AtomicInteger runs = new AtomicInteger();

      Counter updated =
          store.update(
              "slow",
              counter -> {
                if (runs.incrementAndGet() == 1) {
                  awaitTheServerEndingTheIdleTransactionOn(prefix + "instances");
                }
                return counter.incremented();
              });

      assertEquals(2, runs.get());
      assertEquals(2, updated.version());
      assertEquals(updated, store.get("slow"));

      runs.set(0);
      BackendUnavailableException e =
          assertThrows(
              BackendUnavailableException.class,
              () ->
                  other.update(
                      "slow",
                      counter -> {
                        runs.incrementAndGet();
                        awaitTheServerEndingTheIdleTransactionOn(prefix + "instances");
                        return counter.incremented();
                      }));
      assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
      assertTrue(e.getMessage().contains("the transaction outlived the lease"), e.getMessage());
      assertTrue(
          e.getMessage().contains("idle_in_transaction_session_timeout to the store's lease"),
          e.getMessage());
      assertTrue(e.getMessage().contains("a longer lease duration"), e.getMessage());
      assertEquals(2, runs.get());
      assertEquals(updated, store.get("slow"));
    }
  }

  /**
   * An update of a row this store wrote last is one statement guarded by the incarnation and
   * version that write left. A row another store wrote since, or deleted and created again up to
   * the same version, is updated from what it holds: the change sees the stored value, never the
   * one this store wrote, and no update is lost.
   */
  @Test
  void anUpdateAfterAnotherStoreWroteOrCreatedTheRowAgainChangesWhatIsStored() {
    String prefix = PgStores.freshPrefix();
    try (CounterStore store = PgStores.counters(pool, prefix, localRoot, LEASE);
        CounterStore other = PgStores.counters(pool, prefix, localRoot.resolve("other"), LEASE)) {
      store.create("shared");
      store.update("shared", Counter::incremented);
      other.update("shared", Counter::incremented);
      Counter updated = store.update("shared", Counter::incremented);
      assertEquals(3, updated.count());
      assertEquals(4, updated.version());

      assertTrue(other.delete("shared"));
      other.create("shared");
      other.update("shared", counter -> counter.withStatus("again"));
      other.update("shared", Counter::incremented);
      other.update("shared", Counter::incremented);
      assertEquals(4, other.get("shared").version(), "the version this store wrote last");
      Counter again = store.update("shared", Counter::incremented);
      assertEquals(3, again.count());
      assertEquals("again", again.status());
      assertEquals(5, again.version());
      assertEquals(again, store.get("shared"));
    }
  }

  /**
   * A store keeps what it created, with the incarnation the insert returned: a row another store
   * deleted and created again since holds the same version, 1, and is still told apart, so the
   * update changes what that store created, not what this one did.
   */
  @Test
  void theFirstUpdateOfARowCreatedAgainByAnotherStoreChangesWhatThatStoreCreated() {
    String prefix = PgStores.freshPrefix();
    Tap tap = Tap.of(pool);
    try (CounterStore store = PgStores.counters(tap.dataSource(), prefix, localRoot, LEASE);
        CounterStore other = PgStores.counters(pool, prefix, localRoot.resolve("other"), LEASE)) {
      Counter first = store.create("reborn");
      assertTrue(other.delete("reborn"));
      Counter again = other.create("reborn");
      assertEquals(1, again.version());
      assertNotEquals(first.createdAt(), again.createdAt(), "two creations, told apart");

      assertSent(
          tap,
          List.of("execute", "execute"), // the kept row is gone: the one found is changed
          () -> store.update("reborn", Counter::incremented));
      Counter updated = store.get("reborn");
      assertEquals(again.createdAt(), updated.createdAt());
      assertEquals(2, updated.version());
      assertEquals(1, updated.count());
    }
  }

  /**
   * A change that throws on the value this store wrote, but not on the value another store wrote
   * since, is not thrown: the update runs it again on what is stored.
   */
  @Test
  void aChangeThatThrowsOnlyOnWhatThisStoreWroteIsRunAgainOnWhatIsStored() {
    String prefix = PgStores.freshPrefix();
    try (CounterStore store = PgStores.counters(pool, prefix, localRoot, LEASE);
        CounterStore other = PgStores.counters(pool, prefix, localRoot.resolve("other"), LEASE)) {
      store.create("checked");
      store.update("checked", counter -> counter.withStatus("running"));
      other.update("checked", counter -> counter.withStatus("done"));
      Counter updated =
          store.update(
              "checked",
              counter -> {
                if (!counter.status().equals("done")) {
                  throw new IllegalStateException("not done: " + counter.status());
                }
                return counter.incremented();
              });
      assertEquals(1, updated.count());
      assertEquals("done", updated.status());
      IllegalStateException thrown =
          assertThrows(
              IllegalStateException.class,
              () ->
                  store.update(
                      "checked",
                      counter -> {
                        throw new IllegalStateException("always: " + counter.count());
                      }));
      assertEquals("always: 1", thrown.getMessage());
      assertEquals(updated, store.get("checked"));
    }
  }

  /**
   * A row another store wrote since this store wrote it last costs this store's update two
   * statements, each committed on its own, and no locked transaction: the first writes nothing and
   * returns the row as it found it, the second applies the change to that and writes it.
   */
  @Test
  void aRowAnotherStoreWroteSinceIsUpdatedFromWhatTheFirstStatementFound() {
    String prefix = PgStores.freshPrefix();
    Tap tap = Tap.of(pool);
    try (CounterStore store = PgStores.counters(tap.dataSource(), prefix, localRoot, LEASE);
        CounterStore other = PgStores.counters(pool, prefix, localRoot.resolve("other"), LEASE)) {
      store.create("contested");
      store.update("contested", Counter::incremented);
      for (int round = 0; round < 20; round++) {
        other.update("contested", counter -> counter.withStatus("other").incremented());
        assertSent(
            tap,
            List.of("execute", "execute"),
            () -> store.update("contested", counter -> counter.withStatus("store").incremented()));
        assertTrue(
            tap.statements.stream().allMatch(sql -> sql.contains("FOR UPDATE SKIP LOCKED")),
            tap.statements.toString());
        Counter stored = store.get("contested");
        assertEquals("store", stored.status());
        assertEquals(2 * round + 3, stored.count(), "no update lost");
      }
    }
  }

  /**
   * An update that runs while another update of the same row runs in the same store (here in a
   * caller's transaction, holding the row's lock) locks the row and waits, without first trying the
   * one statement on what the store wrote last, which could only miss.
   */
  @Test
  void anUpdateBesideAnotherOfTheSameRowInTheSameStoreLocksTheRow() throws Exception {
    String prefix = PgStores.freshPrefix();
    Tap tap = Tap.of(pool);
    ExecutorService thread = Executors.newSingleThreadExecutor();
    ExecutorService other = Executors.newSingleThreadExecutor();
    try (CounterStore store = PgStores.counters(tap.dataSource(), prefix, localRoot, LEASE);
        Connection caller = pool.getConnection()) {
      store.create("busy");
      store.update("busy", Counter::incremented);
      caller.setAutoCommit(false);
      try {
        CounterStore joined =
            new CounterStore(PostgresBackend.inTransaction(store.engine(), caller));
        tap.statements.clear();
        CountDownLatch changing = new CountDownLatch(1);
        CountDownLatch go = new CountDownLatch(1);
        Future<Counter> inTransaction =
            thread.submit(
                () ->
                    joined.update(
                        "busy",
                        counter -> {
                          changing.countDown();
                          awaitQuietly(go);
                          return counter.incremented();
                        }));
        assertTrue(changing.await(1, TimeUnit.MINUTES), "the joined update runs its change");
        Future<Counter> beside = other.submit(() -> store.update("busy", Counter::incremented));
        awaitAStatementWaitingForALockOn(prefix + "instances", beside);
        go.countDown();
        assertEquals(2, inTransaction.get(1, TimeUnit.MINUTES).count());
        caller.commit();
        assertEquals(3, beside.get(1, TimeUnit.MINUTES).count());
        assertTrue(
            tap.statements.stream().noneMatch(sql -> sql.contains("FOR UPDATE SKIP LOCKED")),
            tap.statements.toString());
      } finally {
        caller.rollback();
        caller.setAutoCommit(true);
      }
    } finally {
      thread.shutdown();
      other.shutdown();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      assertTrue(latch.await(1, TimeUnit.MINUTES));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Another holder's lease stops an update of a row this store wrote last as it stops any update:
   * it waits up to the lock timeout and writes nothing.
   */
  @Test
  void anUpdateOfARowThisStoreWroteLastWaitsForAnotherHoldersLease() {
    String prefix = PgStores.freshPrefix();
    StoreOptions quick = StoreOptions.defaults().withLockTimeout(Duration.ofMillis(200));
    try (CounterStore store = PgStores.counters(pool, prefix, localRoot, LEASE, quick);
        CounterStore other =
            PgStores.counters(pool, prefix, localRoot.resolve("other"), LEASE, quick)) {
      store.create("leased");
      Counter written = store.update("leased", Counter::incremented);
      try (var lock = other.lock("leased")) {
        assertThrows(
            LockTimeoutException.class, () -> store.update("leased", Counter::incremented));
        assertEquals(written, other.get("leased"));
      }
      assertEquals(2, store.update("leased", Counter::incremented).count());
    }
  }

  /**
   * Leases belong to the store that took them: a thread holding a lock through one store is another
   * holder to a second store opened on the same tables, so its write through that store waits for
   * the lease, up to the lock timeout, as another host's would (docs/postgresql.md). A view of the
   * same store ({@code withProvisioner}, {@code inTransaction}) shares its leases.
   */
  @Test
  void aLockTakenThroughOneStoreIsAnotherHoldersToASecondStoreOfTheSameTables() {
    String prefix = PgStores.freshPrefix();
    StoreOptions quick = StoreOptions.defaults().withLockTimeout(Duration.ofMillis(200));
    try (CounterStore first = PgStores.counters(pool, prefix, localRoot, LEASE, quick);
        CounterStore second =
            PgStores.counters(pool, prefix, localRoot.resolve("second"), LEASE, quick)) {
      first.create("held");
      try (var lock = first.lock("held")) {
        assertEquals(2, first.update("held", Counter::incremented).version());
        assertThrows(LockTimeoutException.class, () -> second.update("held", Counter::incremented));
      }
      assertEquals(3, second.update("held", Counter::incremented).version());
    }
  }

  /**
   * Compare-and-set is one statement on the version column that never reads the document: a value
   * whose version matches the column replaces a damaged document, where the filesystem backend,
   * whose check reads the document, throws (docs/postgresql.md). An update reads it first and
   * throws, as on files, also in the store that created the row (which keeps what it wrote, but
   * writes it only over the same document text).
   */
  @Test
  void aCompareAndSetWhoseVersionMatchesReplacesADamagedDocument() {
    String prefix = PgStores.freshPrefix();
    try (CounterStore store = PgStores.counters(pool, prefix, localRoot, LEASE)) {
      Counter created = store.create("damaged");
      Sql.update(
          pool,
          "UPDATE "
              + prefix
              + "instances SET document = '{\"id\": \"damaged\", \"vers' WHERE id = ?",
          "damaged");
      assertThrows(CorruptInstanceException.class, () -> store.get("damaged"));
      assertThrows(
          CorruptInstanceException.class, () -> store.update("damaged", Counter::incremented));

      Counter replaced = store.compareAndSet(created.incremented());

      assertEquals(replaced, store.get("damaged"));
      assertEquals(2, replaced.version());
      assertEquals(created.createdAt(), replaced.createdAt(), "the value's own: none to keep");
    }
  }

  /**
   * A stored creation time that is no instant (a damaged document) is not kept: the value's own is
   * written, so the compare-and-set never makes a document that cannot be read back.
   */
  @Test
  void aCompareAndSetKeepsNoStoredCreationTimeThatIsNoInstant() {
    String prefix = PgStores.freshPrefix();
    try (CounterStore store = PgStores.counters(pool, prefix, localRoot, LEASE)) {
      Counter created = store.create("odd");
      int changed =
          Sql.update(
              pool,
              "UPDATE "
                  + prefix
                  + "instances SET document = regexp_replace(document,"
                  + " '\"createdAt\" *: *\"[^\"]*\"', '\"createdAt\":\"2030-02-29T00:00:00Z\"')"
                  + " WHERE id = ?",
              "odd");
      assertEquals(1, changed);
      assertThrows(CorruptInstanceException.class, () -> store.get("odd"));

      Counter replaced = store.compareAndSet(created.incremented());

      assertEquals(created.createdAt(), replaced.createdAt());
      assertEquals(replaced, store.get("odd"));
    }
  }

  /** Returns once no transaction that locked a row of {@code table} is left idle on the server. */
  private static void awaitTheServerEndingTheIdleTransactionOn(String table) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!Sql.column(
            pool,
            "SELECT pid::text FROM pg_stat_activity WHERE state = 'idle in transaction'"
                + " AND query LIKE ?",
            "%" + table + "%FOR UPDATE%")
        .isEmpty()) {
      assertTrue(System.nanoTime() < deadline, "the server kept the transaction open");
      Thread.onSpinWait();
    }
  }

  /** Returns once a statement on {@code table} waits for a lock, or fails if {@code call} ended. */
  private static void awaitAStatementWaitingForALockOn(String table, Future<?> call) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (Sql.waitingForALock(pool, "%" + table + "%").isEmpty()) {
      assertFalse(call.isDone(), "the call ended without waiting for the row lock");
      assertTrue(System.nanoTime() < deadline, "no statement waited for a lock on " + table);
      Thread.onSpinWait();
    }
  }
}
