package dev.burrow.cli.output;

import tools.jackson.databind.node.ObjectNode;

/**
 * A failure that stopped a command, with what the command had done before it for {@code --json}
 * output: the error object printed for {@link #failure} also gets the fields of {@link #details},
 * so that a script learns it as a run that succeeded would tell it. Its exit code and message are
 * those of {@link #failure}.
 */
public final class FailureDetails extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Exception failure;
  private final transient ObjectNode details;

  /** {@code failure}, reported with the fields of {@code details} beside its error. */
  public FailureDetails(Exception failure, ObjectNode details) {
    super(failure.getMessage(), failure);
    this.failure = failure;
    this.details = details;
  }

  /** What stopped the command. */
  public Exception failure() {
    return failure;
  }

  /** The fields added to the error object. */
  public ObjectNode details() {
    return details;
  }
}
