package dev.burrow.runtime.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waits of a minute at most, for the tests that pause an import beside another thread. */
final class Waits {
  private Waits() {}

  static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(1, TimeUnit.MINUTES), "timed out");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * Spins until {@code condition} holds, where the other thread's next step is a lock wait or its
   * end; fails naming {@code what} did neither within a minute.
   */
  static void awaitUntil(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!condition.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, what + " neither waited nor ended");
      Thread.onSpinWait();
    }
  }
}
