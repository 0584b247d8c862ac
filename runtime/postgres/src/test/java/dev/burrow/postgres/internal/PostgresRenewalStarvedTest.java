package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.InstanceLock;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A held lease is renewed while the store's other writes wait for a row lock: the renewer needs a
 * connection of the same pool, which the waiting writes hold, so they wait in slices and renew the
 * store's leases between two.
 */
@ExtendWith(PostgresExtension.class)
class PostgresRenewalStarvedTest {
  private static final Duration LEASE = Duration.ofSeconds(3);

  @TempDir Path localRoot;

  @Test
  void aHeldLeaseSurvivesAnUpdateWaitingForARowLockOnThePoolsLastConnection(LocalPostgres server)
      throws Exception {
    heldLeaseSurvives(server, store -> store.update("busy", Counter::incremented).version(), 2L);
  }

  @Test
  void aHeldLeaseSurvivesADeleteWaitingForARowLockOnThePoolsLastConnection(LocalPostgres server)
      throws Exception {
    heldLeaseSurvives(server, store -> store.delete("busy"), true);
  }

  /** {@code write} of instance 'busy' waits for its row lock while another instance's is held. */
  private void heldLeaseSurvives(
      LocalPostgres server, Function<CounterStore, Object> write, Object written) throws Exception {
    String prefix = PgStores.freshPrefix();
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl());
    config.setMaximumPoolSize(1);
    config.setConnectionTimeout(10_000);
    StoreOptions options = StoreOptions.defaults().withLockTimeout(Duration.ofSeconds(30));
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try (HikariDataSource one = new HikariDataSource(config);
        CounterStore store = PgStores.counters(one, prefix, localRoot, LEASE, options);
        Connection other = server.sharedPool().getConnection()) {
      PgStores.createElsewhere(server.sharedPool(), prefix, localRoot, "busy");
      store.create("held");
      try (InstanceLock lock = store.lock("held")) {
        other.setAutoCommit(false);
        try (Statement statement = other.createStatement()) {
          statement.execute("SELECT 1 FROM " + prefix + "instances WHERE id = 'busy' FOR UPDATE");
        }
        Future<Object> waiting = writer.submit(() -> write.apply(store));
        String expiry =
            Sql.column(
                    server.sharedPool(),
                    "SELECT expires_at FROM " + prefix + "leases WHERE id = 'held'")
                .get(0);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (Sql.waitingForALock(server.sharedPool(), "%" + prefix + "instances%").isEmpty()) {
          assertFalse(waiting.isDone(), "the update ended without waiting for the row lock");
          assertTrue(System.nanoTime() < deadline, "the update never waited for the row lock");
          Thread.onSpinWait();
        }
        // the lease's expiry as it was when the update began waiting passes, by the database's
        // clock, while the update waits
        while (!Sql.column(server.sharedPool(), "SELECT clock_timestamp() > ?::timestamptz", expiry)
            .equals(List.of("t"))) {
          assertFalse(waiting.isDone(), "the update ended before the lease's expiry");
          assertTrue(System.nanoTime() < deadline, "the lease's expiry never passed");
          Thread.onSpinWait();
        }
        other.rollback();
        assertEquals(written, waiting.get(1, TimeUnit.MINUTES));

        assertEquals(2, store.update("held", Counter::incremented).version());
      }
    } finally {
      writer.shutdownNow();
    }
  }
}
