package dev.burrow.runtime.id;

import dev.burrow.BurrowException;

/**
 * Thrown when a {@link SnowflakeLayout} is not usable: bit widths that do not add up to 63 or
 * are out of range, an epoch in the future or before 1970, or a timestamp field that has
 * already run out. The message names the field and the rule.
 */
public class InvalidLayoutException extends BurrowException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message naming the field and the rule it broke. */
  public InvalidLayoutException(String message) {
    super(message);
  }
}
