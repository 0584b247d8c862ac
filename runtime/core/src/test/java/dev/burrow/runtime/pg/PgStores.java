package dev.burrow.runtime.pg;

import dev.burrow.runtime.StoreEngine;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/** Opens counter stores on the test server, each test in tables of its own. */
final class PgStores {
  private static final AtomicLong NEXT_PREFIX = new AtomicLong();
  private static final AtomicLong NEXT_ID = new AtomicLong();

  private PgStores() {}

  /** A table prefix no other test in this run uses. */
  static String freshPrefix() {
    return "t" + NEXT_PREFIX.incrementAndGet() + "_";
  }

  static PostgresOptions options(String prefix, Duration lease) {
    return PostgresOptions.defaults().withTablePrefix(prefix).withLeaseDuration(lease);
  }

  static StoreEngine<Counter> counters(
      DataSource dataSource, String prefix, Path localRoot, Duration lease) {
    return counters(dataSource, prefix, localRoot, lease, StoreOptions.defaults());
  }

  static StoreEngine<Counter> counters(DataSource dataSource, String prefix, Path localRoot,
      Duration lease, StoreOptions options) {
    return PostgresStores.open(CounterSchema.INSTANCE, dataSource, options.withDataRoot(localRoot)
        .withIdGenerator(() -> "c" + ProcessHandle.current().pid() + "-" + NEXT_ID.incrementAndGet()),
        options(prefix, lease));
  }

  static PostgresBackend<Counter> backend(StoreEngine<Counter> store) {
    return (PostgresBackend<Counter>) store.backend();
  }
}
