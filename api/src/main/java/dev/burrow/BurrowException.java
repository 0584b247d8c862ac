package dev.burrow;

import org.jspecify.annotations.Nullable;

/**
 * Base of every exception Burrow throws. Unchecked, so Kotlin and lambdas need no ceremony;
 * catch this type to handle any Burrow failure in one place.
 */
public class BurrowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that says what was wrong and where. */
  public BurrowException(String message) {
    super(message);
  }

  /** Creates the exception with a message and the underlying cause. */
  public BurrowException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
