package dev.burrow.runtime.internal.transfer;

/**
 * A document whose managed fields are sound but whose other fields the kind's recorded shape
 * refuses: the application version that opened the root last cannot read it, though another version
 * (one that added an enum constant, say) may. So {@code fsck --repair} leaves it in place.
 */
public final class ShapeMismatchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  ShapeMismatchException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Whether {@code problem} or one of its causes is a shape mismatch. */
  public static boolean within(Throwable problem) {
    return causedBy(problem, ShapeMismatchException.class);
  }

  /** Whether {@code problem} or one of its causes is a {@code type}. */
  static boolean causedBy(Throwable problem, Class<? extends Throwable> type) {
    for (Throwable cause = problem; cause != null; cause = cause.getCause()) {
      if (type.isInstance(cause)) {
        return true;
      }
    }
    return false;
  }
}
