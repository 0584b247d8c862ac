package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * What a store says, and that it never hangs, when its database goes away at the awkward moments:
 * while a store opens, while it closes, and while a lost write is being resolved.
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
      try (CounterStore store = PgStores.counters(tap.dataSource(), prefix, localRoot, LEASE)) {
        assertEquals(null, tap.commitFault.get(), fault + ": the open met the fault");
        assertEquals(1, store.create("after-" + fault).version(), fault.toString());
      }
      assertEquals(
          List.of(Integer.toString(Migrations.latest())),
          Sql.column(pool, "SELECT count(*) FROM " + prefix + "schema_version"),
          fault + ": each migration applied once");
    }
  }
}
