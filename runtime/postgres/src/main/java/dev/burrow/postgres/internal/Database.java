package dev.burrow.postgres.internal;

import dev.burrow.BackendUnavailableException;
import dev.burrow.InterruptedOperationException;
import dev.burrow.MisuseException;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.runtime.internal.text.Credentials;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Burrow's own connections: one borrowed from the user's {@link DataSource} (a pool, in production)
 * per operation, given back at once.
 *
 * <ul>
 *   <li>A connection must come in auto-commit mode (the JDBC default). One that does not may carry
 *       the caller's open transaction (a transaction-aware {@code DataSource} hands those out), so
 *       it is refused before anything is sent: Burrow never commits, rolls back or switches a
 *       transaction it did not begin. To write inside the caller's transaction, see {@link
 *       CallerTransaction}.
 *   <li>Burrow changes no setting of a borrowed connection, auto-commit included: a transaction is
 *       begun, committed and rolled back by statements ({@code BEGIN}, {@code COMMIT}, {@code
 *       ROLLBACK}; see {@link Bounds}), and a connection whose {@code ROLLBACK} fails is aborted,
 *       so it never goes back to the pool inside a transaction.
 *   <li>A connection lost before anything was committed is tried once more on a fresh connection (a
 *       pool hands out connections that died with a restarted server), then reported as {@link
 *       dev.burrow.BackendUnavailableException}: in a transaction, that is any loss before its
 *       {@code COMMIT} was made ({@link Bounds#committing}), whatever the server can be asked
 *       afterwards. A connection lost while a commit was on its way is resolved on a fresh
 *       connection by the operation's {@link Connections.Outcome}; if the database cannot tell, it
 *       is reported as {@link OutcomeUnknownException}, as is a try of bookkeeping with no outcome
 *       to ask that may have taken effect, when the next try cannot get a connection at all.
 * </ul>
 */
final class Database implements Connections {
  private static final int ATTEMPTS = 2;
  private static final int RETRYABLE_ATTEMPTS = 50;

  /** The longest pause between two tries of a session advisory lock another host holds. */
  private static final long SESSION_LOCK_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /**
   * The driver known to run several statements of one prepared statement in one round trip, so that
   * {@code BEGIN} and {@code COMMIT} travel with a transaction's first and last statements.
   */
  private static final String PGJDBC = "PostgreSQL JDBC Driver";

  /** Reads one row. */
  @FunctionalInterface
  interface RowReader<R> {
    R read(ResultSet row) throws SQLException;
  }

  private final DataSource source;

  /** Whether the driver is pgjdbc (see {@link Bounds}); null until a connection was borrowed. */
  private volatile @Nullable Boolean together;

  Database(DataSource source) {
    this.source = source;
  }

  @Override
  public boolean joined() {
    return false;
  }

  @Override
  public <R> R read(String what, Work<R> work) {
    return autoCommitted(what, "", work, null, false);
  }

  /**
   * A statement of Burrow's bookkeeping (leases, worker numbers), each safe to repeat: tried once
   * more on a fresh connection if the connection was lost. If that is lost too, after a try whose
   * statement was sent, the failure is an {@link OutcomeUnknownException}: that statement may have
   * taken effect.
   */
  <R> R autoCommit(String what, Work<R> work) {
    return autoCommit(what, "", work);
  }

  /** {@link #autoCommit(String, Work)} for bookkeeping of one instance (its lease). */
  <R> R autoCommit(String what, String instanceId, Work<R> work) {
    return autoCommitted(what, instanceId, work, null, true);
  }

  @Override
  public <R> R write(String what, String instanceId, Work<R> work, Outcome<R> outcome) {
    return autoCommitted(what, instanceId, work, outcome, true);
  }

  /**
   * Runs {@code work} in auto-commit mode. A connection lost on the way is tried once more on a
   * fresh one, unless {@code outcome} (for a write that was sent) finds the write committed. A
   * statement the server rolled back as a serialization failure or a deadlock (where transactions
   * are {@code REPEATABLE READ} or {@code SERIALIZABLE} by default, a write meeting a concurrent
   * one) is run again, as a transaction is: it then says what it finds, a version conflict say, as
   * it would under {@code READ COMMITTED}. {@code writes} says whether {@code work} changes
   * anything: if so, and no {@code outcome} can tell, a try lost after its statement was sent may
   * have taken effect.
   */
  private <R> R autoCommitted(
      String what, String instanceId, Work<R> work, @Nullable Outcome<R> outcome, boolean writes) {
    int retryable = 0;
    Losses<R> losses = new Losses<>(what, instanceId, outcome);
    for (int attempt = 1; ; attempt++) {
      SQLException lost;
      Connection connection = losses.borrow();
      long started = System.nanoTime();
      try {
        return work.run(connection);
      } catch (SQLException e) {
        if (Failures.retryable(e) && ++retryable < RETRYABLE_ATTEMPTS) {
          attempt--;
          continue;
        }
        if (!Failures.connectionLost(e)) {
          throw Failures.mapped(what, instanceId, started, e);
        }
        lost = e;
      } finally {
        closeQuietly(connection);
      }
      R committed = writes && !Failures.notSent(lost) ? losses.sent(lost) : null;
      if (committed != null) {
        return committed;
      }
      if (attempt >= ATTEMPTS) {
        throw losses.failure(lost);
      }
    }
  }

  @Override
  public <R> R transaction(
      String what, String instanceId, TransactionWork<R> work, Outcome<R> outcome) {
    return transaction(what, instanceId, true, work, outcome);
  }

  /** The tries of one operation that lost their connection. */
  private final class Losses<R> {
    private final String what;
    private final String instanceId;
    private final @Nullable Outcome<R> outcome;

    /** Whether a try was lost after it was sent with no {@link #outcome} to ask what it did. */
    private boolean mayHaveWritten;

    Losses(String what, String instanceId, @Nullable Outcome<R> outcome) {
      this.what = what;
      this.instanceId = instanceId;
      this.outcome = outcome;
    }

    /**
     * A try lost with {@code lost} once it may have taken effect: its result if the outcome finds
     * it committed, null if it certainly did not or there is no outcome to ask.
     */
    @Nullable R sent(SQLException lost) {
      if (outcome == null) {
        mayHaveWritten = true;
        return null;
      }
      return resolve(what, instanceId, lost, outcome);
    }

    /**
     * A connection for the next try. If none can be had after a try that may have taken effect
     * unasked, the outcome is unknown, not "nothing was written": the failure to get one is the
     * cause of an {@link OutcomeUnknownException}.
     */
    Connection borrow() {
      try {
        return Database.this.borrow(what);
      } catch (BackendUnavailableException unreachable) {
        if (!mayHaveWritten) {
          throw unreachable;
        }
        throw new OutcomeUnknownException(
            instanceId,
            what
                + " failed: a try lost its connection after its statements were sent, so they may"
                + " have taken effect, and no connection could be had for the next try (the"
                + " database could not be reached: "
                + Credentials.masked(String.valueOf(unreachable.getCause()))
                + "); whether they did is not known. Running the operation again is safe",
            unreachable);
      }
    }

    /**
     * The failure after the last try lost its connection with {@code lost}: nothing was written,
     * unless a try may have taken effect unasked, which makes the outcome unknown.
     */
    RuntimeException failure(SQLException lost) {
      if (!mayHaveWritten) {
        return Failures.unavailable(what, lost);
      }
      return new OutcomeUnknownException(
          instanceId,
          what
              + " failed: the connection was lost on each try ("
              + lost.getMessage()
              + "), at least once after the statements were sent, so they may have taken effect;"
              + " whether they did is not known. Running the operation again is safe",
          lost);
    }
  }

  /**
   * One transaction of {@code work}; {@code together} false when its statements cannot carry {@code
   * BEGIN} and {@code COMMIT} (they do not go through {@link Bounds}), else as the driver allows.
   * Without an {@code outcome} to ask, a try lost while its commit was on its way may have
   * committed.
   */
  private <R> R transaction(
      String what,
      String instanceId,
      boolean together,
      TransactionWork<R> work,
      @Nullable Outcome<R> outcome) {
    int retryable = 0;
    Losses<R> losses = new Losses<>(what, instanceId, outcome);
    for (int attempt = 1; ; attempt++) {
      Connection connection = losses.borrow();
      long started = System.nanoTime();
      SQLException lost;
      @Nullable Bounds bounds = null;
      try {
        bounds = new Bounds(together && together(connection));
        R result;
        try {
          if (bounds.beginsSeparately()) {
            execute(connection, "BEGIN");
          }
          result = work.run(connection, bounds);
          if (bounds.commitsSeparately()) {
            execute(connection, bounds.commit());
          }
        } catch (Throwable e) {
          // Whatever ended it, an Error or a checked exception a Kotlin change throws included:
          // a connection handed back inside the transaction would keep its row locks, and run the
          // next borrower's statements in it, uncommitted.
          rollback(connection);
          throw e;
        }
        return result;
      } catch (SQLException e) {
        if (Failures.retryable(e) && ++retryable < RETRYABLE_ATTEMPTS) {
          attempt--;
          continue;
        }
        if (!Failures.connectionLost(e)) {
          throw Failures.mapped(what, instanceId, started, e); // the server refused: it rolled back
        }
        lost = e;
      } finally {
        closeQuietly(connection);
      }
      // Lost before a COMMIT was made, the transaction certainly did not commit: it is tried again,
      // or reported as not written, with no database to ask. Once one was, the commit may have
      // been on its way: ask what is stored.
      R committed = bounds != null && bounds.committing() ? losses.sent(lost) : null;
      if (committed != null) {
        return committed;
      }
      if (attempt >= ATTEMPTS) {
        throw losses.failure(lost);
      }
    }
  }

  /** Whether {@code connection}'s driver sends {@code BEGIN} and {@code COMMIT} with statements. */
  private boolean together(Connection connection) throws SQLException {
    Boolean known = together;
    if (known == null) {
      known = PGJDBC.equals(connection.getMetaData().getDriverName());
      together = known;
    }
    return known;
  }

  /**
   * Asks {@code outcome} on a fresh connection (two tries: the pool may hand out another connection
   * that died with the first); null if the write certainly did not commit.
   */
  private <R> @Nullable R resolve(
      String what, String instanceId, SQLException lost, Outcome<R> outcome) {
    Exception last = lost;
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      Connection connection = null;
      try {
        connection = borrow(what);
        return outcome.check(connection);
      } catch (SQLException e) {
        last = e;
        if (!Failures.connectionLost(e)) {
          break;
        }
      } catch (RuntimeException | Unknown e) {
        last = e;
        break;
      } finally {
        if (connection != null) {
          closeQuietly(connection);
        }
      }
    }
    OutcomeUnknownException unknown =
        new OutcomeUnknownException(
            instanceId,
            what
                + ": the connection was lost after the write was sent ("
                + lost.getMessage()
                + "), and whether it committed could not be learned ("
                + last.getMessage()
                + ")"
                + (instanceId.isEmpty() ? "" : "; read the instance back before writing again"),
            lost);
    if (last != lost) {
      unknown.addSuppressed(last);
    }
    throw unknown;
  }

  /**
   * Runs {@code work} in one transaction of its own, for Burrow's bookkeeping (migrations), which
   * must be safe to run again: a connection lost on the way, its commit perhaps included, runs it
   * once more on a fresh connection. A second loss is reported as {@link
   * dev.burrow.BackendUnavailableException}, or as {@link OutcomeUnknownException} if a try was
   * lost while its commit was on its way.
   */
  <R> R bookkeeping(String what, Work<R> work) {
    return transaction(what, "", false, (connection, bounds) -> work.run(connection), null);
  }

  private Connection borrow(String what) {
    Connection connection;
    try {
      connection = source.getConnection();
    } catch (SQLException | RuntimeException e) {
      throw Failures.unavailable(what, e);
    }
    if (connection == null) {
      throw new MisuseException(
          what
              + ": the DataSource's getConnection() returned null, which JDBC does not allow;"
              + " give the store a DataSource that hands out connections or throws SQLException");
    }
    try {
      if (!connection.getAutoCommit()) {
        throw new MisuseException(
            what
                + ": the DataSource handed out a connection with auto-commit off, which may"
                + " carry your open transaction; Burrow never commits, rolls back or switches a"
                + " transaction it did not begin. Give the store a DataSource whose connections"
                + " are in auto-commit mode (the JDBC default; with HikariCP, autoCommit=true), and"
                + " write inside your own transaction through the store's inTransaction(connection)");
      }
      return connection;
    } catch (SQLException | RuntimeException e) {
      closeQuietly(connection);
      if (e instanceof SQLException sql) {
        throw Failures.unavailable(what, sql);
      }
      throw (RuntimeException) e;
    }
  }

  /**
   * Ends the transaction, if one is open, before the connection goes back to the pool. A connection
   * whose {@code ROLLBACK} fails is broken or in a state Burrow cannot know: it is aborted, so that
   * no later borrower runs inside the transaction.
   */
  private static void rollback(Connection connection) {
    try {
      execute(connection, "ROLLBACK");
    } catch (SQLException | RuntimeException e) {
      abort(connection);
    }
  }

  /** Ends {@code connection}'s session, and with it its transaction and session locks. */
  private static void abort(Connection connection) {
    try {
      connection.abort(Runnable::run);
    } catch (SQLException | RuntimeException abort) {
      // the server ends the session when the connection closes
    }
  }

  /**
   * Gives {@code connection} back. A failure, checked or not (a pool that cannot take it back), is
   * ignored: whatever ran on it is over, and a write it committed must still be acknowledged.
   */
  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException | RuntimeException e) {
      // the pool's to handle; the operation's result stands
    }
  }

  /** Executes an update and returns the number of rows it changed. */
  static int update(Connection connection, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  /** Executes a statement of any kind, ignoring what it returns. */
  static void execute(Connection connection, String sql) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.execute();
    }
  }

  /**
   * Executes a query and reads every row; statements before it in {@code sql} that return no rows
   * (a {@code BEGIN}, see {@link Bounds}) are passed over.
   */
  static <R> List<R> query(
      Connection connection, String sql, RowReader<R> reader, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters)) {
      boolean rowsNext = statement.execute();
      while (!rowsNext && statement.getUpdateCount() != -1) {
        rowsNext = statement.getMoreResults();
      }
      if (!rowsNext) {
        throw new SQLException("the statement returned no rows: " + sql);
      }
      try (ResultSet rows = statement.getResultSet()) {
        List<R> result = new ArrayList<>();
        while (rows.next()) {
          result.add(reader.read(rows));
        }
        return result;
      }
    }
  }

  /**
   * Waits for the transaction-scoped advisory lock {@code (lockClass, hashtext(key))}, released at
   * commit or rollback: hosts doing the same bookkeeping at once do it one after the other.
   */
  static void lockForTransaction(Connection connection, int lockClass, String key)
      throws SQLException {
    query(
        connection,
        "SELECT pg_advisory_xact_lock(?, hashtext(?))",
        row -> Boolean.TRUE,
        lockClass,
        key);
  }

  /**
   * Runs {@code work} on {@code connection} (in auto-commit mode, as {@link #autoCommit} lends it)
   * holding the session-scoped advisory lock {@code (lockClass, hashtext(key))}: for bookkeeping
   * that cannot run in a transaction block ({@code CREATE INDEX CONCURRENTLY}), which hosts doing
   * it at once then do one after the other. The lock is released before this returns or throws; a
   * connection on which the release fails is aborted, so it never goes back to the pool holding the
   * lock.
   *
   * <p>The lock is waited for, while another host holds it and at most {@code timeout}, by trying
   * it ({@code pg_try_advisory_lock}) with pauses from 1 ms up to 100 ms, never by blocking in
   * {@code pg_advisory_lock}: a statement blocked there holds a snapshot, and {@code CREATE INDEX
   * CONCURRENTLY} in the holder waits for every older snapshot to end, so the two would deadlock
   * until the server's deadlock check cancelled one of them ({@code PostgresIndexBuildTest}).
   *
   * @throws RuntimeException what {@code timedOut} makes, once {@code timeout} has passed with the
   *     lock still held elsewhere; {@code work} has not run
   * @throws InterruptedOperationException if interrupted while waiting (the interrupt status is
   *     kept)
   */
  static <R> R underSessionLock(
      Connection connection,
      int lockClass,
      String key,
      Duration timeout,
      Supplier<? extends RuntimeException> timedOut,
      Work<R> work)
      throws SQLException {
    Backoff backoff = new Backoff(System.nanoTime() + timeout.toNanos(), SESSION_LOCK_POLL_NANOS);
    while (!query(
            connection,
            "SELECT pg_try_advisory_lock(?, hashtext(?))",
            row -> row.getBoolean(1),
            lockClass,
            key)
        .get(0)) {
      try {
        if (!backoff.pause()) {
          throw timedOut.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedOperationException(
            "interrupted while waiting for another host to release the advisory lock ("
                + lockClass
                + ", hashtext('"
                + key
                + "'))",
            e);
      }
    }
    try {
      return work.run(connection);
    } finally {
      try {
        query(
            connection,
            "SELECT pg_advisory_unlock(?, hashtext(?))",
            row -> Boolean.TRUE,
            lockClass,
            key);
      } catch (SQLException | RuntimeException e) {
        abort(connection);
      }
    }
  }

  /** A SQL {@code text[]} for {@code = ANY(?)}. */
  static Array textArray(Connection connection, List<String> values) throws SQLException {
    return connection.createArrayOf("text", values.toArray());
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }
}
