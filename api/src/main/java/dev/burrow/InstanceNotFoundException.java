package dev.burrow;

/** Thrown when an operation needs an instance that does not exist (or was deleted). */
public class InstanceNotFoundException extends BurrowException {
  private static final long serialVersionUID = 1L;
  private final String instanceId;

  /** Creates the exception for the missing instance {@code instanceId}. */
  public InstanceNotFoundException(String instanceId) {
    super("instance '" + instanceId + "' does not exist");
    this.instanceId = instanceId;
  }

  /** The ID that was looked up. */
  public String instanceId() {
    return instanceId;
  }
}
