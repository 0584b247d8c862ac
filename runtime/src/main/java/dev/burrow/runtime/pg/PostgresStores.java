package dev.burrow.runtime.pg;

import dev.burrow.runtime.id.IdGenerator;
import dev.burrow.runtime.store.DataRoots;
import dev.burrow.runtime.store.InstanceStore;
import dev.burrow.runtime.store.StoreOptions;
import dev.burrow.spi.InstanceSchema;
import java.nio.file.Path;
import javax.sql.DataSource;

/** Opens typed stores on PostgreSQL. */
public final class PostgresStores {
  private PostgresStores() {}

  /**
   * Opens the store of {@code schema}'s kind in the database behind {@code dataSource}.
   * The store options' data root (else the schema's environment variable, else its default)
   * is this host's root for instance directories; its lock timeout bounds every wait for a
   * lease. Without an ID generator in the options, {@code create()} uses {@link
   * PostgresBackend#idGenerator()}: Snowflake IDs with a worker number leased from the
   * database, or UUIDv7.
   *
   * @throws dev.burrow.StorageException if the database cannot be reached or written
   * @throws dev.burrow.BurrowException if the database is not UTF-8 or its tables are newer
   *     than this Burrow
   */
  public static <T> InstanceStore<T> open(InstanceSchema<T> schema, DataSource dataSource,
      StoreOptions options, PostgresOptions postgres) {
    Path localRoot = DataRoots.resolve(schema.layout(), options.dataRoot());
    PostgresBackend<T> backend =
        PostgresBackend.open(schema, dataSource, localRoot, options.lockTimeout(), postgres);
    IdGenerator configured = options.idGenerator();
    return InstanceStore.open(schema, backend, options,
        configured != null ? configured : backend.idGenerator());
  }
}
