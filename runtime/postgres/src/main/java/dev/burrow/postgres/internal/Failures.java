package dev.burrow.postgres.internal;

import dev.burrow.BackendUnavailableException;
import dev.burrow.BurrowException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.text.Credentials;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** What a {@link SQLException} means for the operation that got it. */
final class Failures {
  /** The server ended a transaction idle past {@code idle_in_transaction_session_timeout}. */
  static final String IDLE_IN_TRANSACTION_TIMEOUT = "25P03";

  /**
   * The session is gone: the server is shutting down, crashed or starting, ended a transaction left
   * idle past {@code idle_in_transaction_session_timeout} (a paused holder's, see {@link
   * Statements#lockRow}), or ended a session left idle past {@code idle_session_timeout} (a
   * connection a data source kept without testing it).
   */
  private static final Set<String> SESSION_GONE =
      Set.of("57P01", "57P02", "57P03", "57P05", IDLE_IN_TRANSACTION_TIMEOUT);

  /** The driver refused before sending: the connection was closed or never made. */
  private static final Set<String> NOT_SENT = Set.of("08001", "08003", "08004");

  /** A waited-for lock was not granted within {@code lock_timeout}. */
  static final String LOCK_NOT_AVAILABLE = "55P03";

  private Failures() {}

  /** The connection (or the server behind it) was lost: the statement's fate is not known. */
  static boolean connectionLost(SQLException e) {
    String state = e.getSQLState();
    return (state != null && (state.startsWith("08") || SESSION_GONE.contains(state)))
        || e.getCause() instanceof IOException;
  }

  /** The driver says nothing reached the server (a closed connection, a refused connect). */
  static boolean notSent(SQLException e) {
    return NOT_SENT.contains(e.getSQLState());
  }

  /** Serialization failure or deadlock: the transaction was rolled back and may be run again. */
  static boolean retryable(SQLException e) {
    return "40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState());
  }

  static boolean lockNotAvailable(SQLException e) {
    return LOCK_NOT_AVAILABLE.equals(e.getSQLState());
  }

  /**
   * Nothing was written, and the database could not be reached or was lost before a commit. The
   * cause is quoted with any password masked: a pool's message may quote its JDBC URL.
   */
  static BackendUnavailableException unavailable(String what, Throwable cause) {
    return new BackendUnavailableException(unavailableMessage(what, cause), cause);
  }

  /**
   * The connection of the caller's transaction was lost while a statement of {@code what} ran in
   * it: nothing was written, and the server rolled the whole transaction back (its session ended
   * before any commit), so the failure says the transaction is gone, Burrow's earlier writes in it
   * included, and is to be run again on another connection.
   */
  static BackendUnavailableException callersTransactionLost(String what, Throwable cause) {
    return new BackendUnavailableException(
        unavailableMessage(what, cause)
            + "; your transaction is gone with its connection: the server rolled it back,"
            + " your statements and Burrow's writes in it included, so run the whole"
            + " transaction again on another connection",
        cause);
  }

  private static String unavailableMessage(String what, Throwable cause) {
    String why =
        cause instanceof SQLException sql && IDLE_IN_TRANSACTION_TIMEOUT.equals(sql.getSQLState())
            ? "the server ended the transaction, idle longer than its"
                + " idle_in_transaction_session_timeout ("
                + Credentials.masked(String.valueOf(sql.getMessage()))
                + ")"
            : "the database could not be reached (" + Credentials.masked(cause.toString()) + ")";
    return what + " failed, nothing was written: " + why;
  }

  /**
   * The loss of the connection of Burrow's own update transaction whose change ran {@code
   * changeNanos}, at least the {@code lease} that the transaction set as its {@code
   * idle_in_transaction_session_timeout} (or that the server said it ended for that timeout): the
   * server ended the transaction, and the failure says so and what to change. It keeps the state of
   * that timeout, so it counts as a lost connection.
   */
  static SQLException outlivedLease(SQLException lost, Duration lease, long changeNanos) {
    return new SQLException(
        "the transaction outlived the lease: the change ran "
            + TimeUnit.NANOSECONDS.toMillis(changeNanos)
            + " ms, and the update sets idle_in_transaction_session_timeout to the store's lease"
            + " duration, "
            + lease.toMillis()
            + " ms; make the change shorter, or open the store with a longer lease duration"
            + " (PostgresOptions.withLeaseDuration). The server said: "
            + lost.getMessage(),
        IDLE_IN_TRANSACTION_TIMEOUT,
        lost);
  }

  /**
   * Whether {@code e}, met by a transaction whose idle timeout was {@code lease} after a change ran
   * {@code changeNanos}, is that timeout ending it: the server says so, or the connection was lost
   * after a change at least as long (a server that closed the socket before its message was read).
   */
  static boolean endedIdle(SQLException e, Duration lease, long changeNanos) {
    return IDLE_IN_TRANSACTION_TIMEOUT.equals(e.getSQLState())
        || (connectionLost(e) && changeNanos >= lease.toNanos());
  }

  /**
   * What a failed operation throws, always a Burrow exception naming the operation: a lock wait of
   * an operation on one instance that timed out ({@link Connections.LockWaitTimedOut}, a {@link
   * dev.burrow.LockTimeoutException}), a lost connection, or a storage failure (also for a lock
   * wait that timed out in Burrow's bookkeeping, which concerns no one instance).
   *
   * @param instanceId the instance the operation is about, empty if none
   * @param startedNanos {@link System#nanoTime()} when the operation began to wait for the database
   */
  static BurrowException mapped(String what, String instanceId, long startedNanos, SQLException e) {
    return mapped(what, instanceId, startedNanos, e, false);
  }

  /**
   * {@link #mapped(String, String, long, SQLException)}; {@code undone} says whether the
   * operation's statements were rolled back to a savepoint of their own in the caller's
   * transaction, which then stays usable.
   */
  static BurrowException mapped(
      String what, String instanceId, long startedNanos, SQLException e, boolean undone) {
    if (lockNotAvailable(e) && !instanceId.isEmpty()) {
      return new Connections.LockWaitTimedOut(
          what, instanceId, Duration.ofNanos(System.nanoTime() - startedNanos), e, undone);
    }
    if (connectionLost(e)) {
      return unavailable(what, e);
    }
    return storage(what, e);
  }

  /** Any other failure, reported with the operation and the server's message. */
  static BurrowException storage(String what, SQLException e) {
    return new StorageException(what + " failed: " + message(e), e);
  }

  private static String message(@Nullable SQLException e) {
    if (e == null) {
      return "";
    }
    String state = e.getSQLState();
    return Credentials.masked(String.valueOf(e.getMessage()))
        + (state == null ? "" : " (SQLState " + state + ")");
  }
}
