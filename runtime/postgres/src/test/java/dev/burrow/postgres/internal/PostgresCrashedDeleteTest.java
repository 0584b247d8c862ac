package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delete lost before its {@code COMMIT} reached the server, which then crashed (defect 26 of
 * {@code docs/reliability.md}): the restarted server hands the delete's transaction ID, whose
 * records never reached its disk, to the next transaction, which commits. The delete must not take
 * that commit for its own: the row it removed is still stored, so it is tried again. A server of
 * its own, since it is crashed, with its WAL writer held off so that nothing but a commit flushes
 * the WAL.
 */
@ExtendWith(PostgresExtension.class)
class PostgresCrashedDeleteTest {
  @TempDir Path localRoot;

  @Test
  void aDeleteLostAcrossACrashIsNotTakenForDoneByAnotherTransactionUnderItsId(LocalPostgres shared)
      throws SQLException {
    try (LocalPostgres server = LocalPostgres.start()) {
      execute(server, "ALTER SYSTEM SET wal_writer_delay = '10s'");
      execute(server, "ALTER SYSTEM SET autovacuum = off");
      server.restart();
      Tap tap = Tap.unpooled(server.jdbcUrl());
      String prefix = PgStores.freshPrefix();
      try (CounterStore store =
          PgStores.counters(tap.dataSource(), prefix, localRoot, Duration.ofSeconds(15))) {
        store.create("there");
        long lastOnDisk = writeOnDisk(server);
        AtomicLong afterCrash = new AtomicLong();
        tap.commitFault.set(Tap.CommitFault.LOST_BEFORE);
        tap.atFault.set(
            () -> {
              server.restart();
              afterCrash.set(nextTransaction(server));
            });

        assertTrue(store.delete("there"));

        assertEquals(
            lastOnDisk + 1,
            afterCrash.get(),
            "the restarted server handed the delete's transaction ID to the next transaction");
        try (HikariDataSource check = server.pool(1)) {
          assertEquals(
              List.of("0"),
              Sql.column(check, "SELECT count(*) FROM " + prefix + "instances WHERE id = 'there'"),
              "the acknowledged delete is done");
        }
      }
    }
  }

  private static void execute(LocalPostgres server, String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  /**
   * Commits a transaction that writes a row, so that its commit waits for the disk, and returns its
   * ID: the next one is the delete's.
   */
  private static long writeOnDisk(LocalPostgres server) throws SQLException {
    execute(server, "CREATE TABLE IF NOT EXISTS marks (transaction bigint)");
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
        Statement statement = connection.createStatement();
        ResultSet row =
            statement.executeQuery(
                "INSERT INTO marks SELECT txid_current() RETURNING transaction")) {
      row.next();
      return row.getLong(1);
    }
  }

  /**
   * Commits a transaction that takes an ID and writes nothing (whose commit does not wait for the
   * disk), and returns that ID.
   */
  private static long nextTransaction(LocalPostgres server) {
    try (Connection connection = DriverManager.getConnection(server.jdbcUrl());
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("SELECT txid_current()")) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
