package dev.burrow;

/**
 * Thrown by a write made under a lock whose lease has expired or been taken over by another holder
 * (after a long pause, a lost network, or a renewal that failed). The write was rejected by the
 * database in the same statement that would have made it: nothing was written. The lock gives no
 * protection any more; close it and lock again.
 */
public class LockLostException extends BurrowException {
  private static final long serialVersionUID = 1L;
  private final String instanceId;
  private final long epoch;

  /**
   * Creates the exception.
   *
   * @param instanceId the instance whose lease was lost
   * @param epoch the fencing epoch of the lost lease
   * @param state what the database holds instead, in words
   */
  public LockLostException(String instanceId, long epoch, String state) {
    super(
        "the lease on instance '"
            + instanceId
            + "' (epoch "
            + epoch
            + ") was lost: "
            + state
            + "; the write was rejected and nothing was written");
    this.instanceId = instanceId;
    this.epoch = epoch;
  }

  /** The instance whose lease was lost. */
  public String instanceId() {
    return instanceId;
  }

  /** The fencing epoch of the lost lease. */
  public long epoch() {
    return epoch;
  }
}
