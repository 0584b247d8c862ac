package dev.burrow.postgres.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child main, an import to be killed: {@code jdbcUrl prefix localRoot exportFile}. Prints {@code
 * ready} once the store is open, imports the export file into it, then prints {@code done}.
 */
public final class PgImporter {
  private PgImporter() {}

  public static void main(String[] args) throws IOException {
    try (HikariDataSource pool = LocalPostgres.pool(args[0], 2);
        CounterStore store =
            PgStores.counters(pool, args[1], Path.of(args[2]), Duration.ofSeconds(15));
        InputStream export = Files.newInputStream(Path.of(args[3]))) {
      System.out.println("ready");
      System.out.flush();
      store.engine().importFrom(export, null);
    }
    System.out.println("done");
  }
}
