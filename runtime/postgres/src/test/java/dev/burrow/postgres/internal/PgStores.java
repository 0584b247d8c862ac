package dev.burrow.postgres.internal;

import dev.burrow.Backend;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.StorageBackend;
import dev.burrow.spi.StorageBackendFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/** Opens counter stores on the test server, each test in tables of its own. */
final class PgStores {
  private static final AtomicLong NEXT_PREFIX = new AtomicLong();
  private static final AtomicLong NEXT_ID = new AtomicLong();
  private static final Map<CounterStore, PostgresStorage<?>> BACKENDS =
      Collections.synchronizedMap(new WeakHashMap<>());

  private PgStores() {}

  /** A table prefix no other test in this run uses. */
  static String freshPrefix() {
    return "t" + NEXT_PREFIX.incrementAndGet() + "_";
  }

  static StorageSettings options(String prefix, Duration lease) {
    return new StorageSettings(prefix, lease);
  }

  static CounterStore counters(
      DataSource dataSource, String prefix, Path localRoot, Duration lease) {
    return counters(dataSource, prefix, localRoot, lease, StoreOptions.defaults());
  }

  static CounterStore counters(
      DataSource dataSource, String prefix, Path localRoot, Duration lease, StoreOptions options) {
    return counters(dataSource, prefix, localRoot, lease, options, CounterSchema.INSTANCE);
  }

  static CounterStore counters(
      DataSource dataSource,
      String prefix,
      Path localRoot,
      Duration lease,
      StoreOptions options,
      InstanceSchema<Counter> schema) {
    PostgresStorage<?>[] opened = new PostgresStorage<?>[1];
    Backend backend =
        new StorageBackendFactory() {
          @Override
          public <T> StorageBackend<T> open(
              InstanceSchema<T> schema, Path root, StoreOptions store) {
            PostgresStorage<T> storage =
                PostgresStorage.open(
                    schema,
                    dataSource,
                    root,
                    store.durability(),
                    store.lockTimeout(),
                    options(prefix, lease));
            opened[0] = storage;
            return storage;
          }
        };
    CounterStore store =
        new CounterStore(
            StoreEngine.open(
                schema,
                backend,
                options
                    .withDataRoot(localRoot)
                    .withIdGenerator(
                        () ->
                            "c"
                                + ProcessHandle.current().pid()
                                + "-"
                                + NEXT_ID.incrementAndGet())));
    BACKENDS.put(store, opened[0]);
    return store;
  }

  /**
   * Creates {@code id} through a store of its own on {@code prefix}, closed at once, so that the
   * row is one the test's stores did not write: a store keeps what it creates, and its first update
   * of a row it wrote last is one statement, while the first update of this row locks it.
   */
  static Counter createElsewhere(DataSource dataSource, String prefix, Path localRoot, String id) {
    try (CounterStore creator =
        counters(dataSource, prefix, localRoot.resolve("creator"), Duration.ofSeconds(15))) {
      return creator.create(id);
    }
  }

  /** The backend under a store that {@link #counters} opened. */
  @SuppressWarnings("unchecked")
  static PostgresStorage<Counter> backend(CounterStore store) {
    return (PostgresStorage<Counter>) BACKENDS.get(store);
  }
}
