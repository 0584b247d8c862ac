package dev.burrow.postgres.internal;

import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.IndexChurn;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Index crash on PostgreSQL: four writer processes updating indexed components of shared instances
 * are killed (SIGKILL) while they write, in several rounds; after each, every finder returns
 * exactly the instances whose documents match (the expression indexes change in the write's own
 * transaction, which the server rolls back when its client dies).
 */
@ExtendWith(PostgresExtension.class)
class PostgresIndexKillTest {
  private static final int ROUNDS = 3;
  private static final int UPDATES_PER_ROUND = 100;

  /** How long the server may take to end what killed writers left running (it takes far less). */
  private static final Duration SERVER_CLEAN_UP = Duration.ofMinutes(2);

  @TempDir Path localRoot;
  @TempDir Path scratch;

  @Test
  void writersKilledMidUpdateLeaveEveryFinderMatchingTheDocuments(LocalPostgres server)
      throws SQLException {
    String prefix = PgStores.freshPrefix();
    try (CounterStore store = PgIndexChurner.store(server.sharedPool(), prefix, localRoot)) {
      IndexChurn.createShared(store);
      for (int round = 1; round <= ROUNDS; round++) {
        List<ChildJvm> writers = new ArrayList<>();
        try {
          for (int i = 0; i < 4; i++) {
            writers.add(
                ChildJvm.start(
                    PgIndexChurner.class,
                    server.jdbcUrl(),
                    prefix,
                    localRoot.toString(),
                    Integer.toString(round * 10 + i),
                    scratch.resolve("never").toString()));
          }
          writers.forEach(writer -> writer.awaitLine("ready"));
          long target = versions(store) + UPDATES_PER_ROUND;
          while (versions(store) < target) {
            for (ChildJvm writer : writers) {
              if (!writer.process().isAlive()) {
                throw new AssertionError(
                    "a writer ended before it was killed: " + writer.stderrText());
              }
            }
            Thread.onSpinWait(); // the writers are committing: wait until they did that many
          }
          writers.forEach(ChildJvm::kill);
        } finally {
          writers.forEach(ChildJvm::close);
        }
        awaitNoTransactionOfTheKilled(server);
        IndexChurn.assertFindersMatchTheDocuments(
            store, "after round " + round + " of killing four writers mid-update");
      }
    }
  }

  /**
   * Waits until the server has ended the killed writers' transactions: a statement a writer sent
   * before it died (an update with its commit) still runs to its end, and a transaction it left
   * open is rolled back once the server sees the connection gone.
   */
  private static void awaitNoTransactionOfTheKilled(LocalPostgres server) throws SQLException {
    try (Connection connection = server.sharedPool().getConnection();
        PreparedStatement others =
            connection.prepareStatement(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid() AND backend_type = 'client backend'"
                    + " AND state <> 'idle'")) {
      long deadline = System.nanoTime() + SERVER_CLEAN_UP.toNanos();
      while (true) {
        try (ResultSet count = others.executeQuery()) {
          count.next();
          if (count.getLong(1) == 0) {
            return;
          }
        }
        if (System.nanoTime() - deadline > 0) {
          throw new AssertionError(
              "the server still runs work of killed writers "
                  + SERVER_CLEAN_UP
                  + " after the kill");
        }
        Thread.onSpinWait();
      }
    }
  }

  private static long versions(CounterStore store) {
    return store.list().stream().mapToLong(Counter::version).sum();
  }
}
