package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.OutcomeUnknownException;
import dev.burrow.runtime.internal.id.WorkerLease;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Burrow's own bookkeeping (a worker number's claim, an instance's lease, the upgrade of its
 * tables) whose connection is lost after its statements were sent: what it reports is true. A claim
 * that committed is found and used; where nothing can tell, the outcome is reported unknown, never
 * as "nothing was written".
 */
@ExtendWith(PostgresExtension.class)
class PostgresLostBookkeepingTest {
  private static final Duration LEASE = Duration.ofSeconds(15);

  private static DataSource pool;

  @TempDir Path localRoot;
  private final String prefix = PgStores.freshPrefix();

  @BeforeAll
  static void connect(LocalPostgres server) {
    pool = server.sharedPool();
  }

  /**
   * The claim of the only worker number commits and its answer is lost: the allocator finds the
   * number it claimed and leases it, instead of claiming again, finding every number taken (by
   * itself), and leaving the first claim held until its lease expires.
   */
  @Test
  void aWorkerClaimWhoseAnswerIsLostIsFoundAndUsed() {
    Tap tap = Tap.of(pool);
    try (PostgresWorkerIds allocator =
        PostgresWorkerIds.open(tap.dataSource(), PgStores.options(prefix, LEASE))) {
      tap.statementFault.set(new Tap.StatementFault("SET holder = ?", true));

      WorkerLease lease = allocator.acquire(1);

      assertNull(tap.statementFault.get(), "the claim met the fault");
      assertEquals(0, lease.workerId());
      assertEquals(List.of("0"), heldWorkers());
      lease.close();
      assertEquals(List.of(), heldWorkers(), "the lease given back is free");
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
   * The upgrade of the tables commits and its answer is lost, and the second try's connection is
   * lost too: the open fails saying whether the upgrade took effect is not known (it did), not that
   * nothing was written.
   */
  @Test
  void anUpgradeLostTwiceSaysItsOutcomeIsUnknown() {
    Tap tap = Tap.of(pool);
    tap.commitFault.set(Tap.CommitFault.LOST_AFTER);
    tap.atFault.set(
        () -> tap.statementFault.set(new Tap.StatementFault("pg_advisory_xact_lock", false)));

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

  private List<String> heldWorkers() {
    return Sql.column(
        pool, "SELECT worker FROM " + prefix + "workers WHERE holder IS NOT NULL ORDER BY worker");
  }
}
