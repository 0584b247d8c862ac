package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.LockLostException;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Several JVMs ("hosts") sharing one instance through the database. */
@ExtendWith(PostgresExtension.class)
class PostgresHostsTest {
  private static final int HOSTS = 3;
  private static final int UPDATES = 300;
  private static final Duration LEASE = Duration.ofSeconds(15);

  private static LocalPostgres server;
  private static DataSource pool;

  @TempDir Path localRoot;

  @BeforeAll
  static void connect(LocalPostgres postgres) {
    server = postgres;
    pool = postgres.sharedPool();
  }

  private ChildJvm host(String prefix, Duration lease, String mode, String id, int count) {
    return ChildJvm.start(
        PgHost.class,
        server.jdbcUrl(),
        prefix,
        localRoot.toString(),
        Long.toString(lease.toMillis()),
        mode,
        id,
        Integer.toString(count));
  }

  @Test
  void updatesThroughTheLockFromThreeHostsAreNeverLost() {
    assertEveryIncrementCounted("update");
  }

  @Test
  void compareAndSetWithRetriesFromThreeHostsLosesNoUpdate() {
    assertEveryIncrementCounted("cas");
  }

  private void assertEveryIncrementCounted(String mode) {
    String prefix = PgStores.freshPrefix();
    try (CounterStore store = PgStores.counters(pool, prefix, localRoot, LEASE)) {
      store.create("shared");
      List<ChildJvm> hosts = new ArrayList<>();
      try {
        for (int i = 0; i < HOSTS; i++) {
          hosts.add(host(prefix, LEASE, mode, "shared", UPDATES));
        }
        for (ChildJvm host : hosts) {
          host.awaitLine("done");
          host.awaitSuccess();
        }
      } finally {
        hosts.forEach(ChildJvm::close);
      }
      Counter result = store.get("shared");
      assertEquals(HOSTS * UPDATES, result.count());
      assertEquals(HOSTS * UPDATES + 1, result.version());
    }
  }

  @Test
  void aKilledHoldersLeaseExpiresAndItsLateWriteIsFencedOff() {
    String prefix = PgStores.freshPrefix();
    Duration shortLease = Duration.ofSeconds(1);
    try (CounterStore store = PgStores.counters(pool, prefix, localRoot, LEASE)) {
      Counter created = store.create("contested");
      String[] locked;
      try (ChildJvm holder = host(prefix, shortLease, "hold", "contested", 0)) {
        holder.awaitLine("ready");
        String line = holder.readLine();
        assertTrue(line != null && line.startsWith("locked "), line + holder.stderrText());
        locked = line.split(" ");
        holder.kill();
      }
      Fence dead = new Fence(locked[1], Long.parseLong(locked[2]));
      assertEquals(created.version(), Long.parseLong(locked[3]));

      PostgresStorage<Counter> backend = PgStores.backend(store);
      Counter lateWrite = created.withStatus("ZOMBIE");
      try (LeaseLock taken = backend.lock("contested", Duration.ofSeconds(30))) {
        assertTrue(taken.fencingToken().getAsLong() > dead.epoch());
        assertThrows(
            LockLostException.class,
            () -> backend.replace("contested", created.version(), stamped(lateWrite, 2), dead));
        store.update("contested", c -> c.withStatus("RECOVERED"));
      }
      LockLostException afterRelease =
          assertThrows(
              LockLostException.class,
              () -> backend.replace("contested", 2, stamped(lateWrite, 3), dead));
      assertEquals(dead.epoch(), afterRelease.epoch());

      Counter stored = store.get("contested");
      assertEquals("RECOVERED", stored.status());
      assertEquals(2, stored.version());
    }
  }

  private static Counter stamped(Counter counter, long version) {
    return new Counter(
        counter.id(),
        version,
        counter.createdAt(),
        counter.updatedAt(),
        counter.status(),
        counter.count(),
        counter.params());
  }
}
