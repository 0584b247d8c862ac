package dev.burrow.postgres.internal;

import static dev.burrow.runtime.testing.CounterSchema.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.LockTimeoutException;
import dev.burrow.RetriableException;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Building the index of a component that becomes {@code @Indexed} on PostgreSQL, with {@code CREATE
 * INDEX CONCURRENTLY}: writes go on while it is built, a build that failed is built again at the
 * next open, and hosts opening at once while a build waits both open. Each test holds a transaction
 * open that writes the table, so that the build waits for it, and acts once the server shows the
 * build waiting.
 */
@ExtendWith(PostgresExtension.class)
class PostgresIndexBuildTest {
  private static final Duration LEASE = Duration.ofSeconds(15);
  private static final CounterSchema INDEXED = CounterSchema.indexing(STATUS);

  /** How long a test waits for the server or an open before it fails (they take far less). */
  private static final Duration PATIENCE = Duration.ofMinutes(1);

  /** The lock timeout of the write made while the index is built. */
  private static final Duration WRITE_LOCK_TIMEOUT = Duration.ofSeconds(2);

  @TempDir Path localRoot;
  private final ExecutorService openers = Executors.newCachedThreadPool();
  private final List<HikariDataSource> pools = new ArrayList<>();
  private LocalPostgres server;
  private String prefix;

  @BeforeEach
  void freshTables(LocalPostgres server) {
    this.server = server;
    prefix = PgStores.freshPrefix();
  }

  @AfterEach
  void close() {
    openers.shutdownNow();
    pools.forEach(HikariDataSource::close);
  }

  @Test
  void writesToAnExistingInstanceGoOnWhileItsKindsNewIndexIsBuiltOnPostgres() throws Exception {
    String written = createRunning();
    try (CounterStore writer =
            PgStores.counters(
                server.sharedPool(),
                prefix,
                localRoot,
                LEASE,
                StoreOptions.defaults().withLockTimeout(WRITE_LOCK_TIMEOUT));
        Connection writing = ownConnection()) {
      begin(writing);
      Future<CounterStore> opening = openIndexed("builder");
      awaitBuildWaiting("builder");

      Counter done = writer.update(written, c -> c.withStatus("DONE"));

      assertEquals(2, done.version(), "the write went through while the build waited");
      end(writing);
      try (CounterStore indexed = opening.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
        assertFoundThroughOneValidIndex(indexed, "DONE", done.id());
      }
    }
  }

  @Test
  void aCancelledIndexBuildLeavesAnInvalidIndexThatTheNextOpenOnPostgresBuildsAgain()
      throws Exception {
    String running = createRunning();
    try (Connection writing = ownConnection()) {
      begin(writing);
      Future<CounterStore> opening = openIndexed("cancelled");
      int builder = awaitBuildWaiting("cancelled");
      Sql.column(server.sharedPool(), "SELECT pg_cancel_backend(?)", builder);

      ExecutionException failed =
          assertThrows(
              ExecutionException.class, () -> opening.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));
      assertInstanceOf(StorageException.class, failed.getCause());
      end(writing);
    }
    assertEquals(List.of("f"), indexValidity(), "the cancelled build left an invalid index");

    try (CounterStore indexed = open(server.sharedPool())) {
      assertFoundThroughOneValidIndex(indexed, "RUNNING", running);
    }
  }

  /**
   * A host that opens while another builds the index waits for it by trying the advisory lock: a
   * wait blocked in {@code pg_advisory_lock} holds a snapshot, which the build waits for, and the
   * two would deadlock.
   */
  @Test
  void twoHostsOpeningOnPostgresWhileTheIndexBuildWaitsBothOpenWithOneValidIndex()
      throws Exception {
    String running = createRunning();
    Future<CounterStore> first;
    Future<CounterStore> second;
    try (Connection writing = ownConnection()) {
      begin(writing);
      first = openIndexed("first");
      awaitBuildWaiting("first");
      second = openIndexed("second");
      awaitActivity(
          "the second host trying the advisory lock",
          "application_name = ? AND starts_with(query, 'SELECT pg_try_advisory_lock')",
          applicationName("second"));
      end(writing);
    }
    try (CounterStore one = first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        CounterStore other = second.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      assertEquals(List.of("t"), indexValidity());
      assertEquals(running, other.where(STATUS.equalTo("RUNNING")).list().get(0).id());
      assertEquals(running, one.where(STATUS.equalTo("RUNNING")).list().get(0).id());
    }
  }

  /**
   * A host that opens while another builds the index waits for the build at most its lock timeout,
   * then fails, retriable, naming the index it was to build, the table, the timeout and the other
   * host's build, having built nothing: not a {@link LockTimeoutException}, which names an
   * instance. The build goes on, and the same open succeeds once it is done.
   */
  @Test
  void anOpenWaitingForAnotherHostsIndexBuildOnPostgresTimesOutNamingTheIndex() throws Exception {
    String running = createRunning();
    StoreOptions quick = StoreOptions.defaults().withLockTimeout(Duration.ofMillis(300));
    Future<CounterStore> first;
    try (Connection writing = ownConnection()) {
      begin(writing);
      first = openIndexed("first");
      awaitBuildWaiting("first");
      RetriableException timedOut =
          assertTimeoutPreemptively(
              PATIENCE,
              () -> assertThrows(RetriableException.class, () -> open(server.sharedPool(), quick)));
      assertFalse(timedOut instanceof LockTimeoutException, timedOut.toString());
      IndexBusyException busy = assertInstanceOf(IndexBusyException.class, timedOut);
      String index = busy.indexes().get(0);
      assertTrue(index.startsWith(prefix + "ix_"), index);
      assertEquals(prefix + "instances", busy.table());
      assertEquals(Duration.ofMillis(300), busy.timeout());
      String message = busy.getMessage();
      assertTrue(
          message.contains(index)
              && message.contains(busy.table())
              && message.contains("(300 ms")
              && message.contains("another host is building"),
          message);
      assertEquals(List.of("f"), indexValidity(), "only the first host's build, still under way");
      end(writing);
    }
    try (CounterStore one = first.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        CounterStore again = open(server.sharedPool(), quick)) {
      assertFoundThroughOneValidIndex(again, "RUNNING", running);
    }
  }

  /** Creates the tables and one instance whose status is RUNNING, with no index; returns its ID. */
  private String createRunning() {
    try (CounterStore store = PgStores.counters(server.sharedPool(), prefix, localRoot, LEASE)) {
      return store.create(c -> c.withStatus("RUNNING")).id();
    }
  }

  /** A connection outside any pool: closing it ends its session, and any transaction left open. */
  private Connection ownConnection() throws SQLException {
    return DriverManager.getConnection(server.jdbcUrl());
  }

  /**
   * Begins a transaction on {@code connection} that holds the lock every write of the table takes.
   */
  private void begin(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("BEGIN");
      statement.execute("LOCK TABLE " + prefix + "instances IN ROW EXCLUSIVE MODE");
    }
  }

  private static void end(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("COMMIT");
    }
  }

  /**
   * Opens a store indexing the status in the background, on connections named {@code host} whose
   * deadlock checks come after the test has failed: a deadlock hangs the open, it is not resolved
   * by cancelling a statement, which the open would try again.
   */
  private Future<CounterStore> openIndexed(String host) {
    HikariDataSource pool =
        LocalPostgres.pool(
            server.jdbcUrl()
                + "&ApplicationName="
                + applicationName(host)
                + "&options=-c%20deadlock_timeout=10min",
            2);
    pools.add(pool);
    return openers.submit(() -> open(pool));
  }

  private CounterStore open(javax.sql.DataSource pool) {
    return open(pool, StoreOptions.defaults());
  }

  private CounterStore open(javax.sql.DataSource pool, StoreOptions options) {
    return PgStores.counters(pool, prefix, localRoot, LEASE, options, INDEXED);
  }

  private String applicationName(String host) {
    return prefix + host;
  }

  /**
   * Waits until the server shows the index build of the store opened as {@code host} waiting for a
   * lock (the open transaction), and returns the process ID of its backend.
   */
  private int awaitBuildWaiting(String host) {
    return awaitActivity(
        "the index build of " + host + " waiting for the open transaction",
        "application_name = ? AND starts_with(query, 'CREATE INDEX') AND state = 'active'"
            + " AND wait_event_type = 'Lock'",
        applicationName(host));
  }

  /**
   * Polls {@code pg_stat_activity} until a backend matches {@code condition}; returns its process
   * ID.
   */
  private int awaitActivity(String what, String condition, Object... parameters) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      List<String> pids =
          Sql.column(
              server.sharedPool(),
              "SELECT pid FROM pg_stat_activity WHERE " + condition,
              parameters);
      if (!pids.isEmpty()) {
        return Integer.parseInt(pids.get(0));
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("the server never showed " + what + " within " + PATIENCE);
      }
      Thread.onSpinWait();
    }
  }

  /**
   * The kind has one index, valid, which the count of {@code status} uses, and {@code store} finds
   * exactly instance {@code id} with that status.
   */
  private void assertFoundThroughOneValidIndex(CounterStore store, String status, String id)
      throws SQLException {
    assertEquals(List.of("t"), indexValidity());
    assertEquals(
        List.of(id), store.where(STATUS.equalTo(status)).list().stream().map(Counter::id).toList());
    String plan = countPlan(status);
    assertTrue(plan.contains("Index") && plan.contains(prefix + "ix_"), plan);
  }

  /** Whether each of the kind's indexes is valid ({@code t}) or not ({@code f}). */
  private List<String> indexValidity() {
    return Sql.column(
        server.sharedPool(),
        "SELECT i.indisvalid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid"
            + " WHERE c.relname LIKE ? ORDER BY c.relname",
        prefix + "ix%");
  }

  /** The plan of the indexed count of {@code status}, sequential scans disabled. */
  private String countPlan(String status) throws SQLException {
    ExpressionIndexes.Statement count =
        new ExpressionIndexes<>(INDEXED, new Tables(prefix)).count(List.of(STATUS.equalTo(status)));
    StringBuilder plan = new StringBuilder();
    try (Connection connection = server.sharedPool().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("BEGIN");
      statement.execute("SET LOCAL enable_seqscan = off");
      try (ResultSet rows =
          statement.executeQuery("EXPLAIN " + count.sql().replace("?", "'" + status + "'"))) {
        while (rows.next()) {
          plan.append(rows.getString(1)).append('\n');
        }
      } finally {
        statement.execute("ROLLBACK");
      }
    }
    return plan.toString();
  }
}
