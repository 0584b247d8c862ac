package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL fault suite: the server restarted under load, Burrow's backends terminated, a
 * lease holder paused past its lease. Each case asserts that no acknowledged write is lost, that no
 * write reported as failed was committed (a write whose outcome is unknown says so), and that every
 * operation works again within 2 s of the fault ending. Its own server, so the shared one is never
 * cut. Every store, the lease holder's in its child JVM too, is the processor-generated {@link
 * CounterStore} opened on PostgreSQL through the public API.
 */
@ExtendWith(PostgresExtension.class)
class PostgresFaultsTest {
  private static final long RECOVERY_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final Duration LEASE = Duration.ofSeconds(1);
  private static final int WORKERS = 4;
  private static final AtomicLong NEXT_PREFIX = new AtomicLong();

  private static LocalPostgres server;

  @TempDir Path localRoot;

  @BeforeAll
  static void start(LocalPostgres shared) {
    server = LocalPostgres.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** A pool tuned to notice a lost server quickly, as docs/postgresql.md recommends. */
  private static HikariDataSource pool() {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl());
    config.setMaximumPoolSize(WORKERS + 2);
    config.setConnectionTimeout(1_000);
    config.setValidationTimeout(500);
    return new HikariDataSource(config);
  }

  @Test
  void theServerRestartedUnderLoad() throws Exception {
    String before = startTime();
    underLoad("server restarted", server::restart);
    assertTrue(!before.equals(startTime()), "the server restarted");
  }

  private static String startTime() throws SQLException {
    return queryOne("SELECT pg_postmaster_start_time()::text");
  }

  /** The first column of the one row {@code sql} returns, as text, on a connection of its own. */
  private static String queryOne(String sql) throws SQLException {
    try (Connection admin = DriverManager.getConnection(server.jdbcUrl());
        var statement = admin.prepareStatement(sql);
        var rows = statement.executeQuery()) {
      assertTrue(rows.next(), sql);
      return rows.getString(1);
    }
  }

  /** Tables no other test of this run uses. */
  private static String freshPrefix() {
    return "faults" + NEXT_PREFIX.incrementAndGet() + "_";
  }

  /** The generated counter store on this suite's server, instance directories at localRoot. */
  private CounterStore counters(HikariDataSource pool, String prefix, StoreOptions options) {
    return Counters.onPostgres(pool, prefix, LEASE, options.withDataRoot(localRoot));
  }

  @Test
  void burrowsBackendsTerminated() throws Exception {
    underLoad(
        "backends terminated",
        () -> {
          try {
            String terminated =
                queryOne(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                        + " WHERE pid <> pg_backend_pid() AND backend_type = 'client backend'");
            assertTrue(Integer.parseInt(terminated) > 0, "terminated Burrow's backends");
          } catch (SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  /**
   * Workers update their own counters and create instances while {@code fault} runs; then every
   * operation begun 2 s after it ended must work, and the stored state must match what was
   * acknowledged. Prints the figures of the run ({@code postgres fault <name>: ...}).
   */
  private void underLoad(String name, Runnable fault) throws Exception {
    StoreOptions options = StoreOptions.defaults().withLockTimeout(Duration.ofSeconds(5));
    try (HikariDataSource pool = pool();
        CounterStore store = counters(pool, freshPrefix(), options)) {
      AtomicLong recoveredAfter = new AtomicLong(Long.MAX_VALUE);
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch loaded = new CountDownLatch(WORKERS);
      CountDownLatch recovered = new CountDownLatch(WORKERS);
      List<Worker> workers = new ArrayList<>();
      for (int i = 0; i < WORKERS; i++) {
        Worker worker = new Worker(store, "counter-" + i, loaded, recovered, recoveredAfter, stop);
        store.create(worker.id);
        workers.add(worker);
        worker.thread.start();
      }
      assertTrue(loaded.await(60, TimeUnit.SECONDS), "every worker made progress before the fault");
      fault.run();
      recoveredAfter.set(System.nanoTime() + RECOVERY_NANOS);
      assertTrue(
          recovered.await(60, TimeUnit.SECONDS), "every worker made progress after the fault");
      stop.set(true);
      for (Worker worker : workers) {
        worker.thread.join(TimeUnit.MINUTES.toMillis(1));
      }
      long created = 0;
      long acked = 0;
      long unknown = 0;
      long failed = 0;
      for (Worker worker : workers) {
        assertEquals(List.of(), worker.lateFailures, worker.id + ": failures 2 s after the fault");
        long stored = store.get(worker.id).count();
        assertTrue(
            stored >= worker.acked && stored <= worker.acked + worker.unknown,
            worker.id
                + ": stored count "
                + stored
                + ", acknowledged "
                + worker.acked
                + ", outcome unknown "
                + worker.unknown
                + ", failed "
                + worker.failed);
        for (String id : worker.createdIds) {
          assertTrue(store.find(id).isPresent(), "acknowledged create of " + id + " was lost");
        }
        for (String id : worker.failedCreates) {
          assertTrue(store.find(id).isEmpty(), "create of " + id + " reported failed, stored");
        }
        created += worker.createdIds.size();
        acked += worker.acked;
        unknown += worker.unknown;
        failed += worker.failed;
      }
      assertTrue(created > 0);
      System.out.printf(
          "postgres fault %s: %d updates acknowledged, %d outcome unknown, %d failed;"
              + " %d creates acknowledged; 0 lost, 0 failures 2 s after the fault%n",
          name, acked, unknown, failed, created);
    }
  }

  /** One thread: increments its own counter, and creates an instance every tenth round. */
  private static final class Worker implements Runnable {
    final String id;
    final Thread thread;
    final Set<String> createdIds = ConcurrentHashMap.newKeySet();
    final Set<String> failedCreates = ConcurrentHashMap.newKeySet();
    final List<String> lateFailures = new ArrayList<>();
    long acked;
    long unknown;
    long failed;
    private final CounterStore store;
    private final CountDownLatch loaded;
    private final CountDownLatch recovered;
    private final AtomicLong recoveredAfter;
    private final AtomicBoolean stop;

    Worker(
        CounterStore store,
        String id,
        CountDownLatch loaded,
        CountDownLatch recovered,
        AtomicLong recoveredAfter,
        AtomicBoolean stop) {
      this.store = store;
      this.id = id;
      this.loaded = loaded;
      this.recovered = recovered;
      this.recoveredAfter = recoveredAfter;
      this.stop = stop;
      this.thread = new Thread(this, "fault-worker-" + id);
    }

    @Override
    public void run() {
      int successesAfterRecovery = 0;
      for (int round = 0; !stop.get(); round++) {
        long began = System.nanoTime();
        boolean late = began - recoveredAfter.get() >= 0;
        try {
          store.update(id, Counter::increment);
          acked++;
          if (round % 10 == 0) {
            create(id + "-" + round, late);
          }
          if (acked == 20) {
            loaded.countDown();
          }
          if (late && ++successesAfterRecovery == 50) {
            recovered.countDown();
          }
        } catch (OutcomeUnknownException e) {
          unknown++;
          failedLate(late, e);
        } catch (RuntimeException e) {
          failed++;
          failedLate(late, e);
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
      }
    }

    private void create(String newId, boolean late) {
      try {
        store.create(newId);
        createdIds.add(newId);
      } catch (OutcomeUnknownException e) {
        failedLate(late, e);
      } catch (RuntimeException e) {
        failedCreates.add(newId);
        failedLate(late, e);
      }
    }

    private void failedLate(boolean late, RuntimeException e) {
      if (late) {
        synchronized (lateFailures) {
          lateFailures.add(e.toString());
        }
      }
    }
  }

  /**
   * A lease holder (another JVM writing under its lock) is stopped with SIGSTOP past its lease.
   * Another host takes over within 2 s of the lease's expiry, even if the holder was stopped inside
   * its update's transaction (its idle transaction is ended after the lease duration); when the
   * holder resumes, its next write is fenced off.
   */
  @Test
  void aLeaseHolderPausedPastItsLease() throws Exception {
    String prefix = freshPrefix();
    try (HikariDataSource pool = pool();
        CounterStore store = counters(pool, prefix, StoreOptions.defaults())) {
      store.create("paused");
      try (ChildJvm holder =
          ChildJvm.start(
              FencedWriter.class,
              server.jdbcUrl(),
              prefix,
              localRoot.toString(),
              Long.toString(LEASE.toMillis()),
              "paused")) {
        holder.awaitLine("ready");
        String locked = holder.nextLine();
        assertTrue(locked.startsWith("locked "), locked + holder.stderrText());
        List<String> lines = new ArrayList<>();
        while (lines.size() < 20) {
          lines.add(holder.nextLine());
        }
        signal("STOP", holder.process().pid());
        long took;
        try {
          awaitLeaseExpiry(prefix);
          long expired = System.nanoTime();
          Counter taken = store.update("paused", Counter::increment);
          took = System.nanoTime() - expired;
          assertTrue(
              took < RECOVERY_NANOS,
              "another host wrote " + TimeUnit.NANOSECONDS.toMillis(took) + " ms after expiry");
          assertTrue(taken.version() > 1);
        } finally {
          signal("CONT", holder.process().pid());
        }
        String line;
        while (!(line = holder.nextLine()).equals("fenced")) {
          lines.add(line);
        }
        holder.awaitLine("done");
        long acked = lines.stream().filter(l -> l.startsWith("acked ")).count();
        long unknown = lines.stream().filter(l -> l.equals("unknown")).count();
        long stored = store.get("paused").count();
        assertTrue(
            stored >= acked + 1 && stored <= acked + unknown + 1,
            "stored " + stored + ", holder acknowledged " + acked + ", unknown " + unknown);
        System.out.printf(
            "postgres fault lease holder paused: %d updates acknowledged before the fence,"
                + " %d outcome unknown; another host wrote %d ms after expiry; 0 lost%n",
            acked, unknown, TimeUnit.NANOSECONDS.toMillis(took));
      }
    }
  }

  /** Polls the database's clock until the lease row of this prefix has expired. */
  private static void awaitLeaseExpiry(String prefix) throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!"t"
        .equals(
            queryOne(
                "SELECT bool_and(expires_at <= clock_timestamp()) FROM " + prefix + "leases"))) {
      assertTrue(System.nanoTime() - deadline < 0, "the lease never expired");
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  private static void signal(String signal, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
    assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
  }
}
