package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listing pages on a freshly filled, never analysed table walk the index backwards whatever the
 * statistics say. The plans are the ones the server really ran, shown by {@code auto_explain}
 * (nested statements included, sent to the client as notices).
 */
@ExtendWith(PostgresExtension.class)
class PostgresPlansTest {
  private static final int ROWS = 30_000;

  @TempDir Path localRoot;

  @Test
  void keysetPagesUseTheIndexOnAFreshNeverAnalysedTable(LocalPostgres server) {
    String prefix = PgStores.freshPrefix();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl());
    config.setMaximumPoolSize(1);
    config.setConnectionInitSql(
        "LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0;"
            + " SET auto_explain.log_nested_statements = on; SET client_min_messages = log");
    try (HikariDataSource explained = new HikariDataSource(config)) {
      Tap tap = Tap.of(explained);
      try (CounterStore store =
          PgStores.counters(tap.dataSource(), prefix, localRoot, Duration.ofSeconds(15))) {
        Sql.update(
            server.sharedPool(),
            "ALTER TABLE " + prefix + "instances SET (autovacuum_enabled = false)");
        Sql.update(
            server.sharedPool(),
            "INSERT INTO "
                + prefix
                + "instances (kind, id, version, id_rank, document)"
                + " SELECT 'counters', (400000000000000000 + g)::text, 1, 18, repeat('x', 300)"
                + " FROM generate_series(1, ?) g",
            ROWS);
        assertEquals(
            List.of("-1"),
            Sql.column(
                server.sharedPool(),
                "SELECT reltuples::bigint FROM pg_class WHERE relname = ?",
                prefix + "instances"),
            "never analysed");

        String unguarded = plan(server, prefix);
        assertTrue(
            unguarded.contains("Sort"),
            "the same query outside Burrow's page function sorts every row:\n" + unguarded);

        tap.notices.clear();
        Page<Counter> first = store.list(PageRequest.first(500));
        PageRequest second = first.next();
        assertTrue(second != null);
        tap.notices.clear();
        store.list(second);
        String ran = String.join("\n", tap.notices);
        assertTrue(ran.contains("Index Scan Backward using " + prefix + "instances_by_id"), ran);
        assertFalse(ran.contains("Sort"), ran);
      }
    }
  }

  /** What the planner makes of the next-page query sent as a plain statement. */
  private static String plan(LocalPostgres server, String prefix) {
    return Sql.column(
            server.sharedPool(),
            "EXPLAIN SELECT id, version, id_rank, document FROM "
                + prefix
                + "instances WHERE kind = 'counters' AND (id_rank, id) < (18, '400000000000015000')"
                + " ORDER BY id_rank DESC, id DESC LIMIT 500")
        .stream()
        .collect(Collectors.joining("\n"));
  }
}
