package dev.burrow;

import java.time.Duration;

/** Thrown when an instance's lock could not be taken within the timeout. */
public class LockTimeoutException extends RetriableException {
  private static final long serialVersionUID = 1L;
  private final String instanceId;
  private final Duration timeout;

  /** The lock of {@code instanceId} was still held by someone else after {@code timeout}. */
  public LockTimeoutException(String instanceId, Duration timeout) {
    super("could not lock instance '" + instanceId + "' within " + timeout.toMillis() + " ms");
    this.instanceId = instanceId;
    this.timeout = timeout;
  }

  /** The instance whose lock was wanted. */
  public String instanceId() {
    return instanceId;
  }

  /** How long the caller waited. */
  public Duration timeout() {
    return timeout;
  }
}
