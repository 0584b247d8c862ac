package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.BackendUnavailableException;
import dev.burrow.Durability;
import dev.burrow.IdGenerator;
import dev.burrow.InstanceLock;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Leases when the database goes away and comes back (issue 12, PostgreSQL items 12 to 16). */
@ExtendWith(PostgresExtension.class)
class PostgresLeasesTest {
  private static final Duration LEASE = Duration.ofSeconds(15);

  /** The guarded write of an update of a row the store wrote last, committed on its own. */
  private static final String WRITE_KNOWN = "FOR UPDATE SKIP LOCKED";

  private static DataSource pool;

  @TempDir Path localRoot;

  @BeforeAll
  static void connect(LocalPostgres server) {
    pool = server.sharedPool();
  }

  /**
   * Item 13: the database is gone right after the update's commit; the update still succeeded. (The
   * row is created through another store, so the update locks it and runs the change in its
   * transaction.)
   */
  @Test
  void aReleaseThatFailsAfterACommittedWriteNeverMasksTheWrite() {
    Tap tap = Tap.of(pool);
    String prefix = PgStores.freshPrefix();
    try (CounterStore store = PgStores.counters(tap.dataSource(), prefix, localRoot, LEASE)) {
      PgStores.createElsewhere(pool, prefix, localRoot, "committed");
      InstanceLock lock = store.lock("other");
      Counter updated =
          store.update(
              "committed",
              c -> {
                tap.down.set(true); // nothing after this write's commit may reach the database
                return c.incremented();
              });
      assertEquals(2, updated.version());
      assertDoesNotThrow(lock::close, "a failed release is logged, never thrown");
      tap.down.set(false);
      assertEquals(updated, store.get("committed"));
    }
  }

  /**
   * Item 14: after a failed release the lease row still names this store; its next update, its next
   * compare-and-set (a guarded single statement, as create and delete are) and its next lock each
   * reclaim it at once instead of waiting out the 15 s lease.
   */
  @Test
  void aHolderReclaimsItsOwnStaleLeaseInsteadOfWaitingItOut() {
    Tap tap = Tap.of(pool);
    String prefix = PgStores.freshPrefix();
    StoreOptions quick = StoreOptions.defaults().withLockTimeout(Duration.ofSeconds(2));
    try (CounterStore store =
        PgStores.counters(tap.dataSource(), prefix, localRoot, LEASE, quick)) {
      store.create("stale");
      InstanceLock first = store.lock("stale");
      long firstEpoch = first.fencingToken().getAsLong();
      failRelease(tap, prefix, first);
      assertEquals(2, store.update("stale", Counter::incremented).version());

      failRelease(tap, prefix, store.lock("stale"));
      assertEquals(3, store.compareAndSet(store.get("stale").incremented()).version());

      failRelease(tap, prefix, store.lock("stale"));
      try (InstanceLock again = store.lock("stale")) {
        assertTrue(again.fencingToken().getAsLong() > firstEpoch);
      }
    }
  }

  /** Closes {@code lock} while the database cannot be reached: its lease row stays held. */
  private static void failRelease(Tap tap, String prefix, InstanceLock lock) {
    tap.down.set(true);
    try {
      lock.close();
    } finally {
      tap.down.set(false);
    }
    assertEquals(
        List.of("1"),
        Sql.column(pool, "SELECT count(*) FROM " + prefix + "leases WHERE holder IS NOT NULL"),
        "the failed release left the row held");
  }

  /** Item 15: epochs of one name only grow, also when its lease row was pruned or it re-created. */
  @Test
  void fencingEpochsOnlyGrowAcrossPrunedRowsAndRecreatedIds() {
    String prefix = PgStores.freshPrefix();
    List<Long> epochs = new ArrayList<>();
    try (CounterStore store = PgStores.counters(pool, prefix, localRoot, LEASE)) {
      store.create("again");
      try (InstanceLock lock = store.lock("again")) {
        epochs.add(lock.fencingToken().getAsLong());
      }
      assertTrue(store.delete("again"));
      store.create("again");
      try (InstanceLock lock = store.lock("again")) {
        epochs.add(lock.fencingToken().getAsLong());
      }
    }
    PgStores.counters(pool, prefix, localRoot, LEASE).close(); // opening prunes free rows
    assertEquals(List.of("0"), Sql.column(pool, "SELECT count(*) FROM " + prefix + "leases"));
    try (CounterStore store = PgStores.counters(pool, prefix, localRoot, LEASE)) {
      try (InstanceLock lock = store.lock("again")) {
        epochs.add(lock.fencingToken().getAsLong());
      }
    }
    assertTrue(epochs.get(0) < epochs.get(1) && epochs.get(1) < epochs.get(2), epochs.toString());
  }

  /**
   * Item 12: the worker lease is lost (here: taken over, as after a pause longer than the lease);
   * making IDs leases a new worker number and goes on.
   */
  @Test
  void aLostWorkerLeaseIsReplacedAndCreateGoesOn() {
    String prefix = PgStores.freshPrefix();
    try (PostgresStorage<Counter> backend =
        PostgresStorage.open(
            CounterSchema.INSTANCE,
            pool,
            localRoot,
            Durability.NONE,
            Duration.ofSeconds(5),
            PgStores.options(prefix, LEASE))) {
      IdGenerator ids = backend.idGenerator();
      Set<String> made = new HashSet<>();
      made.add(ids.nextId());
      List<String> before =
          Sql.column(pool, "SELECT worker FROM " + prefix + "workers WHERE holder IS NOT NULL");
      assertEquals(1, before.size());
      Sql.update(
          pool,
          "UPDATE " + prefix + "workers SET holder = 'another host' WHERE holder IS NOT NULL");

      // The generator records a new high-water mark at least once a second of IDs, and the first
      // one after the takeover fails: make IDs until a number held by this host shows up.
      String leasedAgain =
          "SELECT worker FROM "
              + prefix
              + "workers WHERE holder IS NOT NULL AND holder <> 'another host'";
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      List<String> after;
      do {
        assertTrue(
            System.nanoTime() - deadline < 0,
            "no new worker number was leased within 30 s of the takeover, after "
                + made.size()
                + " IDs");
        assertTrue(made.add(ids.nextId()), "IDs stay unique");
        after = Sql.column(pool, leasedAgain);
      } while (after.isEmpty());
      assertEquals(1, after.size(), "one new worker number was leased: " + after);
      assertNotEquals(before, after);
      assertTrue(made.add(ids.nextId()), "IDs stay unique on the new number");
    }
  }

  /**
   * What a caller is told when the connection goes: before anything was sent, a retriable "nothing
   * was written"; a commit whose answer was lost, of an update's transaction or of its one
   * statement on a row the store wrote last, is resolved by reading the row back (retried if it did
   * not commit, acknowledged once if it did), and reported as an unknown outcome only when the
   * database cannot be asked.
   */
  @Test
  void connectionFailuresSayWhetherAnythingWasWritten() {
    Tap tap = Tap.of(pool);
    try (CounterStore store =
        PgStores.counters(tap.dataSource(), PgStores.freshPrefix(), localRoot, LEASE)) {
      store.create("wired");
      tap.down.set(true);
      BackendUnavailableException unreachable =
          assertThrows(
              BackendUnavailableException.class, () -> store.update("wired", Counter::incremented));
      assertTrue(
          unreachable.getMessage().contains("nothing was written"), unreachable.getMessage());
      assertThrows(BackendUnavailableException.class, () -> store.get("wired"));
      tap.down.set(false);

      tap.commitFault.set(Tap.CommitFault.LOST_BEFORE);
      assertEquals(2, store.update("wired", Counter::incremented).version(), "retried once");
      // the store wrote the row last: its next update is one statement, committed on its own
      tap.statementFault.set(new Tap.StatementFault(WRITE_KNOWN, true));
      assertEquals(3, store.update("wired", Counter::incremented).version(), "applied once");
      assertNull(tap.statementFault.get(), "the answer was lost");
      assertEquals(2, store.get("wired").count());

      tap.statementFault.set(new Tap.StatementFault(WRITE_KNOWN, true));
      tap.atFault.set(() -> tap.down.set(true));
      OutcomeUnknownException unknown =
          assertThrows(
              OutcomeUnknownException.class, () -> store.update("wired", Counter::incremented));
      assertEquals("wired", unknown.instanceId());
      tap.down.set(false);
      assertEquals(4, store.get("wired").version(), "it had committed");
    }
  }

  /** Item 16: an outage logs one line per failed renewal round, without a stack trace. */
  @Test
  void theRenewerLogsEachFailedRoundInOneLineWithoutAStackTrace() throws Exception {
    Tap tap = Tap.of(pool);
    Logger logger = Logger.getLogger("dev.burrow");
    CountDownLatch twoFailures = new CountDownLatch(2);
    List<LogRecord> records = new ArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public synchronized void publish(LogRecord record) {
            if (record.getMessage().contains("renewal failed")) {
              records.add(record);
              twoFailures.countDown();
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try (CounterStore store =
        PgStores.counters(
            tap.dataSource(), PgStores.freshPrefix(), localRoot, Duration.ofMillis(300))) {
      InstanceLock lock = store.lock("renewed");
      tap.down.set(true);
      assertTrue(twoFailures.await(30, TimeUnit.SECONDS), "two renewal rounds failed");
      tap.down.set(false);
      lock.close();
    } finally {
      logger.removeHandler(handler);
    }
    synchronized (handler) {
      for (LogRecord record : records) {
        assertNull(record.getThrown(), "no stack trace: " + record.getMessage());
        assertTrue(record.getMessage().contains("could not be reached"), record.getMessage());
      }
    }
  }
}
