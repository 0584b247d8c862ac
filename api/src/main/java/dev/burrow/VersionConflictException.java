package dev.burrow;

/**
 * Thrown when a compare-and-set finds a version other than the expected one, or when a retrying
 * update gives up. Nothing was written by the failed attempt.
 */
public class VersionConflictException extends RetriableException {
  private static final long serialVersionUID = 1L;
  private final String instanceId;
  private final long expectedVersion;
  private final long actualVersion;
  private final int attempts;

  /**
   * A single compare-and-set that found {@code actualVersion} instead of {@code expectedVersion}.
   */
  public VersionConflictException(String instanceId, long expectedVersion, long actualVersion) {
    this(instanceId, expectedVersion, actualVersion, 1);
  }

  /** A conflict after {@code attempts} tries; the last one found {@code actualVersion}. */
  public VersionConflictException(
      String instanceId, long expectedVersion, long actualVersion, int attempts) {
    super(
        "instance '"
            + instanceId
            + "': expected version "
            + expectedVersion
            + " but found "
            + actualVersion
            + (attempts > 1 ? " (gave up after " + attempts + " attempts)" : ""));
    this.instanceId = instanceId;
    this.expectedVersion = expectedVersion;
    this.actualVersion = actualVersion;
    this.attempts = attempts;
  }

  /** The instance written to. */
  public String instanceId() {
    return instanceId;
  }

  /** The version the (last) write expected. */
  public long expectedVersion() {
    return expectedVersion;
  }

  /** The version that was stored instead. */
  public long actualVersion() {
    return actualVersion;
  }

  /** How many attempts were made before giving up; 1 for a single compare-and-set. */
  public int attempts() {
    return attempts;
  }
}
