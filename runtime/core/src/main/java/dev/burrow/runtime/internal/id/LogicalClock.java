package dev.burrow.runtime.internal.id;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Milliseconds since 1970 that never go backwards: anchored on the wall clock when created,
 * advanced by the monotonic clock, and moved forward (never back) to the wall clock about once a
 * second, so a long-running process does not drift away from real time while a wall clock stepped
 * backwards changes nothing.
 */
final class LogicalClock {
  private static final long NANOS_PER_MILLI = 1_000_000L;
  private static final long RESYNC_INTERVAL_MILLIS = 1_000L;

  private final IdClock clock;

  /** Logical time in nanoseconds since 1970 is {@code clock.nanoTime() + offsetNanos}. */
  private final AtomicLong offsetNanos = new AtomicLong(Long.MIN_VALUE);

  private volatile long resyncAtMillis;

  LogicalClock(IdClock clock) {
    this.clock = clock;
    this.resyncAtMillis = resync();
  }

  /** The current logical time in milliseconds since 1970. */
  long millis() {
    long millis = (clock.nanoTime() + offsetNanos.get()) / NANOS_PER_MILLI;
    return millis < resyncAtMillis ? millis : resync();
  }

  /**
   * Parks until the logical time reaches {@code targetMillis} and returns the time then. Each wait
   * is as long as the remaining gap, so the caller never spins.
   */
  long awaitMillis(long targetMillis) {
    while (true) {
      long nowNanos = clock.nanoTime() + offsetNanos.get();
      long remaining = targetMillis * NANOS_PER_MILLI - nowNanos;
      if (remaining <= 0) {
        return millis();
      }
      clock.parkNanos(remaining);
    }
  }

  private long resync() {
    long wallNanos = clock.currentTimeMillis() * NANOS_PER_MILLI;
    long candidate = wallNanos - clock.nanoTime();
    long offset = offsetNanos.accumulateAndGet(candidate, Math::max);
    long millis = (clock.nanoTime() + offset) / NANOS_PER_MILLI;
    resyncAtMillis = millis + RESYNC_INTERVAL_MILLIS;
    return millis;
  }
}
