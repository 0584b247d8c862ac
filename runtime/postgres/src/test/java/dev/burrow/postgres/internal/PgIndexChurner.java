package dev.burrow.postgres.internal;

import static dev.burrow.runtime.testing.CounterSchema.COUNT;
import static dev.burrow.runtime.testing.CounterSchema.STATUS;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.IndexChurn;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Child main of {@link PostgresIndexConcurrencyTest} and {@link PostgresIndexKillTest}: {@code
 * jdbcUrl prefix localRoot seed stopFile}; runs {@link IndexChurn#churn} on the PostgreSQL counters
 * with {@code status} and {@code count} indexed.
 */
public final class PgIndexChurner {
  private PgIndexChurner() {}

  public static void main(String[] args) {
    try (HikariDataSource pool = LocalPostgres.pool(args[0], 2);
        CounterStore store = store(pool, args[1], Path.of(args[2]))) {
      IndexChurn.churn(store, Long.parseLong(args[3]), Path.of(args[4]));
    }
  }

  /** The PostgreSQL counters with {@code status} and {@code count} indexed, as the churners use. */
  static CounterStore store(DataSource pool, String prefix, Path localRoot) {
    return PgStores.counters(
        pool,
        prefix,
        localRoot,
        Duration.ofSeconds(15),
        StoreOptions.defaults(),
        CounterSchema.indexing(STATUS, COUNT));
  }
}
