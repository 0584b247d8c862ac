package dev.burrow;

/**
 * Thrown when no Snowflake worker number can be had now: every number is leased by a live holder
 * (on the filesystem, numbers whose lease files cannot be used are skipped and named). Nothing was
 * created. It passes when a holder closes its store or its lease expires, so opening the store, or
 * the {@code create()} that needed a number, may succeed later. A generator or lease used after it
 * was closed is a {@link MisuseException} instead.
 */
public class WorkerIdUnavailableException extends RetriableException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message saying which numbers were wanted and where. */
  public WorkerIdUnavailableException(String message) {
    super(message);
  }
}
