package dev.burrow;

import dev.burrow.internal.Printable;
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
 *       {@link CorruptJsonFileException}, {@link CorruptEventException}, {@link
 *       CorruptExportException}); the message names the file, row or export line.
 *   <li>{@link OutcomeUnknownException}: a write was sent and may or may not have taken effect.
 *   <li>{@link MisuseException}: the call broke the API's rules; fix the calling code or the set-up
 *       the message names.
 *   <li>Everything else names its cause: {@link StorageException} (the disk or database failed, or
 *       a path in the data root was planted; a failed write changed nothing), {@link
 *       NewerFormatException} (data written by a newer Burrow), {@link InstanceNotFoundException},
 *       {@link InstanceAlreadyExistsException}, {@link InvalidIdException}, and the others in this
 *       package. Burrow never throws this class itself.
 * </ul>
 */
public class BurrowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception with a message that says what was wrong and where. Messages quote IDs,
   * paths, field names and values that may come from hostile data, so control characters and
   * invisible formatting characters (bidirectional overrides, zero-width characters) are escaped as
   * {@code \\uXXXX} and a message longer than 8192 characters is cut there, with {@code ...(N
   * chars)} appended: it is always one line, safe to write to a log.
   */
  public BurrowException(String message) {
    super(Printable.line(message));
  }

  /** Creates the exception with a message (made safe to log likewise) and the underlying cause. */
  public BurrowException(String message, @Nullable Throwable cause) {
    super(Printable.line(message), cause);
  }
}
