package dev.burrow.spi;

import dev.burrow.Backend;
import dev.burrow.StoreOptions;
import java.nio.file.Path;

/**
 * The backend SPI's entry point: a {@link Backend} that opens a {@link StorageBackend} for one
 * instance kind when a store is opened. Users pass the {@code Backend} to a generated store's
 * {@code open(Backend, StoreOptions)}; backend authors implement this interface (every {@code
 * Backend} a store is opened with must), like {@code dev.burrow.postgres.PostgresBackend} does.
 *
 * <p>Implementations are immutable descriptions (what to connect to, with which options); nothing
 * is opened or connected before {@link #open} is called, once per store opened.
 */
@FunctionalInterface
public interface StorageBackendFactory extends Backend {

  /**
   * Opens the backend for {@code schema}'s instance kind. The store that called it owns the result
   * and closes it.
   *
   * @param localRoot this host's data root, chosen by the options or the schema: instance
   *     directories, event logs and shared files live there on every backend
   * @throws dev.burrow.StorageException if the backend cannot be reached or prepared
   */
  <T> StorageBackend<T> open(InstanceSchema<T> schema, Path localRoot, StoreOptions options);
}
