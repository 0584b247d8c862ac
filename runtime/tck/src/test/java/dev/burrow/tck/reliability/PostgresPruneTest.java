package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.BackendUnavailableException;
import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.ProvisioningException;
import dev.burrow.PruneReport;
import dev.burrow.PruneStoppedException;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention on PostgreSQL when deletes fail midway: a prune goes on past an instance whose lease
 * another host holds and one whose workspace cannot be torn down, and stops, saying how many it
 * deleted, only when the database cannot be reached any more.
 */
@ExtendWith(PostgresExtension.class)
class PostgresPruneTest {
  private static final Duration LEASE = Duration.ofSeconds(15);
  private static final AtomicLong NEXT_PREFIX = new AtomicLong();

  private static DataSource pool;

  @TempDir Path hostA;
  @TempDir Path hostB;
  private final String prefix = "prune" + NEXT_PREFIX.incrementAndGet() + "_";

  @BeforeAll
  static void connect(LocalPostgres server) {
    pool = server.sharedPool();
  }

  private CounterStore open(DataSource dataSource, Path root) {
    return Counters.onPostgres(
        dataSource,
        prefix,
        LEASE,
        Counters.options(root, Durability.NONE).withLockTimeout(Duration.ofMillis(200)));
  }

  @Test
  void aPruneGoesOnPastALeaseHeldByAnotherHostAndAFailedTeardown() {
    try (CounterStore plain = open(pool, hostA);
        CounterStore otherHost = open(pool, hostB)) {
      for (String id : List.of("a", "busy", "stuck", "z")) {
        plain.create(id);
      }
      CounterStore store = plain.withProvisioner(new FailingTeardown("stuck"));

      PruneReport report;
      try (InstanceLock held = otherHost.lock("busy")) {
        report = store.prune(c -> true, c -> {});
      }

      assertEquals(4, report.examined());
      assertEquals(2, report.deleted(), report::toString);
      assertEquals(List.of("busy"), report.lockedIds());
      assertEquals(0, report.damaged());
      assertEquals(1, report.failed());
      assertEquals("stuck", report.failures().get(0).id());
      assertInstanceOf(ProvisioningException.class, report.failures().get(0).cause());
      assertEquals(List.of("stuck", "busy"), store.list().stream().map(Counter::id).toList());
    }
  }

  @Test
  void aPruneStopsWhenTheDatabaseCannotBeReachedAndSaysHowManyItDeleted() {
    AtomicBoolean down = new AtomicBoolean();
    try (CounterStore store = open(refusingWhile(down), hostA)) {
      store.create("a");
      store.create("b");
      store.create("c");
      PruneStoppedException stopped;
      try {
        stopped =
            assertThrows(
                PruneStoppedException.class,
                () -> store.prune(c -> true, c -> down.set(true))); // gone after the first delete
      } finally {
        down.set(false);
      }

      assertEquals(new PruneReport(2, 1, 0, List.of(), 0, List.of()), stopped.report());
      assertInstanceOf(BackendUnavailableException.class, stopped.getCause());
      assertTrue(stopped.getMessage().contains("deleting 1 of them"), stopped::getMessage);
      assertEquals(List.of("b", "a"), store.list().stream().map(Counter::id).toList());
    }
  }

  /**
   * The pool, refusing every new connection while {@code down} is set, as a stopped server does.
   */
  private static DataSource refusingWhile(AtomicBoolean down) {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, arguments) -> {
              if (down.get() && method.getName().equals("getConnection")) {
                throw new SQLException("Connection refused (the test stopped the server)", "08001");
              }
              try {
                return method.invoke(pool, arguments);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
