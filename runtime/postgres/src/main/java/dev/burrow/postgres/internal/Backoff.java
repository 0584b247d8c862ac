package dev.burrow.postgres.internal;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Waiting for another host until a deadline: jittered pauses from 1 ms doubling up to a cap, never
 * past the deadline. Polling a row is the only portable way to wait on another host.
 */
final class Backoff {
  private static final long FIRST_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final long deadline;
  private final long capNanos;
  private long next = FIRST_NANOS;

  Backoff(long deadline, long capNanos) {
    this.deadline = deadline;
    this.capNanos = capNanos;
  }

  /**
   * Pauses before the next attempt.
   *
   * @return false, without pausing, once the deadline has passed
   * @throws InterruptedException if the thread is interrupted while pausing
   */
  boolean pause() throws InterruptedException {
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      return false;
    }
    LockSupport.parkNanos(Math.min(left, ThreadLocalRandom.current().nextLong(next / 2, next + 1)));
    if (Thread.interrupted()) {
      throw new InterruptedException();
    }
    next = Math.min(next * 2, capNanos);
    return true;
  }
}
