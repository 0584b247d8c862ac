package dev.burrow.postgres.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.UnderWay;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child main, an import to be killed while it writes: {@code jdbcUrl prefix localRoot exportFile
 * bytes}. Imports the export file; once it has read {@code bytes} of it, it prints {@value
 * UnderWay#LINE} and goes on importing, so a kill then lands wherever its writes have come to.
 */
public final class PgUnderWayImporter {
  private PgUnderWayImporter() {}

  public static void main(String[] args) throws IOException {
    UnderWay progress = new UnderWay(Long.parseLong(args[4]));
    try (HikariDataSource pool = LocalPostgres.pool(args[0], 2);
        CounterStore store =
            PgStores.counters(pool, args[1], Path.of(args[2]), Duration.ofSeconds(15));
        InputStream export = progress.watch(Files.newInputStream(Path.of(args[3])))) {
      store.engine().importFrom(export, null);
    }
  }
}
