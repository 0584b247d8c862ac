package dev.burrow.postgres;

import dev.burrow.MisuseException;
import dev.burrow.StoreOptions;
import dev.burrow.postgres.internal.PostgresStorage;
import dev.burrow.postgres.internal.StorageSettings;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.StorageBackend;
import dev.burrow.spi.StorageBackendFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * The PostgreSQL backend: the same typed store, shared by every host that uses the same database
 * and table prefix. It is a {@link dev.burrow.Backend}: pass it to a generated store's {@code
 * open(Backend, StoreOptions)}, or use the generated {@code open(DataSource …)} openers, which call
 * it.
 *
 * <pre>{@code
 * TaskRunStore store = TaskRunStore.open(
 *     PostgresBackend.of(dataSource, PostgresOptions.defaults().withTablePrefix("ci_")),
 *     StoreOptions.defaults());
 * }</pre>
 *
 * <p>Shared by all hosts: documents and their versions, {@code create} that never overwrites,
 * compare-and-set and {@code update}, locks (leases with a fencing epoch whose expiry comes from
 * the database clock), listing (indexed, keyset pages), and Snowflake worker numbers (leased rows).
 * Each host keeps instance directories, event logs and shared files on its own disk, under the
 * store options' data root. Burrow creates and upgrades its tables when a store opens (several
 * hosts starting at once apply each migration once).
 *
 * <p>Plain JDBC: the driver ({@code org.postgresql:postgresql}) and the pool are the caller's.
 * Durability of documents is the server's ({@code fsync}, {@code synchronous_commit}); the store
 * options' {@link dev.burrow.Durability} rules this host's files (instance directories made and
 * removed, event logs, instance and shared files) as on the filesystem backend.
 */
public final class PostgresBackend implements StorageBackendFactory {
  private final DataSource dataSource;
  private final PostgresOptions options;

  private PostgresBackend(DataSource dataSource, PostgresOptions postgres) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.options = Objects.requireNonNull(postgres, "postgres");
  }

  /** The database behind {@code dataSource}, with {@link PostgresOptions#defaults()}. */
  public static PostgresBackend of(DataSource dataSource) {
    return of(dataSource, PostgresOptions.defaults());
  }

  /**
   * The database behind {@code dataSource}, with {@code postgres}; the parameter is named as in the
   * generated stores' {@code open(DataSource, StoreOptions, PostgresOptions postgres)}, which pass
   * it on, so that a null one is named as the caller wrote it.
   *
   * @throws NullPointerException naming {@code dataSource} or {@code postgres} if it is null
   */
  public static PostgresBackend of(DataSource dataSource, PostgresOptions postgres) {
    return new PostgresBackend(dataSource, postgres);
  }

  /** The options this backend opens stores with. */
  public PostgresOptions options() {
    return options;
  }

  /**
   * Opens the tables of {@code schema}'s kind, creating or upgrading them first. The store options'
   * lock timeout bounds every wait for a lease; without an ID generator in them, {@code create()}
   * makes Snowflake IDs with a worker number leased from the database (or UUIDv7, as the schema
   * says).
   *
   * @throws dev.burrow.BackendUnavailableException if the database cannot be reached
   * @throws dev.burrow.StorageException if Burrow's tables cannot be created or read
   * @throws MisuseException if the data source hands out connections with auto-commit off, or the
   *     database is not UTF-8; nothing is changed
   * @throws dev.burrow.NewerFormatException if Burrow's tables are at the schema version of a newer
   *     Burrow; nothing is changed
   */
  @Override
  public <T> StorageBackend<T> open(InstanceSchema<T> schema, Path localRoot, StoreOptions store) {
    return PostgresStorage.open(
        schema,
        dataSource,
        localRoot,
        store.durability(),
        store.lockTimeout(),
        new StorageSettings(options.tablePrefix(), options.leaseDuration()));
  }

  /**
   * Support for the generated stores' {@code inTransaction(Connection)}; call that instead. The
   * engine of a store opened on PostgreSQL, with its document reads and writes run in the caller's
   * open transaction on {@code connection}, which one query checks reaches the store's database and
   * schema.
   *
   * @throws MisuseException if {@code engine}'s store was not opened on PostgreSQL, or {@code
   *     connection} works in another database or schema than its tables
   * @throws dev.burrow.BurrowException if that query fails
   */
  public static <T> StoreEngine<T> inTransaction(StoreEngine<T> engine, Connection connection) {
    Objects.requireNonNull(connection, "connection");
    return engine.withBackend(
        backend -> {
          if (!(backend instanceof PostgresStorage<T> postgres)) {
            throw new MisuseException(
                "inTransaction(connection) needs a store opened on PostgreSQL; the store of kind '"
                    + engine.schema().layout().name()
                    + "' keeps its documents elsewhere");
          }
          return postgres.joining(connection);
        });
  }
}
