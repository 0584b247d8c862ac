package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.BackendUnavailableException;
import dev.burrow.BurrowException;
import dev.burrow.Durability;
import dev.burrow.MisuseException;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.internal.id.WorkerLease;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a store says, and that it neither hangs nor leaks, when its database or data source fails at
 * awkward moments: while a store opens or closes, while a lost write is resolved, when the server
 * ends an idle session, when the data source breaks its contract (null connections, a close that
 * throws), and when Burrow's own bookkeeping (a worker number's claim, an instance's lease, the
 * upgrade of its tables) loses its connection after its statements were sent: a claim that
 * committed is found and used; where nothing can tell, the outcome is reported unknown, never as
 * "nothing was written".
 */
@ExtendWith(PostgresExtension.class)
class PostgresOutagesTest {
  private static final Duration LEASE = Duration.ofSeconds(15);

  private static DataSource pool;

  @TempDir Path localRoot;

  @BeforeAll
  static void connect(LocalPostgres server) {
    pool = server.sharedPool();
  }

  /**
   * Bringing the tables up to date is safe to run again (each migration is applied once, under an
   * advisory lock, by its recorded version): a connection lost while its commit was on the way is
   * run again on a fresh one, never reported as an instance write of unknown outcome.
   */
  @Test
  void anOpenWhoseMigrationCommitLosesItsConnectionIsRunAgain() {
    for (Tap.CommitFault fault : List.of(Tap.CommitFault.LOST_BEFORE, Tap.CommitFault.LOST_AFTER)) {
      Tap tap = Tap.of(pool);
      tap.commitFault.set(fault);
      String prefix = PgStores.freshPrefix();
      try (CounterStore store =
          PgStores.counters(tap.dataSource(), prefix, localRoot.resolve(prefix), LEASE)) {
        assertEquals(null, tap.commitFault.get(), fault + ": the open met the fault");
        assertEquals(1, store.create("after-" + fault).version(), fault.toString());
      }
      assertEquals(
          List.of(Integer.toString(Migrations.latest())),
          Sql.column(pool, "SELECT count(*) FROM " + prefix + "schema_version"),
          fault + ": each migration applied once");
    }
  }

  /**
   * A store that made Snowflake IDs holds a worker number; closing it while the database is away
   * logs that the number could not be given back (it expires with its lease) and returns, as a lock
   * whose release fails does: a failed release never turns the work done before it into a failure.
   */
  @Test
  void closingAStoreWhileTheDatabaseIsAwayReturns() {
    Tap tap = Tap.of(pool);
    String prefix = PgStores.freshPrefix();
    PostgresStorage<Counter> backend =
        PostgresStorage.open(
            CounterSchema.INSTANCE,
            tap.dataSource(),
            localRoot,
            Durability.NONE,
            Duration.ofSeconds(5),
            PgStores.options(prefix, LEASE));
    backend.idGenerator().nextId();
    tap.down.set(true);
    try {
      assertDoesNotThrow(backend::close);
    } finally {
      tap.down.set(false);
    }
    assertEquals(
        List.of("1"),
        Sql.column(pool, "SELECT count(*) FROM " + prefix + "workers WHERE holder IS NOT NULL"),
        "the worker number stays leased until its lease expires");
  }

  /**
   * A write whose connection was lost is resolved by reading the row once no transaction holds it;
   * if another transaction keeps the row locked, that wait ends at the lock timeout with an unknown
   * outcome instead of lasting as long as the other transaction.
   */
  @Test
  void resolvingALostWriteWaitsForARowLockNoLongerThanTheLockTimeout() throws Exception {
    Tap tap = Tap.of(pool);
    String prefix = PgStores.freshPrefix();
    StoreOptions quick = StoreOptions.defaults().withLockTimeout(Duration.ofMillis(500));
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try (CounterStore store = PgStores.counters(tap.dataSource(), prefix, localRoot, LEASE, quick);
        Connection other = pool.getConnection()) {
      PgStores.createElsewhere(pool, prefix, localRoot, "held"); // so the update locks the row
      other.setAutoCommit(false);
      tap.commitFault.set(Tap.CommitFault.LOST_BEFORE);
      tap.atFault.set(() -> lockRow(other, prefix, "held"));
      Future<Counter> update = caller.submit(() -> store.update("held", Counter::incremented));
      try {
        ExecutionException failed =
            assertThrows(ExecutionException.class, () -> update.get(30, TimeUnit.SECONDS));
        OutcomeUnknownException unknown =
            assertInstanceOf(OutcomeUnknownException.class, failed.getCause());
        assertEquals("held", unknown.instanceId());
      } finally {
        other.rollback();
        other.setAutoCommit(true);
      }
      assertEquals(1, store.get("held").version(), "the lost update had not committed");
    } finally {
      caller.shutdownNow();
    }
  }

  private static void lockRow(Connection connection, String prefix, String id) {
    try (PreparedStatement lock =
        connection.prepareStatement(
            "SELECT 1 FROM " + prefix + "instances WHERE id = ? FOR UPDATE")) {
      lock.setString(1, id);
      lock.executeQuery().close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A data source that breaks JDBC's contract by handing out null is refused, not tripped over. */
  @Test
  void aDataSourceHandingOutNullIsAMisuse() {
    DataSource nulls =
        (DataSource)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> null);
    MisuseException refused =
        assertThrows(
            MisuseException.class,
            () -> PgStores.counters(nulls, PgStores.freshPrefix(), localRoot, LEASE));
    assertTrue(
        refused.getMessage().contains("getConnection() returned null"), refused.getMessage());
  }

  /**
   * An open that fails after the store's lease renewer was made (here: its data root cannot be
   * made, as a documented index build refused to a role that does not own the tables fails too)
   * leaves no renewer thread behind: an application that retries its open leaks nothing.
   */
  @Test
  void aFailedOpenLeavesNoRenewerThreadBehind() throws Exception {
    Path notADirectory = Files.writeString(localRoot.resolve("file"), "in the way");
    String prefix = PgStores.freshPrefix();
    Set<Thread> before = renewerThreads();
    for (int i = 0; i < 3; i++) {
      assertThrows(
          BurrowException.class,
          () -> PgStores.counters(pool, prefix, notADirectory.resolve("root"), LEASE));
    }
    Set<Thread> left = renewerThreads();
    left.removeAll(before);
    for (Thread thread : left) {
      thread.join(TimeUnit.SECONDS.toMillis(10));
      assertFalse(thread.isAlive(), thread.getName() + " outlived the failed open");
    }
  }

  private static Set<Thread> renewerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().startsWith("burrow-lease-renewer-"))
        .collect(Collectors.toCollection(HashSet::new));
  }

  /**
   * A session the server ended for idling past {@code idle_session_timeout} (SQLState 57P05, as a
   * data source that keeps its connections without testing them meets it) is a lost connection like
   * one a restart ended: the read or write runs again on a fresh connection.
   */
  @Test
  void aSessionEndedForIdlingIsALostConnection(LocalPostgres server) throws Exception {
    try (KeptConnection kept = new KeptConnection(server.jdbcUrl());
        CounterStore store =
            PgStores.counters(kept.dataSource(), PgStores.freshPrefix(), localRoot, LEASE)) {
      store.create("idle");
      awaitGone(kept.endWhenIdle());
      assertEquals(1, store.get("idle").version());
      awaitGone(kept.endWhenIdle());
      assertEquals(2, store.update("idle", Counter::incremented).version());
    }
  }

  /** Waits until the server has ended the session of backend {@code pid}. */
  private static void awaitGone(int pid) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Sql.column(pool, "SELECT pid FROM pg_stat_activity WHERE pid = ?", pid).isEmpty()) {
      assertTrue(System.nanoTime() - deadline < 0, "the server never ended session " + pid);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  /**
   * A connection whose {@code close()} throws an unchecked exception (a misbehaving pool) after a
   * write committed on it does not turn the write into a failure: it is acknowledged, as it is
   * stored.
   */
  @Test
  void aConnectionThatFailsToCloseNeverTurnsACommittedWriteIntoAFailure() {
    Tap tap = Tap.of(pool);
    try (CounterStore store =
        PgStores.counters(tap.dataSource(), PgStores.freshPrefix(), localRoot, LEASE)) {
      tap.closeFails.set(true);
      try {
        assertEquals(1, store.create("closing").version());
        assertEquals(2, store.update("closing", Counter::incremented).version());
      } finally {
        tap.closeFails.set(false);
      }
      assertEquals(2, store.get("closing").version());
    }
  }

  /**
   * The claim of the only worker number commits and its answer is lost: the allocator finds the
   * number it claimed and leases it, instead of claiming again, finding every number taken (by
   * itself), and leaving the first claim held until its lease expires.
   */
  @Test
  void aWorkerClaimWhoseAnswerIsLostIsFoundAndUsed() {
    Tap tap = Tap.of(pool);
    String prefix = PgStores.freshPrefix();
    try (PostgresWorkerIds allocator =
        PostgresWorkerIds.open(tap.dataSource(), PgStores.options(prefix, LEASE))) {
      tap.statementFault.set(new Tap.StatementFault("SET holder = ?", true));

      WorkerLease lease = allocator.acquire(1);

      assertNull(tap.statementFault.get(), "the claim met the fault");
      assertEquals(0, lease.workerId());
      assertEquals(List.of("0"), heldWorkers(prefix));
      lease.close();
      assertEquals(List.of(), heldWorkers(prefix), "the lease given back is free");
    }
  }

  /**
   * Threads of one allocator claiming and giving back numbers, starting each round together, each
   * arming the loss of the next claim's answer after it committed: each thread gets a number no
   * other holds (a lost claim finds its own row, not one another thread is giving back or has just
   * claimed), and every number given back is free again (no claim left held).
   */
  @Test
  void threadsClaimingAndReleasingThroughOneAllocatorNeverShareANumber() throws Exception {
    int threads = 6;
    int rounds = 30;
    Tap tap = Tap.of(pool);
    String prefix = PgStores.freshPrefix();
    CyclicBarrier start = new CyclicBarrier(threads);
    Set<Integer> holding = ConcurrentHashMap.newKeySet();
    ExecutorService executor = Executors.newFixedThreadPool(threads);
    try (PostgresWorkerIds allocator =
        PostgresWorkerIds.open(tap.dataSource(), PgStores.options(prefix, LEASE))) {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            executor.submit(
                () -> {
                  for (int round = 0; round < rounds; round++) {
                    start.await();
                    tap.statementFault.set(new Tap.StatementFault("SET holder = ?", true));
                    WorkerLease lease = allocator.acquire(threads);
                    assertTrue(holding.add(lease.workerId()), "shared " + lease.workerId());
                    holding.remove(lease.workerId());
                    lease.close();
                  }
                  return null;
                }));
      }
      for (Future<?> thread : done) {
        thread.get();
      }
      assertEquals(List.of(), heldWorkers(prefix));
    } finally {
      executor.shutdown();
    }
  }

  /**
   * An instance's lease is granted, the answer lost, and the connection of the second try is lost
   * too: the lock fails saying whether the lease was granted is not known (the row is indeed held
   * by this store), not that nothing was written; the next lock reclaims it.
   */
  @Test
  void aLeaseGrantLostTwiceSaysItsOutcomeIsUnknown() {
    Tap tap = Tap.of(pool);
    String prefix = PgStores.freshPrefix();
    try (CounterStore store = PgStores.counters(tap.dataSource(), prefix, localRoot, LEASE)) {
      store.create("a");
      loseTwice(tap, "INSERT INTO " + prefix + "leases");

      OutcomeUnknownException unknown =
          assertThrows(OutcomeUnknownException.class, () -> store.lock("a"));

      assertEquals("a", unknown.instanceId());
      assertTrue(unknown.getMessage().contains("is not known"), unknown.getMessage());
      assertEquals(
          List.of("1"),
          Sql.column(pool, "SELECT count(*) FROM " + prefix + "leases WHERE holder IS NOT NULL"),
          "the first try's grant committed");
      store.lock("a").close();
    }
  }

  /**
   * A lease grant commits and its answer is lost, and no connection can be had for the second try:
   * the lock fails saying whether the grant took effect is not known (it did, and the stale lease
   * keeps other hosts out until it expires or this store reclaims it), not that nothing was
   * written.
   */
  @Test
  void aLeaseGrantLostThenUnreachableSaysItsOutcomeIsUnknown() {
    Tap tap = Tap.of(pool);
    String prefix = PgStores.freshPrefix();
    try (CounterStore store = PgStores.counters(tap.dataSource(), prefix, localRoot, LEASE)) {
      store.create("a");
      tap.statementFault.set(new Tap.StatementFault("INSERT INTO " + prefix + "leases", true));
      tap.atFault.set(() -> tap.down.set(true));

      RuntimeException thrown = assertThrows(RuntimeException.class, () -> store.lock("a"));
      tap.down.set(false);

      assertEquals(
          List.of("1"),
          Sql.column(pool, "SELECT count(*) FROM " + prefix + "leases WHERE holder IS NOT NULL"),
          "the first try's grant committed");
      OutcomeUnknownException unknown =
          assertInstanceOf(OutcomeUnknownException.class, thrown, thrown.toString());
      assertEquals("a", unknown.instanceId());
      assertTrue(unknown.getMessage().contains("is not known"), unknown.getMessage());
      assertInstanceOf(BackendUnavailableException.class, unknown.getCause());
      store.lock("a").close();
    }
  }

  /**
   * The upgrade of the tables commits and its answer is lost, and no connection can be had for the
   * second try: the open fails saying whether the upgrade took effect is not known (it did).
   */
  @Test
  void anUpgradeLostThenUnreachableSaysItsOutcomeIsUnknown() {
    assertUpgradeLostIsUnknown(tap -> tap.down.set(true));
  }

  /**
   * The upgrade of the tables commits and its answer is lost, and the second try's connection is
   * lost too: the open fails saying whether the upgrade took effect is not known (it did), not that
   * nothing was written.
   */
  @Test
  void anUpgradeLostTwiceSaysItsOutcomeIsUnknown() {
    assertUpgradeLostIsUnknown(
        tap -> tap.statementFault.set(new Tap.StatementFault("pg_advisory_xact_lock", false)));
  }

  /**
   * Upgrades fresh tables through a tap whose commit is lost after it committed, running {@code
   * afterLoss} then, and asserts that the upgrade says its outcome is not known while the first
   * try's upgrade is committed.
   */
  private void assertUpgradeLostIsUnknown(Consumer<Tap> afterLoss) {
    Tap tap = Tap.of(pool);
    String prefix = PgStores.freshPrefix();
    tap.commitFault.set(Tap.CommitFault.LOST_AFTER);
    tap.atFault.set(() -> afterLoss.accept(tap));

    OutcomeUnknownException unknown =
        assertThrows(
            OutcomeUnknownException.class,
            () -> Migrations.apply(new Database(tap.dataSource()), new Tables(prefix), LEASE));

    assertTrue(unknown.getMessage().contains("is not known"), unknown.getMessage());
    assertEquals(
        List.of(Integer.toString(Migrations.latest())),
        Sql.column(pool, "SELECT max(version) FROM " + prefix + "schema_version"),
        "the first try's upgrade committed");
  }

  /**
   * The next statement containing {@code text} runs and its answer is lost; the next try's is lost
   * before an answer too.
   */
  private static void loseTwice(Tap tap, String text) {
    tap.statementFault.set(new Tap.StatementFault(text, true));
    tap.atFault.set(() -> tap.statementFault.set(new Tap.StatementFault(text, false)));
  }

  private static List<String> heldWorkers(String prefix) {
    return Sql.column(
        pool, "SELECT worker FROM " + prefix + "workers WHERE holder IS NOT NULL ORDER BY worker");
  }
}
