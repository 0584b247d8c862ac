package dev.burrow.postgres.internal;

import dev.burrow.InterruptedOperationException;
import dev.burrow.LockTimeoutException;
import dev.burrow.runtime.internal.jfr.LockWaitEvent;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * A write's wait for another holder's lease on one instance to end: polled with {@link Backoff} up
 * to the lock timeout, and recorded from its first pause to its end as a {@code
 * dev.burrow.LockWait} event naming the instance and its lease row, as the filesystem backend
 * records a write's wait for the instance's lock. A write that never pauses records nothing.
 */
final class LeaseWait {
  private final String id;
  private final String leaseRow;
  private final Duration timeout;
  private final Backoff backoff;
  private @Nullable LockWaitEvent event;

  LeaseWait(String id, String leaseRow, Duration timeout, long maxPollNanos) {
    this.id = id;
    this.leaseRow = leaseRow;
    this.timeout = timeout;
    this.backoff = new Backoff(System.nanoTime() + timeout.toNanos(), maxPollNanos);
  }

  /**
   * Pauses before the next attempt of {@code operation}.
   *
   * @throws LockTimeoutException naming the instance once the lock timeout has passed
   * @throws InterruptedOperationException if interrupted (the interrupt status is kept)
   */
  void pause(String operation) {
    if (event == null) {
      event = new LockWaitEvent();
      event.begin();
    }
    try {
      if (!backoff.pause()) {
        throw new LockTimeoutException(id, timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedOperationException("interrupted while " + operation, e);
    }
  }

  /** Ends the wait, if there was one; {@code over} is false if it ended by a timeout or failure. */
  void end(boolean over) {
    if (event != null) {
      event.finish(id, leaseRow, over);
      event = null;
    }
  }
}
