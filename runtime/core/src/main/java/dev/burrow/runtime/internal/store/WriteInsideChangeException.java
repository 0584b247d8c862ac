package dev.burrow.runtime.internal.store;

import dev.burrow.MisuseException;

/**
 * The refusal of a write of an instance from inside a change of that same instance: wrong on any
 * value the change is given, unlike a misuse that may come of the value (a null set where none is
 * allowed), so a backend that runs a change first on a copy that may be stale throws it at once
 * rather than run the change again on the stored instance.
 */
public final class WriteInsideChangeException extends MisuseException {
  private static final long serialVersionUID = 1L;

  /** The refusal, saying what was refused and why. */
  public WriteInsideChangeException(String message) {
    super(message);
  }
}
