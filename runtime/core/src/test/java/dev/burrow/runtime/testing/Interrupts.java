package dev.burrow.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.InterruptedOperationException;
import org.junit.jupiter.api.function.Executable;

/** Calls made on a thread whose interrupt status is set. */
public final class Interrupts {
  private Interrupts() {}

  /**
   * Runs {@code call} with this thread's interrupt status set, asserts that it throws {@link
   * InterruptedOperationException} and keeps the status, then clears the status.
   *
   * @return what {@code call} threw
   */
  public static InterruptedOperationException onInterruptedThread(Executable call) {
    Thread.currentThread().interrupt();
    try {
      InterruptedOperationException e = assertThrows(InterruptedOperationException.class, call);
      assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept");
      return e;
    } finally {
      Thread.interrupted();
    }
  }
}
