package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PostgreSQL fault suite: the server restarted under load, Burrow's backends terminated, a
 * lease holder paused past its lease. Each case asserts that no acknowledged write is lost, that no
 * write reported as failed was committed (a write whose outcome is unknown says so), that every
 * kind of operation (creates with generated IDs included) succeeds again within 2 s of recovery,
 * and that no operation begun after recovery takes 2 s or more; each case says what its recovery
 * is. Its own server, so the shared one is never cut. Every store, the lease holder's in its child
 * JVM too, is the processor-generated {@link CounterStore} opened on PostgreSQL through the public
 * API.
 */
@ExtendWith(PostgresExtension.class)
class PostgresFaultsTest {
  /** How soon after recovery each kind of operation must have succeeded again. */
  private static final long RECOVERY_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** How long any operation begun after recovery may take, whether it succeeds or fails. */
  private static final long OPERATION_BOUND_NANOS = TimeUnit.SECONDS.toNanos(2);

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
   * Recovery is the moment {@code pg_ctl restart -w} returns, which it does once the restarted
   * server accepts connections (it polls for that, so this moment is at most one poll after the
   * true one, which makes the bound no easier to meet).
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
   * Recovery is the moment the query that terminated Burrow's backends returns: the server never
   * went away, every connection the store had is cut from then on.
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
   * What a worker does: update its counter, create with its own ID, create with a generated one.
   */
  private enum Kind {
    UPDATE,
    CREATE_WITH_ID,
    CREATE_WITH_GENERATED_ID
  }

  /** How an operation ended. */
  private enum Outcome {
    SUCCEEDED,
    UNKNOWN,
    FAILED
  }

  /** One operation of a worker: when it began and ended, and how it failed (null if it did not). */
  private record Operation(Kind kind, long began, long ended, @Nullable String failure) {
    long nanos() {
      return ended - began;
    }
  }

  /**
   * Workers update their own counters and create instances (with IDs of their own and with IDs the
   * store generates) while {@code fault} runs; recovery is the moment {@code fault} returns (the
   * fault is over then: see each case). Then, for every worker:
   *
   * <ul>
   *   <li>its first successful update, create and generated-ID create ending after recovery end
   *       within 2 s of it ({@link #RECOVERY_NANOS}), whenever they began;
   *   <li>every operation it began after recovery ended, succeeded or not, within {@link
   *       #OPERATION_BOUND_NANOS};
   *   <li>every operation it began 2 s or more after recovery succeeded;
   * </ul>
   *
   * and the stored state matches what was acknowledged: no acknowledged update or create lost, no
   * create reported failed stored. Prints the figures of the run ({@code postgres fault <name>:
   * ...}).
   */
  private void underLoad(String name, Runnable fault) throws Exception {
    StoreOptions options = StoreOptions.defaults().withLockTimeout(Duration.ofSeconds(5));
    try (HikariDataSource pool = pool();
        CounterStore store = counters(pool, freshPrefix(), options)) {
      AtomicLong recoveredAt = new AtomicLong(Long.MAX_VALUE);
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch loaded = new CountDownLatch(WORKERS);
      CountDownLatch recovered = new CountDownLatch(WORKERS);
      List<Worker> workers = new ArrayList<>();
      for (int i = 0; i < WORKERS; i++) {
        Worker worker = new Worker(store, "counter-" + i, loaded, recovered, recoveredAt, stop);
        store.create(worker.id);
        workers.add(worker);
        worker.thread.start();
      }
      assertTrue(loaded.await(60, TimeUnit.SECONDS), "every worker made progress before the fault");
      fault.run();
      long recovery = System.nanoTime();
      recoveredAt.set(recovery);
      boolean allRecovered = recovered.await(30, TimeUnit.SECONDS);
      stop.set(true);
      for (Worker worker : workers) {
        worker.thread.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(worker.thread.isAlive(), worker.id + " hung in " + worker.inFlight);
      }
      assertTrue(allRecovered, "every worker made progress after the fault");
      long slowestFirst = 0;
      long slowestAfter = 0;
      long created = 0;
      long generated = 0;
      long acked = 0;
      long unknown = 0;
      long failed = 0;
      for (Worker worker : workers) {
        slowestFirst = Math.max(slowestFirst, worker.assertRecovered(recovery));
        slowestAfter = Math.max(slowestAfter, worker.assertBoundedAfter(recovery));
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
        generated += worker.generatedIds.size();
        acked += worker.acked;
        unknown += worker.unknown;
        failed += worker.failed;
      }
      assertGeneratedCreatesTruthful(store, workers);
      System.out.printf(
          "postgres fault %s: %d updates acknowledged, %d outcome unknown, %d failed;"
              + " %d creates and %d generated-ID creates acknowledged; 0 lost;"
              + " slowest first success after recovery %d ms, slowest operation begun after"
              + " recovery %d ms%n",
          name,
          acked,
          unknown,
          failed,
          created,
          generated,
          TimeUnit.NANOSECONDS.toMillis(slowestFirst),
          TimeUnit.NANOSECONDS.toMillis(slowestAfter));
    }
  }

  /**
   * Every generated-ID create acknowledged is stored, each ID once, and no more instances with
   * generated IDs are stored than were acknowledged or left with their outcome unknown: a create
   * reported failed whose row was committed would be one more (its ID was never returned).
   */
  private static void assertGeneratedCreatesTruthful(CounterStore store, List<Worker> workers) {
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
    for (Worker worker : workers) {
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
   * One thread: increments its own counter every round, creates an instance with an ID of its own
   * every tenth round and one with a generated ID every tenth round (five rounds later).
   */
  private static final class Worker implements Runnable {
    /** Updates begun 2 s or more after recovery, so that the rule for them is put to the test. */
    private static final int LATE_UPDATES = 50;

    private static final int CREATES_AFTER_RECOVERY = 3;

    final String id;
    final Thread thread;
    final Set<String> createdIds = ConcurrentHashMap.newKeySet();
    final Set<String> failedCreates = ConcurrentHashMap.newKeySet();
    final List<String> generatedIds = new ArrayList<>();
    final List<Operation> ops = new ArrayList<>();
    long acked;
    long unknown;
    long failed;
    long generatedUnknown;
    private final CounterStore store;
    private final CountDownLatch loaded;
    private final CountDownLatch recovered;
    private final AtomicLong recoveredAt;
    private final AtomicBoolean stop;

    /** Successes begun after recovery; for updates, begun 2 s or more after it. */
    private final Map<Kind, Integer> successesAfterRecovery = new EnumMap<>(Kind.class);

    private volatile String inFlight = "nothing";
    private boolean countedLoaded;
    private boolean countedRecovered;

    Worker(
        CounterStore store,
        String id,
        CountDownLatch loaded,
        CountDownLatch recovered,
        AtomicLong recoveredAt,
        AtomicBoolean stop) {
      this.store = store;
      this.id = id;
      this.loaded = loaded;
      this.recovered = recovered;
      this.recoveredAt = recoveredAt;
      this.stop = stop;
      this.thread = new Thread(this, "fault-worker-" + id);
    }

    @Override
    public void run() {
      for (int round = 0; !stop.get(); round++) {
        run(Kind.UPDATE, () -> store.update(id, Counter::increment));
        if (round % 10 == 0) {
          String newId = id + "-" + round;
          Outcome outcome = run(Kind.CREATE_WITH_ID, () -> store.create(newId));
          if (outcome == Outcome.SUCCEEDED) {
            createdIds.add(newId);
          } else if (outcome == Outcome.FAILED) {
            failedCreates.add(newId);
          }
        }
        if (round % 10 == 5) {
          run(Kind.CREATE_WITH_GENERATED_ID, () -> generatedIds.add(store.create().id()));
        }
        countProgress();
      }
    }

    /** Runs {@code operation}, records it and counts its outcome. */
    private Outcome run(Kind kind, Runnable operation) {
      long began = System.nanoTime();
      long recovery = recoveredAt.get();
      long sinceRecovery = recovery == Long.MAX_VALUE ? -1 : began - recovery;
      inFlight = kind + " begun " + began;
      try {
        operation.run();
        ops.add(new Operation(kind, began, System.nanoTime(), null));
        if (kind == Kind.UPDATE) {
          acked++;
        }
        if (sinceRecovery >= 0 && (kind != Kind.UPDATE || sinceRecovery >= RECOVERY_NANOS)) {
          successesAfterRecovery.merge(kind, 1, Integer::sum);
        }
        return Outcome.SUCCEEDED;
      } catch (OutcomeUnknownException e) {
        ops.add(new Operation(kind, began, System.nanoTime(), e.toString()));
        if (kind == Kind.UPDATE) {
          unknown++;
        } else if (kind == Kind.CREATE_WITH_GENERATED_ID) {
          generatedUnknown++;
        }
        return Outcome.UNKNOWN;
      } catch (RuntimeException e) {
        ops.add(new Operation(kind, began, System.nanoTime(), e.toString()));
        if (kind == Kind.UPDATE) {
          failed++;
        }
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        return Outcome.FAILED;
      }
    }

    private void countProgress() {
      if (!countedLoaded && acked >= 20 && !generatedIds.isEmpty()) {
        countedLoaded = true;
        loaded.countDown();
      }
      if (!countedRecovered
          && successesAfterRecovery.getOrDefault(Kind.UPDATE, 0) >= LATE_UPDATES
          && successesAfterRecovery.getOrDefault(Kind.CREATE_WITH_ID, 0) >= CREATES_AFTER_RECOVERY
          && successesAfterRecovery.getOrDefault(Kind.CREATE_WITH_GENERATED_ID, 0)
              >= CREATES_AFTER_RECOVERY) {
        countedRecovered = true;
        recovered.countDown();
      }
    }

    /**
     * Asserts that the first success of each kind ending after {@code recovery} ended within {@link
     * #RECOVERY_NANOS} of it, and that nothing begun {@link #RECOVERY_NANOS} after it failed.
     *
     * @return the latest of those first successes, after recovery
     */
    long assertRecovered(long recovery) {
      long latest = 0;
      for (Kind kind : Kind.values()) {
        Operation first =
            ops.stream()
                .filter(op -> op.kind() == kind && op.failure() == null)
                .filter(op -> op.ended() - recovery >= 0)
                .findFirst()
                .orElseThrow(() -> new AssertionError(id + ": no " + kind + " after recovery"));
        long after = first.ended() - recovery;
        assertTrue(
            after < RECOVERY_NANOS,
            id
                + ": first successful "
                + kind
                + " ended "
                + TimeUnit.NANOSECONDS.toMillis(after)
                + " ms after recovery: "
                + first);
        latest = Math.max(latest, after);
      }
      List<Operation> lateFailures =
          ops.stream()
              .filter(op -> op.began() - recovery >= RECOVERY_NANOS && op.failure() != null)
              .toList();
      assertEquals(List.of(), lateFailures, id + ": failures begun 2 s after recovery");
      return latest;
    }

    /**
     * Asserts that every operation begun after {@code recovery} ended within {@link
     * #OPERATION_BOUND_NANOS}.
     *
     * @return the longest of them
     */
    long assertBoundedAfter(long recovery) {
      Operation slowest =
          ops.stream()
              .filter(op -> op.began() - recovery >= 0)
              .max(Comparator.comparingLong(Operation::nanos))
              .orElseThrow();
      assertTrue(
          slowest.nanos() < OPERATION_BOUND_NANOS,
          id
              + ": an operation begun after recovery took "
              + TimeUnit.NANOSECONDS.toMillis(slowest.nanos())
              + " ms: "
              + slowest);
      return slowest.nanos();
    }
  }

  /**
   * A lease holder (another JVM writing under its lock, and holding a Snowflake worker lease since
   * it created an instance with a generated ID) is stopped with SIGSTOP past both leases. Recovery
   * for other hosts is the moment the instance's lease has expired by the database's clock: another
   * host writes within 2 s of it, even if the holder was stopped inside its update's transaction
   * (its idle transaction is ended after the lease duration), and creates with a generated ID while
   * the holder's worker number is free. Recovery for the holder is the moment {@code kill -CONT}
   * returns: its next write is fenced off, and its next generated-ID create (its worker lease lost
   * with the pause) is acknowledged at the first attempt within 2 s of it, with an ID no one else
   * was given.
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
          signal("CONT", holder.process().pid());
          resumed = System.nanoTime();
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
