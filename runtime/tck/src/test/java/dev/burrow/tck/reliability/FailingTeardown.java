package dev.burrow.tck.reliability;

import dev.burrow.InstanceDirectory;
import dev.burrow.WorkspaceProvisioner;

/** Workspace hooks whose teardown of one instance fails, as a worktree in use does. */
final class FailingTeardown implements WorkspaceProvisioner<Counter> {
  /** What the failing teardown throws, in its message. */
  static final String WHY = "worktree in use";

  private final String instanceId;

  /** Hooks whose teardown of {@code instanceId} throws, naming {@link #WHY}. */
  FailingTeardown(String instanceId) {
    this.instanceId = instanceId;
  }

  @Override
  public void provision(Counter instance, InstanceDirectory dirs) {}

  @Override
  public void teardown(InstanceDirectory dirs) {
    if (dirs.instanceId().equals(instanceId)) {
      throw new IllegalStateException(WHY);
    }
  }
}
