package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.tck.reliability.PostgresFaultWorker.Kind;
import dev.burrow.tck.reliability.PostgresFaultWorker.Tally;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL fault suite: the server restarted under load, Burrow's backends terminated, a
 * lease holder paused past its lease. Each case asserts that no acknowledged write is lost, that no
 * write reported as failed was committed (a write whose outcome is unknown says so), that each kind
 * of operation under load (get, a page of list, update, compare-and-set, create with an ID of its
 * own and with a generated one, delete, lock, lockAll, event append and read) succeeds again within
 * 2 s of recovery (the pool's first working connection after the fault), and that no operation
 * begun after recovery takes 2 s or more; each case says when its fault ends. Its own server, so
 * the shared one is never cut. Every store, the lease holder's in its child JVM too, is the
 * processor-generated {@link CounterStore} opened on PostgreSQL through the public API.
 */
@ExtendWith(PostgresExtension.class)
class PostgresFaultsTest {
  private static final long RECOVERY_NANOS = PostgresFaultWorker.RECOVERY_NANOS;
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

  /**
   * The fault ends when {@code pg_ctl restart -w} returns, which it does once the restarted server
   * accepts connections; recovery is when the pool has connected again after that.
   */
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

  /**
   * The fault ends when the query that terminated Burrow's backends returns: the server never went
   * away, every connection the store had is cut from then on; recovery is when the pool has a
   * working connection again.
   */
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
   * Workers ({@link PostgresFaultWorker}) each round update their own counters, get one, list a
   * page, compare-and-set, append to and read an event log, create (with IDs of their own and with
   * IDs the store generates), lock one and two at once, and delete, while {@code fault} runs; the
   * fault is over when {@code fault} returns (see each case), and recovery is the moment the pool
   * has a working connection again after it. Then, for every worker:
   *
   * <ul>
   *   <li>its first success of each kind of operation ending after recovery ended within 2 s of it
   *       ({@link PostgresFaultWorker#RECOVERY_NANOS}), whenever it began;
   *   <li>every operation it began after recovery ended, succeeded or not, within {@link
   *       PostgresFaultWorker#OPERATION_BOUND_NANOS};
   *   <li>every operation it began 2 s or more after recovery succeeded;
   * </ul>
   *
   * and, checked first, the stored state matches what was acknowledged ({@link
   * PostgresFaultWorker#assertStored}): no acknowledged write lost, no write reported failed done.
   * Prints the figures of the run ({@code postgres fault <name>: ...}).
   */
  private void underLoad(String name, Runnable fault) throws Exception {
    StoreOptions options = StoreOptions.defaults().withLockTimeout(Duration.ofSeconds(5));
    try (HikariDataSource pool = pool();
        CounterStore store = counters(pool, freshPrefix(), options)) {
      AtomicLong recoveredAt = new AtomicLong(Long.MAX_VALUE);
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch loaded = new CountDownLatch(WORKERS);
      CountDownLatch recovered = new CountDownLatch(WORKERS);
      List<PostgresFaultWorker> workers = new ArrayList<>();
      for (int i = 0; i < WORKERS; i++) {
        workers.add(
            new PostgresFaultWorker(store, "counter-" + i, loaded, recovered, recoveredAt, stop));
      }
      workers.forEach(worker -> worker.thread.start());
      assertTrue(loaded.await(60, TimeUnit.SECONDS), "every worker made progress before the fault");
      long faultBegan = System.nanoTime();
      fault.run();
      long faultEnded = System.nanoTime();
      long recovery = reconnected(pool);
      recoveredAt.set(recovery);
      System.out.printf(
          "postgres fault %s: the fault took %d ms, the pool connected again %d ms after it%n",
          name,
          TimeUnit.NANOSECONDS.toMillis(faultEnded - faultBegan),
          TimeUnit.NANOSECONDS.toMillis(recovery - faultEnded));
      boolean allRecovered = recovered.await(30, TimeUnit.SECONDS);
      stop.set(true);
      for (PostgresFaultWorker worker : workers) {
        worker.thread.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(worker.thread.isAlive(), worker.id + " hung in " + worker.inFlight());
      }
      assertTrue(allRecovered, "every worker made progress after the fault");
      Map<Kind, Long> slowestFirst = new EnumMap<>(Kind.class);
      long slowestAfter = 0;
      for (PostgresFaultWorker worker : workers) {
        worker.assertStored();
      }
      assertGeneratedCreatesTruthful(store, workers);
      for (PostgresFaultWorker worker : workers) {
        worker
            .assertRecovered(recovery)
            .forEach((kind, nanos) -> slowestFirst.merge(kind, nanos, Math::max));
        slowestAfter = Math.max(slowestAfter, worker.assertBoundedAfter(recovery));
      }
      System.out.printf(
          "postgres fault %s: updates %s; compare-and-sets %s; event appends %s; deletes %s;"
              + " creates %s; %d generated-ID creates acknowledged, %d outcome unknown; 0 lost,"
              + " 0 reported failed done; first success of each kind after recovery (slowest"
              + " worker) %s; slowest operation begun after recovery %d ms%n",
          name,
          total(workers, worker -> worker.updates),
          total(workers, worker -> worker.compareAndSets),
          total(workers, worker -> worker.appends),
          total(workers, worker -> worker.deletes),
          total(workers, worker -> worker.creates),
          workers.stream().mapToLong(worker -> worker.generatedIds.size()).sum(),
          workers.stream().mapToLong(worker -> worker.generatedUnknown).sum(),
          slowestFirst.entrySet().stream()
              .map(e -> e.getKey() + " " + TimeUnit.NANOSECONDS.toMillis(e.getValue()) + " ms")
              .collect(Collectors.joining(", ")),
          TimeUnit.NANOSECONDS.toMillis(slowestAfter));
    }
  }

  /**
   * The moment a query through {@code pool} first succeeds after a fault: the pool has a working
   * connection again. The bounds are on Burrow, measured from then, not on how soon the pool
   * connects again (HikariCP pauses between failed attempts up to 5 s: see docs/reliability.md,
   * "Limits").
   */
  private static long reconnected(HikariDataSource pool) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (true) {
      try (Connection connection = pool.getConnection();
          var statement = connection.prepareStatement("SELECT 1");
          var rows = statement.executeQuery()) {
        assertTrue(rows.next(), "SELECT 1");
        return System.nanoTime();
      } catch (SQLException e) {
        // a borrow waits for a connection up to the pool's timeout; a dead one is evicted
        if (System.nanoTime() - deadline >= 0) {
          throw new AssertionError("the pool did not connect again within a minute", e);
        }
      }
    }
  }

  /** The tallies {@code which} picks of all {@code workers}, added up. */
  private static Tally total(
      List<PostgresFaultWorker> workers, Function<PostgresFaultWorker, Tally> which) {
    Tally total = new Tally();
    workers.forEach(worker -> total.add(which.apply(worker)));
    return total;
  }

  /**
   * Every generated-ID create acknowledged is stored, each ID once, and no more instances with
   * generated IDs are stored than were acknowledged or left with their outcome unknown: a create
   * reported failed whose row was committed would be one more (its ID was never returned).
   */
  private static void assertGeneratedCreatesTruthful(
      CounterStore store, List<PostgresFaultWorker> workers) {
    Set<String> stored;
    try (Stream<Counter> all = store.stream()) {
      stored =
          all.map(Counter::id)
              .filter(id -> id.chars().allMatch(Character::isDigit))
              .collect(Collectors.toSet());
    }
    long acknowledged = 0;
    long unknown = 0;
    Set<String> distinct = new HashSet<>();
    for (PostgresFaultWorker worker : workers) {
      for (String id : worker.generatedIds) {
        assertTrue(distinct.add(id), "generated ID " + id + " was handed out twice");
        assertTrue(stored.contains(id), "acknowledged generated-ID create of " + id + " was lost");
      }
      acknowledged += worker.generatedIds.size();
      unknown += worker.generatedUnknown;
    }
    assertTrue(
        stored.size() <= acknowledged + unknown,
        stored.size()
            + " instances with generated IDs stored, "
            + acknowledged
            + " acknowledged, "
            + unknown
            + " outcome unknown: a create reported failed was stored");
  }

  /**
   * A lease holder (another JVM writing under its lock, and holding a Snowflake worker lease since
   * it created an instance with a generated ID) is stopped with SIGSTOP past both leases. Recovery
   * for other hosts is the moment the instance's lease has expired by the database's clock: another
   * host writes within 2 s of it, even if the holder was stopped inside its update's transaction
   * (its idle transaction is ended after the lease duration), and creates with a generated ID while
   * the holder's worker number is free. Recovery for the holder is the moment before {@code kill
   * -CONT} is started (it may resume any time after): its next write is fenced off, and its next
   * generated-ID create (its worker lease lost with the pause) is acknowledged at the first attempt
   * within 2 s of it, with an ID no one else was given.
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
        String createdBefore = holder.nextLine();
        assertTrue(createdBefore.startsWith("created "), createdBefore + holder.stderrText());
        holder.awaitLine("ready");
        String locked = holder.nextLine();
        assertTrue(locked.startsWith("locked "), locked + holder.stderrText());
        List<String> lines = new ArrayList<>();
        while (lines.size() < 20) {
          lines.add(holder.nextLine());
        }
        signal("STOP", holder.process().pid());
        long took;
        String createdDuringPause;
        long resumed;
        try {
          awaitExpiry(prefix + "leases");
          long expired = System.nanoTime();
          Counter taken = store.update("paused", Counter::increment);
          took = System.nanoTime() - expired;
          assertTrue(
              took < RECOVERY_NANOS,
              "another host wrote " + TimeUnit.NANOSECONDS.toMillis(took) + " ms after expiry");
          assertTrue(taken.version() > 1);
          awaitExpiry(prefix + "workers");
          createdDuringPause = store.create().id();
        } finally {
          resumed = System.nanoTime();
          signal("CONT", holder.process().pid());
        }
        String line;
        while (!(line = holder.nextLine()).equals("fenced")) {
          lines.add(line);
        }
        String createdAfter = holder.nextLine();
        long createdAfterResume = System.nanoTime() - resumed;
        assertTrue(
            createdAfter.startsWith("created "),
            "the holder's generated-ID create after the pause: " + createdAfter);
        assertTrue(
            createdAfterResume < RECOVERY_NANOS,
            "the holder's generated-ID create was acknowledged "
                + TimeUnit.NANOSECONDS.toMillis(createdAfterResume)
                + " ms after it resumed");
        holder.awaitLine("done");
        Set<String> generated =
            Set.of(createdBefore.substring(8), createdDuringPause, createdAfter.substring(8));
        assertEquals(3, generated.size(), "each generated ID handed out once: " + generated);
        for (String id : generated) {
          assertTrue(store.find(id).isPresent(), "acknowledged create of " + id + " was lost");
        }
        long acked = lines.stream().filter(l -> l.startsWith("acked ")).count();
        long unknown = lines.stream().filter(l -> l.equals("unknown")).count();
        long stored = store.get("paused").count();
        assertTrue(
            stored >= acked + 1 && stored <= acked + unknown + 1,
            "stored " + stored + ", holder acknowledged " + acked + ", unknown " + unknown);
        System.out.printf(
            "postgres fault lease holder paused: %d updates acknowledged before the fence,"
                + " %d outcome unknown; another host wrote %d ms after expiry; the holder's"
                + " generated-ID create acknowledged %d ms after it resumed; 0 lost%n",
            acked,
            unknown,
            TimeUnit.NANOSECONDS.toMillis(took),
            TimeUnit.NANOSECONDS.toMillis(createdAfterResume));
      }
    }
  }

  /**
   * Polls the database's clock until every held lease in {@code table} (the instance leases or the
   * worker numbers of one prefix) has expired.
   */
  private static void awaitExpiry(String table) throws SQLException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!"t"
        .equals(
            queryOne(
                "SELECT coalesce(bool_and(expires_at <= clock_timestamp()), true) FROM "
                    + table
                    + " WHERE expires_at IS NOT NULL"))) {
      assertTrue(System.nanoTime() - deadline < 0, "the leases in " + table + " never expired");
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  private static void signal(String signal, long pid) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).start();
    assertEquals(0, kill.waitFor(), "kill -" + signal + " " + pid);
  }
}
