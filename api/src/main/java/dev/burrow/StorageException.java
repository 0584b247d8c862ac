package dev.burrow;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when the storage underneath fails: an I/O error, a full disk, a failed {@code fsync}, a
 * lost database connection. The message names the file or row and the operation. When it is thrown
 * by a write, the previously stored document is intact.
 */
public class StorageException extends BurrowException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the operation and location. */
  public StorageException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
