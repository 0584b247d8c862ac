package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An upgrade whose statements on the schema-version table wait for a lock another transaction holds
 * fails as retriable ({@link TableBusyException}) once the lock timeout passes, as its migrations'
 * statements do, and changes nothing.
 */
@ExtendWith(PostgresExtension.class)
class PostgresSchemaVersionLockTest {
  private static final Duration QUICK = Duration.ofMillis(300);

  private final String prefix = PgStores.freshPrefix();

  /** Reading the version found waits behind a transaction that locked the table exclusively. */
  @Test
  void readingTheVersionBehindAnExclusiveLockIsRetriable(LocalPostgres server) throws Exception {
    DataSource pool = server.sharedPool();
    Migrations.apply(new Database(pool), new Tables(prefix), QUICK);

    TableBusyException busy = whileLocked(pool, "ACCESS EXCLUSIVE");

    assertEquals(schemaVersion(), busy.table());
    assertTrue(busy.getMessage().contains("SELECT coalesce(max(version), 0)"), busy.getMessage());
  }

  /**
   * Recording a migration waits behind a transaction that holds the table in share mode (which
   * reads pass): the migration it ran is rolled back with it.
   */
  @Test
  void recordingAMigrationBehindAShareLockIsRetriableAndUndoesTheMigration(LocalPostgres server)
      throws Exception {
    DataSource pool = server.sharedPool();
    int before = Migrations.latest() - 1;
    Migrations.applyUpTo(new Database(pool), new Tables(prefix), before, QUICK);

    TableBusyException busy = whileLocked(pool, "SHARE");

    assertEquals(schemaVersion(), busy.table());
    assertTrue(busy.getMessage().contains("INSERT INTO " + schemaVersion()), busy.getMessage());
    assertEquals(
        List.of(Integer.toString(before)),
        Sql.column(pool, "SELECT max(version) FROM " + schemaVersion()));
    assertEquals(
        List.of(),
        Sql.column(
            pool,
            "SELECT column_name FROM information_schema.columns"
                + " WHERE table_name = ? AND column_name = 'write_token'",
            prefix + "instances"),
        "the migration recorded in vain was rolled back");
  }

  /** Opens the tables while another transaction holds the schema-version table in {@code mode}. */
  private TableBusyException whileLocked(DataSource pool, String mode) throws Exception {
    try (Connection holder = pool.getConnection()) {
      holder.setAutoCommit(false);
      try (Statement statement = holder.createStatement()) {
        statement.execute("LOCK TABLE " + schemaVersion() + " IN " + mode + " MODE");
      }
      try {
        return assertThrows(
            TableBusyException.class,
            () -> Migrations.apply(new Database(pool), new Tables(prefix), QUICK));
      } finally {
        holder.rollback();
      }
    }
  }

  private String schemaVersion() {
    return prefix + "schema_version";
  }
}
