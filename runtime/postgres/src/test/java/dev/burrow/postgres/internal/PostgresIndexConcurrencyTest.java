package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.IndexChurn;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four processes update the indexed components of shared instances in PostgreSQL while this one
 * queries: see {@link IndexChurn} for what every query must return.
 */
@ExtendWith(PostgresExtension.class)
class PostgresIndexConcurrencyTest {
  @TempDir Path localRoot;
  @TempDir Path scratch;

  @Test
  void queriesDuringUpdatesByFourProcessesMissNothingAndReturnNothingTwiceOrWrong(
      LocalPostgres server) {
    String prefix = PgStores.freshPrefix();
    Path stop = scratch.resolve("stop");
    try (CounterStore store = PgIndexChurner.store(server.sharedPool(), prefix, localRoot)) {
      List<Supplier<ChildJvm>> children = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        String seed = Integer.toString(i);
        children.add(
            () ->
                ChildJvm.start(
                    PgIndexChurner.class,
                    server.jdbcUrl(),
                    prefix,
                    localRoot.toString(),
                    seed,
                    stop.toString()));
      }
      long updates = IndexChurn.check(store, children, stop, 200);
      System.out.println(
          "index concurrency (PostgreSQL): 200 queries during " + updates + " updates");
      assertTrue(updates > 0, "the children wrote while the queries ran");
    }
  }
}
