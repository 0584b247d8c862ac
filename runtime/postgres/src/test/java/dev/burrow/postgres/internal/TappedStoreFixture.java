package dev.burrow.postgres.internal;

import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixture of the lost-connection suites: a counter store under a fresh table prefix whose
 * connections pass through a {@link Tap} (unpooled, so each fault meets the connection the write
 * uses), and the shared pool to look at the rows from outside. Every fault is disarmed and the tap
 * brought back up after each test.
 */
@ExtendWith(PostgresExtension.class)
abstract class TappedStoreFixture {
  static final Duration LEASE = Duration.ofSeconds(15);

  @TempDir Path localRoot;
  DataSource pool;
  String prefix;
  Tap tap;
  CounterStore store;

  @BeforeEach
  void openTappedStore(LocalPostgres server) {
    pool = server.sharedPool();
    prefix = PgStores.freshPrefix();
    tap = Tap.unpooled(server.jdbcUrl());
    store = PgStores.counters(tap.dataSource(), prefix, localRoot, LEASE);
  }

  @AfterEach
  void closeTappedStore() {
    tap.statementFault.set(null);
    tap.commitFault.set(null);
    tap.atFault.set(null);
    tap.down.set(false);
    store.close();
  }
}
