package dev.burrow.runtime.internal.transfer;

/**
 * A document, a JSON object, that lacks its ID or version by the field names the kind records, or
 * whose ID field names another instance than its directory: the recorded names (an edited {@code
 * .burrow/store.json}) may be what is wrong as much as the document. So {@code fsck --repair} moves
 * such a document only once another document of the root, read by the same names, confirms them.
 */
public final class ManagedFieldsMismatchException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public ManagedFieldsMismatchException(String message) {
    super(message);
  }

  /** Whether {@code problem} or one of its causes is such a mismatch. */
  public static boolean within(Throwable problem) {
    return ShapeMismatchException.causedBy(problem, ManagedFieldsMismatchException.class);
  }
}
