package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The upgrade that bounds listing pages by bytes (migration 7, new page functions in place of those
 * of migration 4), on tables a Burrow from before it made.
 */
@ExtendWith(PostgresExtension.class)
class PostgresBoundedPagesUpgradeTest {
  @TempDir Path localRoot;

  /**
   * Opening a store on tables at version 6 upgrades them in place: the page functions of migration
   * 4 are replaced (no overload of theirs is left), and a listing page of large documents stops at
   * its byte bound.
   */
  @Test
  void tablesOfTheReleaseBeforeGetTheBoundedPageFunctions(LocalPostgres server) {
    DataSource pool = server.sharedPool();
    String prefix = PgStores.freshPrefix();
    Migrations.applyUpTo(new Database(pool), new Tables(prefix), 6, Duration.ofSeconds(30));
    assertEquals(
        List.of("page(p_kind text, p_limit integer)"), pageFunctions(pool, prefix, "page"));

    try (CounterStore store = PgStores.counters(pool, prefix, localRoot, Duration.ofSeconds(15))) {
      assertEquals(
          IntStream.rangeClosed(1, Migrations.latest()).mapToObj(Integer::toString).toList(),
          Sql.column(pool, "SELECT version FROM " + prefix + "schema_version ORDER BY version"));
      assertEquals(
          List.of(
              "page(p_kind text, p_limit integer, p_page_bytes integer,"
                  + " p_document_bytes integer)"),
          pageFunctions(pool, prefix, "page"));
      assertEquals(
          List.of(
              "page_after(p_kind text, p_rank integer, p_id text, p_limit integer,"
                  + " p_page_bytes integer, p_document_bytes integer)"),
          pageFunctions(pool, prefix, "page_after"));

      String large = "x".repeat(5 * 1024 * 1024);
      for (int i = 0; i < 3; i++) {
        store.create(c -> c.withStatus(large));
      }
      List<Integer> sizes = new ArrayList<>();
      for (PageRequest request = PageRequest.first(10); request != null; ) {
        Page<Counter> page = store.list(request);
        sizes.add(page.items().size());
        request = page.next();
      }
      assertEquals(List.of(2, 1), sizes);
    }
  }

  /** Each function {@code <prefix><name>} with its arguments, as {@code name(arguments)}. */
  private static List<String> pageFunctions(DataSource pool, String prefix, String name) {
    return Sql.column(
            pool,
            "SELECT pg_get_function_arguments(oid) FROM pg_proc"
                + " WHERE proname = ? AND pronamespace = current_schema()::regnamespace",
            prefix + name)
        .stream()
        .map(arguments -> name + "(" + arguments + ")")
        .toList();
  }
}
