package dev.burrow;

import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.StorageBackend;
import java.nio.file.Path;

/**
 * Where a store keeps its documents and locks, chosen when it is opened: pass one to a generated
 * store's {@code open(Backend, StoreOptions)}. Without one, a store uses the filesystem backend at
 * the options' data root. The PostgreSQL backend comes from {@code
 * dev.burrow.postgres.PostgresBackend} in the {@code burrow-postgres} artifact.
 *
 * <p>Implementations are immutable descriptions (what to connect to, with which options); nothing
 * is opened until a store is.
 */
public interface Backend {

  /**
   * Opens the backend for {@code schema}'s instance kind.
   *
   * @param localRoot this host's data root, chosen by the options or the schema: instance
   *     directories, event logs and shared files live there on every backend
   * @throws StorageException if the backend cannot be reached or prepared
   */
  <T> StorageBackend<T> open(InstanceSchema<T> schema, Path localRoot, StoreOptions options);
}
