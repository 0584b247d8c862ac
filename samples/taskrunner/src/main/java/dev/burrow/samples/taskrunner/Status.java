package dev.burrow.samples.taskrunner;

/** Where a task is in its life. */
public enum Status {
  /** Created, its workspace prepared, not yet picked up. */
  PENDING,
  /** A worker is running its build steps. */
  RUNNING,
  /** A worker is checking the step outputs. */
  TESTING,
  /** Every step ran and the check passed. */
  SUCCEEDED,
  /** The check failed; {@link TaskRun#error()} says why. */
  FAILED;

  /** Whether the task is finished. */
  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED;
  }
}
