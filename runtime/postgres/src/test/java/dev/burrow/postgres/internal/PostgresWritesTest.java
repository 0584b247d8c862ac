package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.RetryPolicy;
import dev.burrow.StoreOptions;
import dev.burrow.VersionConflictException;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** One commit per write: what each operation sends, and update under mixed contention. */
@ExtendWith(PostgresExtension.class)
class PostgresWritesTest {
  private static final Duration LEASE = Duration.ofSeconds(15);

  private static LocalPostgres server;
  private static DataSource pool;

  @TempDir Path localRoot;

  @BeforeAll
  static void connect(LocalPostgres postgres) {
    server = postgres;
    pool = postgres.sharedPool();
  }

  @Test
  void eachWriteIsOneStatementAndUpdateIsOneTransactionWithOneCommit() {
    Tap tap = Tap.of(pool);
    try (CounterStore store =
        PgStores.counters(tap.dataSource(), PgStores.freshPrefix(), localRoot, LEASE)) {
      assertSent(tap, List.of("execute"), () -> store.create("one"));
      assertSent(tap, List.of("execute"), () -> store.get("one"));
      assertSent(
          tap,
          List.of("execute", "execute"), // BEGIN with SELECT ... FOR UPDATE, UPDATE with COMMIT
          () -> store.update("one", Counter::incremented));
      List<String> update = List.copyOf(tap.statements);
      assertTrue(update.get(0).startsWith("BEGIN;\n"), update.get(0));
      assertTrue(update.get(1).endsWith(";\nCOMMIT"), update.get(1));
      Counter current = store.get("one");
      assertSent(tap, List.of("execute"), () -> store.compareAndSet(current));
      assertSent(tap, List.of("execute"), () -> store.delete("one"));
    }
  }

  private static void assertSent(Tap tap, List<String> expected, Runnable operation) {
    tap.events.clear();
    tap.statements.clear();
    operation.run();
    assertEquals(expected, tap.events);
  }

  @Test
  void readsArePreparedOncePerConnectionAndReused() throws Exception {
    try (HikariDataSource one = server.pool(1);
        CounterStore store = PgStores.counters(one, PgStores.freshPrefix(), localRoot, LEASE)) {
      store.create("read-me");
      for (int i = 0; i < 20; i++) {
        store.get("read-me");
      }
      try (var connection = one.getConnection();
          var statement =
              connection.prepareStatement(
                  "SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE"
                      + " 'SELECT version, document FROM %'");
          var rows = statement.executeQuery()) {
        rows.next();
        assertEquals(1, rows.getInt(1), "the read is one server-side prepared statement");
      }
    }
  }

  /**
   * Updates never give up because of a concurrent writer: with no retries allowed, any lost race
   * would surface as a version conflict. Compare-and-set writers from another host run at once.
   */
  @Test
  void updateNeverGivesUpUnderMixedContention() throws Exception {
    String prefix = PgStores.freshPrefix();
    StoreOptions noRetries = StoreOptions.defaults().withRetryPolicy(RetryPolicy.none());
    int updaters = 3;
    int casWriters = 3;
    int rounds = 60;
    try (CounterStore store = PgStores.counters(pool, prefix, localRoot, LEASE, noRetries);
        CounterStore other =
            PgStores.counters(pool, prefix, localRoot.resolve("other"), LEASE, noRetries)) {
      store.create("mixed");
      CyclicBarrier start = new CyclicBarrier(updaters + casWriters);
      AtomicInteger casWins = new AtomicInteger();
      ExecutorService threads = Executors.newFixedThreadPool(updaters + casWriters);
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < updaters; i++) {
        done.add(
            threads.submit(
                () -> {
                  start.await();
                  for (int r = 0; r < rounds; r++) {
                    store.update("mixed", Counter::incremented);
                  }
                  return null;
                }));
      }
      for (int i = 0; i < casWriters; i++) {
        done.add(
            threads.submit(
                () -> {
                  start.await();
                  for (int r = 0; r < rounds; r++) {
                    try {
                      other.compareAndSet(other.get("mixed").incremented());
                      casWins.incrementAndGet();
                    } catch (VersionConflictException lost) {
                      // compare-and-set may lose; update may not
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> future : done) {
        future.get(2, TimeUnit.MINUTES);
      }
      threads.shutdown();
      Counter result = store.get("mixed");
      assertEquals(updaters * rounds + casWins.get(), result.count());
      assertEquals(result.count() + 1, result.version());
    }
  }
}
