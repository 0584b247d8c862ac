package dev.burrow;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a write was sent but Burrow cannot tell whether it took effect: the file was renamed
 * into place but flushing its directory failed, or the connection was lost after the commit was
 * sent. The new value may be visible now, and may or may not survive a power cut or server crash.
 * Do not assume it failed: read the instance back (its version says which write is stored) before
 * deciding to write again.
 */
public class OutcomeUnknownException extends BurrowException {
  private static final long serialVersionUID = 1L;
  private final String instanceId;

  /**
   * Creates the exception.
   *
   * @param instanceId the instance (or file) the write was for
   * @param message what was done and what failed afterwards
   * @param cause the failure
   */
  public OutcomeUnknownException(String instanceId, String message, @Nullable Throwable cause) {
    super(message, cause);
    this.instanceId = instanceId;
  }

  /** The instance (or file name) the write was for. */
  public String instanceId() {
    return instanceId;
  }
}
