package dev.burrow;

/**
 * Thrown by {@code create} when an instance with that ID exists already. Burrow never overwrites an
 * existing instance on create: the stored document is left untouched.
 */
public class InstanceAlreadyExistsException extends BurrowException {
  private static final long serialVersionUID = 1L;
  private final String instanceId;

  /** Creates the exception for the existing instance {@code instanceId}. */
  public InstanceAlreadyExistsException(String instanceId) {
    super("instance '" + instanceId + "' already exists; create never overwrites, use update");
    this.instanceId = instanceId;
  }

  /** The ID that is taken. */
  public String instanceId() {
    return instanceId;
  }
}
