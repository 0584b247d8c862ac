package dev.burrow;

/**
 * Thrown when a {@link WorkspaceProvisioner} hook fails; the cause is what the hook threw. After a
 * failed {@code provision} the instance no longer exists (if flushing its removal failed, the
 * message says so: the deletion may not survive a power cut); after a failed {@code teardown} the
 * instance is kept, unchanged.
 */
public class ProvisioningException extends BurrowException {
  private static final long serialVersionUID = 1L;
  private final String instanceId;

  /**
   * Creates the exception.
   *
   * @param instanceId the instance whose hook failed
   * @param outcome what happened to the instance, in words
   * @param cause what the hook threw
   */
  public ProvisioningException(String instanceId, String outcome, Throwable cause) {
    super(
        "workspace hook of instance '" + instanceId + "' failed; " + outcome + ": " + cause, cause);
    this.instanceId = instanceId;
  }

  /** The instance whose hook failed. */
  public String instanceId() {
    return instanceId;
  }
}
