package dev.burrow.postgres.internal;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.Durability;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.runtime.testing.UnderWay;
import dev.burrow.test.internal.postgres.LocalPostgres;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child main, a copy to be killed while it writes: {@code jdbcUrl prefix localRoot sourceRoot
 * instances}. Copies the counter store on {@code sourceRoot}, with its files, into PostgreSQL (as
 * {@code burrow migrate} does); once it has copied {@code instances}, it prints {@value
 * UnderWay#LINE} and goes on copying, so a kill then lands wherever its writes have come to.
 */
public final class PgCopier {
  private PgCopier() {}

  public static void main(String[] args) {
    UnderWay progress = new UnderWay(Long.parseLong(args[4]));
    try (HikariDataSource pool = LocalPostgres.pool(args[0], 2);
        CounterStore target =
            PgStores.counters(pool, args[1], Path.of(args[2]), Duration.ofSeconds(15));
        CounterStore source = Stores.counters(Path.of(args[3]), Durability.NONE)) {
      source.engine().copyTo(target.engine(), progress.step());
    }
  }
}
