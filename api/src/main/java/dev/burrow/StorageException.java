package dev.burrow;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the storage underneath fails: an I/O error, a full disk, a failed {@code fsync}, an
 * error the database reports (such as a serialization failure of your own transaction, see {@code
 * docs/postgresql.md}). The message names the file or row and the operation. When it is thrown by a
 * write, the previously stored document is intact. A database connection that cannot be had, or is
 * lost, is reported as {@link BackendUnavailableException} (nothing was committed) or {@link
 * OutcomeUnknownException} (the commit was on its way), never as this.
 */
public class StorageException extends BurrowException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the operation and location. */
  public StorageException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
