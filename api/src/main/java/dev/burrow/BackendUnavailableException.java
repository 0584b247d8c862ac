package dev.burrow;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the storage backend could not be reached, or was lost, before anything was committed
 * (a refused or broken database connection, a pool that gave no connection in time, a connection
 * lost before its commit was sent; a call whose connection is lost is tried once more on a fresh
 * one first). Nothing was written; the same call may succeed once the backend is back. A connection
 * lost after a commit was sent is {@link OutcomeUnknownException} instead, unless the database
 * could tell what happened. In your own transaction ({@code inTransaction(connection)}), a lost
 * connection ends the whole transaction: retry the transaction, on a new connection, not the call.
 */
public class BackendUnavailableException extends RetriableException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the operation and the backend. */
  public BackendUnavailableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
