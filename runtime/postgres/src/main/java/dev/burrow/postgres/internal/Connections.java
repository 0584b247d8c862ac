package dev.burrow.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;
import org.jspecify.annotations.Nullable;

/**
 * Where a store's document statements run: on Burrow's own connections, each write committed before
 * it returns ({@link Database}), or in the caller's transaction, which only the caller commits
 * ({@link CallerTransaction}).
 */
interface Connections {

  /** Work on a connection. */
  @FunctionalInterface
  interface Work<R> {
    R run(Connection connection) throws SQLException;
  }

  /**
   * Asked on a fresh connection after the connection was lost while a write's commit was on its
   * way: did the write take effect?
   */
  @FunctionalInterface
  interface Outcome<R> {
    /**
     * Looks at what is stored now.
     *
     * @return the write's result if it committed, null if it certainly did not
     * @throws Unknown if the database cannot tell
     */
    @Nullable R check(Connection connection) throws SQLException, Unknown;
  }

  /** The database cannot tell whether a write committed. */
  final class Unknown extends Exception {
    private static final long serialVersionUID = 1L;

    Unknown(String why) {
      super(why, null, false, false);
    }
  }

  /** A waited-for row lock was not granted within the lock timeout (SQLState 55P03). */
  final class LockWaitTimedOut extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LockWaitTimedOut(Throwable cause) {
      super("lock_timeout", cause, false, false);
    }
  }

  /** Reads; nothing is written. */
  <R> R read(String what, Work<R> work);

  /**
   * One write statement: committed on its own before this returns, or, joined, part of the caller's
   * transaction.
   *
   * @param instanceId the instance written, named if the outcome is unknown
   * @param outcome asked whether the write committed when the connection was lost after sending it
   */
  <R> R write(String what, String instanceId, Work<R> work, Outcome<R> outcome);

  /**
   * Several statements as one transaction: committed before this returns, rolled back if {@code
   * work} throws; joined, a savepoint in the caller's transaction instead.
   */
  <R> R transaction(String what, String instanceId, Work<R> work, Outcome<R> outcome);

  /** True when statements run in the caller's transaction, which Burrow never commits. */
  boolean joined();
}
