package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hosts that upgrade the same tables at once apply each migration once, and the others then see the
 * finished result, also where transactions are {@code REPEATABLE READ} by default (the database's
 * {@code default_transaction_isolation}, or the pool's isolation).
 */
@ExtendWith(PostgresExtension.class)
class PostgresConcurrentUpgradesTest {
  private static final Duration LOCK_TIMEOUT = Duration.ofSeconds(30);

  private final String prefix = PgStores.freshPrefix();

  /**
   * Two hosts wait for the upgrade's advisory lock, which a third holds; the first to get it
   * upgrades, and the second, whose transaction took its snapshot before the first committed, finds
   * the tables upgraded. Before, its snapshot showed the older version, so it ran the migration
   * again and failed on the column the first had added.
   */
  @Test
  void hostsUpgradingAtOnceUnderRepeatableReadEachSeeTheOthersUpgrade(LocalPostgres server)
      throws Exception {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl());
    config.setMaximumPoolSize(3);
    config.setTransactionIsolation("TRANSACTION_REPEATABLE_READ");
    ExecutorService hosts = Executors.newFixedThreadPool(2);
    try (HikariDataSource repeatable = new HikariDataSource(config);
        Connection holder = server.sharedPool().getConnection()) {
      Tables tables = new Tables(prefix);
      Migrations.applyUpTo(new Database(repeatable), tables, Migrations.latest() - 1, LOCK_TIMEOUT);
      holder.setAutoCommit(false);
      try (PreparedStatement lock =
          holder.prepareStatement("SELECT pg_advisory_xact_lock(x'42555252'::int, hashtext(?))")) {
        lock.setString(1, prefix);
        lock.execute();
      }
      Future<Integer> first =
          hosts.submit(() -> Migrations.apply(new Database(repeatable), tables, LOCK_TIMEOUT));
      awaitWaitingForTheUpgradeLock(server, 1, first);
      Future<Integer> second =
          hosts.submit(() -> Migrations.apply(new Database(repeatable), tables, LOCK_TIMEOUT));
      awaitWaitingForTheUpgradeLock(server, 2, second);
      holder.rollback();

      assertEquals(Migrations.latest() - 1, first.get(1, TimeUnit.MINUTES));
      assertEquals(Migrations.latest(), second.get(1, TimeUnit.MINUTES));
      assertEquals(
          List.of(Integer.toString(Migrations.latest())),
          Sql.column(server.sharedPool(), "SELECT count(*) FROM " + prefix + "schema_version"));
    } finally {
      hosts.shutdownNow();
    }
  }

  private static void awaitWaitingForTheUpgradeLock(
      LocalPostgres server, int waiting, Future<?> call) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (Sql.waitingForALock(server.sharedPool(), "%pg_advisory_xact_lock%").size() < waiting) {
      assertFalse(call.isDone(), "the upgrade ended without waiting for its advisory lock");
      assertTrue(System.nanoTime() < deadline, "no upgrade waited for the advisory lock");
      Thread.onSpinWait();
    }
  }
}
