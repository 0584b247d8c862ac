package dev.burrow;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the storage backend could not be reached before anything was sent (a refused or
 * broken database connection, a pool that gave no connection in time). Nothing was written; the
 * same call may succeed once the backend is back.
 */
public class BackendUnavailableException extends RetriableException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the operation and the backend. */
  public BackendUnavailableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
