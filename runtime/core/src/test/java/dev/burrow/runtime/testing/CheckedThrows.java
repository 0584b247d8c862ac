package dev.burrow.runtime.testing;

/** Throws a checked exception from code that declares none, as Kotlin code may. */
public final class CheckedThrows {
  private CheckedThrows() {}

  /**
   * Throws {@code checked} unchanged; declared to return an exception so that a caller can write
   * {@code throw CheckedThrows.sneaky(e)} where the compiler needs a statement that ends.
   */
  public static RuntimeException sneaky(Exception checked) {
    return CheckedThrows.<RuntimeException>rethrow(checked);
  }

  @SuppressWarnings("unchecked") // the cast is unchecked at run time, which is the point
  private static <X extends Exception> RuntimeException rethrow(Exception checked) throws X {
    throw (X) checked;
  }
}
