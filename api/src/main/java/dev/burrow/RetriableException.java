package dev.burrow;

import org.jspecify.annotations.Nullable;

/**
 * The branch of exceptions after which the same call may succeed if made again: the operation did
 * not take effect, and the cause is expected to pass (another writer got there first, a lock was
 * busy, the database was briefly out of reach). Retrying is the caller's choice; {@code update}
 * already retries version conflicts by its {@link RetryPolicy}.
 */
public abstract class RetriableException extends BurrowException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and where. */
  protected RetriableException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  protected RetriableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
