package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.InstanceAlreadyExistsException;
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
 * statistics say; a create that inserts does no lookup after its insert. The plans are the ones the
 * server really ran, shown by {@code auto_explain} (nested statements included, sent to the client
 * as notices).
 */
@ExtendWith(PostgresExtension.class)
class PostgresPlansTest {
  private static final int ROWS = 30_000;

  @TempDir Path localRoot;

  @Test
  void keysetPagesUseTheIndexOnAFreshNeverAnalysedTable(LocalPostgres server) {
    String prefix = PgStores.freshPrefix();
    try (HikariDataSource explained = explaining(server, "")) {
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

  /**
   * A create that inserts runs its lease guard and its insert, and looks nothing up after them: the
   * row's version and lease, which say why a write went nowhere, are read only when it wrote
   * nothing. The plans are run with {@code auto_explain.log_analyze}, which marks each part of a
   * plan that did not run "never executed".
   */
  @Test
  void aCreateThatInsertsReadsTheRowAndLeaseOnlyWhenItInsertsNothing(LocalPostgres server) {
    String prefix = PgStores.freshPrefix();
    try (HikariDataSource explained =
        explaining(
            server, " SET auto_explain.log_analyze = on; SET auto_explain.log_timing = off;")) {
      Tap tap = Tap.of(explained);
      try (CounterStore store =
          PgStores.counters(tap.dataSource(), prefix, localRoot, Duration.ofSeconds(15))) {
        String leases = "Index Scan using " + prefix + "leases_pkey";
        String instances = "Index Scan using " + prefix + "instances_pkey";

        tap.notices.clear();
        store.create("one");
        String inserted = String.join("\n", tap.notices);
        assertEquals(1, ran(inserted, leases), "the lease guard alone:\n" + inserted);
        assertEquals(0, ran(inserted, instances), inserted);

        tap.notices.clear();
        assertThrows(InstanceAlreadyExistsException.class, () -> store.create("one"));
        String refused = String.join("\n", tap.notices);
        assertEquals(2, ran(refused, leases), "the guard, then the lease read:\n" + refused);
        assertEquals(1, ran(refused, instances), "the row read:\n" + refused);
      }
    }
  }

  /** How many lines of {@code plans} show a part that ran and contains {@code node}. */
  private static long ran(String plans, String node) {
    return plans
        .lines()
        .filter(line -> line.contains(node) && !line.contains("never executed"))
        .count();
  }

  /**
   * A pool of one connection whose statements' plans come back as notices ({@code auto_explain},
   * nested statements included), with {@code settings} (statements to run first) after its own.
   */
  private static HikariDataSource explaining(LocalPostgres server, String settings) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl());
    config.setMaximumPoolSize(1);
    config.setConnectionInitSql(
        "LOAD 'auto_explain'; SET auto_explain.log_min_duration = 0;"
            + " SET auto_explain.log_nested_statements = on; SET client_min_messages = log;"
            + settings);
    return new HikariDataSource(config);
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
