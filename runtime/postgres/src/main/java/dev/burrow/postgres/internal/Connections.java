package dev.burrow.postgres.internal;

import dev.burrow.LockTimeoutException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
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

  /** Work in a transaction, whose first and last statements go through {@code bounds}. */
  @FunctionalInterface
  interface TransactionWork<R> {
    R run(Connection connection, Bounds bounds) throws SQLException;
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

  /**
   * A wait for a lock held by another transaction, in an operation on one instance, ended at the
   * database's {@code lock_timeout} (SQLState 55P03): a {@link LockTimeoutException} naming the
   * operation and the instance, with the time the operation waited. Operations that set the timeout
   * themselves catch it to report the timeout they were configured with.
   */
  final class LockWaitTimedOut extends LockTimeoutException {
    private static final long serialVersionUID = 1L;
    private final String message;

    /**
     * The timeout of {@code what} on {@code instanceId}; {@code undone} says whether its statements
     * were rolled back to a savepoint of their own in the caller's transaction, which then stays
     * usable (else PostgreSQL has aborted a transaction the statement ran in).
     */
    LockWaitTimedOut(
        String what, String instanceId, Duration waited, SQLException cause, boolean undone) {
      super(instanceId, waited);
      initCause(cause);
      this.message =
          what
              + " failed: "
              + super.getMessage()
              + ": the database's lock_timeout ended the wait for a lock another transaction"
              + " holds (SQLState 55P03); nothing was written"
              + (undone
                  ? ": its statements were rolled back to a savepoint of their own, so your"
                      + " transaction stays usable"
                  : ", and if this ran in your transaction, PostgreSQL has aborted it: roll it"
                      + " back");
    }

    @Override
    public String getMessage() {
      return message;
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
   * work} throws anything (an error, or a checked exception thrown where Java does not check, as
   * Kotlin does, is thrown on as it is); joined, a savepoint in the caller's transaction instead.
   * {@code work} sends its first statement as {@link Bounds#first} makes it and its last as {@link
   * Bounds#last} makes it.
   */
  <R> R transaction(String what, String instanceId, TransactionWork<R> work, Outcome<R> outcome);

  /** True when statements run in the caller's transaction, which Burrow never commits. */
  boolean joined();
}
