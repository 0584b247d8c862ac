package dev.burrow;

import org.jspecify.annotations.Nullable;

/**
 * Base of every exception Burrow throws. Unchecked, so Kotlin and lambdas need no ceremony; catch
 * this type to handle any Burrow failure in one place.
 *
 * <p>The branches say what a caller can do:
 *
 * <ul>
 *   <li>{@link RetriableException}: nothing took effect and the same call may succeed later ({@link
 *       LockTimeoutException}, {@link VersionConflictException}, {@link
 *       BackendUnavailableException}).
 *   <li>{@link DamagedDataException}: stored data cannot be read ({@link CorruptInstanceException},
 *       {@link CorruptJsonFileException}, {@link CorruptEventException}); the message names the
 *       file or row.
 *   <li>{@link OutcomeUnknownException}: a write was sent and may or may not have taken effect.
 *   <li>{@link MisuseException}: the call broke the API's rules; fix the calling code.
 *   <li>Everything else names its cause: {@link StorageException} (the disk or database failed; a
 *       failed write changed nothing), {@link InstanceNotFoundException}, {@link
 *       InstanceAlreadyExistsException}, {@link InvalidIdException}, and the others in this
 *       package.
 * </ul>
 */
public class BurrowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and where. */
  public BurrowException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public BurrowException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
