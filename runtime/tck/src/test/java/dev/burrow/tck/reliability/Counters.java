package dev.burrow.tck.reliability;

import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import dev.burrow.postgres.PostgresOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/** Opens generated counter stores for the reliability suites. */
final class Counters {
  private static final AtomicLong NEXT_ID = new AtomicLong();

  private Counters() {}

  /** The options of a counter store on {@code root} with {@code durability}. */
  static StoreOptions options(Path root, Durability durability) {
    return StoreOptions.defaults()
        .withDataRoot(root)
        .withDurability(durability)
        .withIdGenerator(
            () -> "c" + ProcessHandle.current().pid() + "-" + NEXT_ID.incrementAndGet());
  }

  /** A counter store on {@code root} with {@code durability}. */
  static CounterStore open(Path root, Durability durability) {
    return CounterStore.open(options(root, durability));
  }

  /**
   * A counter store on PostgreSQL through {@code pool}, in tables of its own ({@code prefix}), with
   * leases of {@code lease}; instance directories at {@code options}' data root.
   */
  static CounterStore onPostgres(
      DataSource pool, String prefix, Duration lease, StoreOptions options) {
    return CounterStore.open(
        pool, options, PostgresOptions.defaults().withTablePrefix(prefix).withLeaseDuration(lease));
  }
}
