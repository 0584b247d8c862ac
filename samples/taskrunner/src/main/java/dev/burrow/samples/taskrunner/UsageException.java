package dev.burrow.samples.taskrunner;

import dev.burrow.BurrowException;

/** The command line is wrong; the message says how. The runner prints usage and exits 2. */
public final class UsageException extends BurrowException {
  private static final long serialVersionUID = 1L;

  /** A usage error described by {@code message}. */
  public UsageException(String message) {
    super(message);
  }
}
