package dev.burrow.runtime.internal.id;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when told: the wall clock can be stepped on its own, and parking runs
 * both clocks forward by the requested time instead of waiting.
 */
final class ManualClock implements IdClock {
  private static final long NANOS_PER_MILLI = 1_000_000L;

  private final AtomicLong wallNanos;
  private final AtomicLong monotonicNanos = new AtomicLong(123_456_789L);
  private final AtomicInteger parks = new AtomicInteger();

  ManualClock(long wallMillis) {
    this.wallNanos = new AtomicLong(wallMillis * NANOS_PER_MILLI);
  }

  @Override
  public long currentTimeMillis() {
    return wallNanos.get() / NANOS_PER_MILLI;
  }

  @Override
  public long nanoTime() {
    return monotonicNanos.get();
  }

  @Override
  public void parkNanos(long nanos) {
    parks.incrementAndGet();
    advanceNanos(nanos);
  }

  /** Time passes: both clocks move forward. */
  void advanceNanos(long nanos) {
    wallNanos.addAndGet(nanos);
    monotonicNanos.addAndGet(nanos);
  }

  void advanceMillis(long millis) {
    advanceNanos(millis * NANOS_PER_MILLI);
  }

  /** Someone sets the wall clock: only it moves, by {@code millis} (negative: backwards). */
  void stepWallMillis(long millis) {
    wallNanos.addAndGet(millis * NANOS_PER_MILLI);
  }

  /** How often a generator parked on this clock. */
  int parks() {
    return parks.get();
  }
}
