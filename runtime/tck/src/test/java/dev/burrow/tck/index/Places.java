package dev.burrow.tck.index;

import dev.burrow.Backend;
import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import dev.burrow.postgres.PostgresBackend;
import dev.burrow.postgres.PostgresOptions;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Where a test's stores keep their documents: files, or PostgreSQL tables of their own. */
enum Places {
  FILES,
  POSTGRES;

  private static final AtomicInteger PREFIXES = new AtomicInteger();

  /** One test's place: the options and, on PostgreSQL, the backend on fresh tables. */
  record Place(StoreOptions options, @Nullable Backend backend) {
    /** A store opened by {@code onFiles} or {@code onBackend}, whichever this place needs. */
    <S> S open(Function<StoreOptions, S> onFiles, BiFunction<Backend, StoreOptions, S> onBackend) {
      return backend == null ? onFiles.apply(options) : onBackend.apply(backend, options);
    }
  }

  /** A new place for one test, with its data root at {@code root}. */
  Place fresh(Path root, LocalPostgres server) {
    StoreOptions options =
        StoreOptions.defaults().withDataRoot(root).withDurability(Durability.NONE);
    return switch (this) {
      case FILES -> new Place(options, null);
      case POSTGRES ->
          new Place(
              options,
              PostgresBackend.of(
                  server.sharedPool(),
                  PostgresOptions.defaults()
                      .withTablePrefix("ix" + PREFIXES.incrementAndGet() + "_")));
    };
  }
}
