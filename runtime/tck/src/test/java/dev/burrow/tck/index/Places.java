package dev.burrow.tck.index;

import dev.burrow.Backend;
import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import dev.burrow.postgres.PostgresBackend;
import dev.burrow.postgres.PostgresOptions;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Where a test's stores keep their documents: files, or PostgreSQL tables of their own. */
enum Places {
  FILES,
  POSTGRES;

  private static final AtomicInteger PREFIXES = new AtomicInteger();

  /**
   * One test's place: the options and, on PostgreSQL, the backend on fresh tables named with {@code
   * tablePrefix}.
   */
  record Place(StoreOptions options, @Nullable Backend backend, @Nullable String tablePrefix) {
    /** A store opened by {@code onFiles} or {@code onBackend}, whichever this place needs. */
    <S> S open(Function<StoreOptions, S> onFiles, BiFunction<Backend, StoreOptions, S> onBackend) {
      return backend == null ? onFiles.apply(options) : onBackend.apply(backend, options);
    }

    /**
     * Puts {@code document} in place of the stored document of instance {@code id} of {@code kind},
     * behind the store's back, as a damaged disk or a hand edit would.
     */
    void replaceDocument(LocalPostgres server, String kind, String id, String document)
        throws IOException, SQLException {
      if (tablePrefix == null) {
        Path dataRoot = Objects.requireNonNull(options.dataRoot(), "data root");
        Files.writeString(
            Stores.instanceDirectory(dataRoot, id).resolve("instance.json"), document);
        return;
      }
      try (Connection connection = server.sharedPool().getConnection();
          PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE "
                      + tablePrefix
                      + "instances SET document = ? WHERE kind = ? AND id = ?")) {
        update.setString(1, document);
        update.setString(2, kind);
        update.setString(3, id);
        if (update.executeUpdate() != 1) {
          throw new IllegalStateException("no row for " + kind + " " + id);
        }
      }
    }
  }

  /** A new place for one test, with its data root at {@code root}. */
  Place fresh(Path root, LocalPostgres server) {
    StoreOptions options =
        StoreOptions.defaults().withDataRoot(root).withDurability(Durability.NONE);
    return switch (this) {
      case FILES -> new Place(options, null, null);
      case POSTGRES -> {
        String tablePrefix = "ix" + PREFIXES.incrementAndGet() + "_";
        yield new Place(
            options,
            PostgresBackend.of(
                server.sharedPool(), PostgresOptions.defaults().withTablePrefix(tablePrefix)),
            tablePrefix);
      }
    };
  }
}
