package dev.burrow;

/**
 * Thrown when no worker number can be had: every number is leased by a live holder, a fixed number
 * does not fit the layout, or a lease was used after it was released.
 */
public class WorkerIdUnavailableException extends BurrowException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message saying which numbers were wanted and where. */
  public WorkerIdUnavailableException(String message) {
    super(message);
  }
}
