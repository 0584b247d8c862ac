package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.RetriableException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade that gives every row an incarnation (migration 6, a rewrite of the instances table),
 * on tables a Burrow from before it filled, killed midway and then finished by the next open.
 */
@ExtendWith(PostgresExtension.class)
class PostgresIncarnationUpgradeTest {
  private static final Duration LEASE = Duration.ofSeconds(15);

  private static DataSource pool;

  @TempDir Path localRoot;
  private final String prefix = PgStores.freshPrefix();

  @BeforeAll
  static void connect(LocalPostgres server) {
    pool = server.sharedPool();
  }

  /**
   * The upgrading transaction's backend is terminated (as when its host dies) while its {@code
   * ALTER TABLE} waits for a lock, every time the open tries again: the tables stay at version 5,
   * whole, and the next open upgrades them, gives each existing row an incarnation of its own, and
   * keeps this host's directory of a live instance, files and all, taken for that instance's.
   */
  @Test
  void anUpgradeKilledMidwayLeavesTheTablesWholeAndTheNextOpenFinishesIt() throws Exception {
    try (CounterStore before = PgStores.counters(pool, prefix, localRoot, LEASE)) {
      before.create("a");
      before.create("b");
      Files.writeString(before.dirs("a").root().resolve("notes.txt"), "a's");
    }
    backToVersion5();

    try (Connection blocker = pool.getConnection()) {
      blocker.setAutoCommit(false);
      try (Statement statement = blocker.createStatement()) {
        statement.execute("LOCK TABLE " + prefix + "instances IN ACCESS SHARE MODE");
      }
      FutureTask<CounterStore> opening =
          new FutureTask<>(() -> PgStores.counters(pool, prefix, localRoot, LEASE));
      new Thread(opening).start();
      int killed = 0;
      while (!opening.isDone()) {
        killed += terminateBlockedUpgrades();
      }
      assertThrows(ExecutionException.class, opening::get);
      assertFalse(killed == 0, "no upgrade was killed midway");
      blocker.rollback();
    }
    assertEquals(List.of("5"), Sql.column(pool, "SELECT max(version) FROM " + schemaVersion()));
    assertEquals(List.of(), incarnationColumn(), "the killed upgrade left nothing of itself");
    assertEquals(List.of("2"), Sql.column(pool, "SELECT count(*) FROM " + prefix + "instances"));

    try (CounterStore upgraded = PgStores.counters(pool, prefix, localRoot, LEASE)) {
      assertEquals(
          IntStream.rangeClosed(1, Migrations.latest()).mapToObj(Integer::toString).toList(),
          Sql.column(pool, "SELECT version FROM " + schemaVersion() + " ORDER BY version"));
      assertEquals(
          List.of("2"),
          Sql.column(pool, "SELECT count(DISTINCT incarnation) FROM " + prefix + "instances"));
      Path directory = upgraded.dirs("a").root();
      assertEquals("a's", Files.readString(directory.resolve("notes.txt")));

      assertTrue(upgraded.delete("a"));
      upgraded.create("a");
      assertEquals(directory, upgraded.dirs("a").root());
      assertFalse(Files.exists(directory.resolve("notes.txt")), "a new 'a' sees none of its files");
      assertEquals(1, upgraded.get("b").version());
    }
  }

  /**
   * An upgrade that must alter a table another open transaction uses (here one that read it) waits
   * for that transaction at most the store's lock timeout, since every other session's use of the
   * table queues behind the waiting {@code ALTER TABLE}; then the open fails as retriable, naming
   * the table, and the tables stay as they were. The next open, once that transaction has ended,
   * upgrades them.
   */
  @Test
  void anUpgradeBlockedByAnOpenTransactionTimesOutNamingTheTableAndChangesNothing()
      throws Exception {
    try (CounterStore before = PgStores.counters(pool, prefix, localRoot, LEASE)) {
      before.create("a");
      before.dirs("a");
    }
    backToVersion5();
    Duration quick = Duration.ofMillis(300);

    try (Connection reader = pool.getConnection()) {
      reader.setAutoCommit(false);
      try (Statement statement = reader.createStatement()) {
        statement.execute("SELECT count(*) FROM " + prefix + "instances");
      }
      TableBusyException busy =
          assertTimeoutPreemptively(
              Duration.ofMinutes(1),
              () ->
                  assertThrows(
                      TableBusyException.class,
                      () ->
                          PgStores.counters(
                              pool,
                              prefix,
                              localRoot,
                              LEASE,
                              StoreOptions.defaults().withLockTimeout(quick))));
      assertInstanceOf(RetriableException.class, busy);
      assertEquals(prefix + "instances", busy.table());
      assertTrue(
          busy.getMessage().contains("lock on " + prefix + "instances that another transaction"),
          busy.getMessage());
      reader.rollback();
    }
    assertEquals(List.of("5"), Sql.column(pool, "SELECT max(version) FROM " + schemaVersion()));
    assertEquals(List.of(), incarnationColumn(), "the timed-out upgrade left nothing of itself");

    try (CounterStore upgraded =
        PgStores.counters(
            pool, prefix, localRoot, LEASE, StoreOptions.defaults().withLockTimeout(quick))) {
      assertEquals(1, upgraded.get("a").version());
      assertEquals(
          List.of(Integer.toString(Migrations.latest())),
          Sql.column(pool, "SELECT max(version) FROM " + schemaVersion()));
    }
  }

  /**
   * The tables and this host's root as a Burrow before incarnations left them (without the columns
   * of later migrations too, which the open adds again).
   */
  private void backToVersion5() throws Exception {
    Sql.update(pool, "ALTER TABLE " + prefix + "instances DROP COLUMN incarnation");
    Sql.update(pool, "DROP SEQUENCE " + prefix + "incarnations");
    Sql.update(pool, "ALTER TABLE " + prefix + "instances DROP COLUMN leased_epoch");
    Sql.update(pool, "ALTER TABLE " + prefix + "instances DROP COLUMN write_token");
    // Migration 7 (listing pages bounded by bytes) makes its functions again when it runs again.
    Sql.update(pool, "DELETE FROM " + schemaVersion() + " WHERE version >= 6");
    try (var records = Files.list(localRoot.resolve(".burrow/incarnations"))) {
      for (Path record : records.toList()) {
        Files.delete(record);
      }
    }
  }

  /** Terminates every backend waiting for a lock in this prefix's upgrade; how many it did. */
  private int terminateBlockedUpgrades() {
    return Sql.column(
            pool,
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                + " WHERE wait_event_type = 'Lock' AND query LIKE ?",
            "ALTER TABLE " + prefix + "instances%")
        .size();
  }

  private List<String> incarnationColumn() {
    return Sql.column(
        pool,
        "SELECT column_name FROM information_schema.columns"
            + " WHERE table_name = ? AND column_name = 'incarnation'",
        prefix + "instances");
  }

  private String schemaVersion() {
    return prefix + "schema_version";
  }
}
