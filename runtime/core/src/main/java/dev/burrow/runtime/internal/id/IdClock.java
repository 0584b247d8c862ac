package dev.burrow.runtime.internal.id;

import java.util.concurrent.locks.LockSupport;

/**
 * Time source and waiting primitive of the ID generators. {@link #system()} is the real one; tests
 * and simulations pass their own to step the wall clock or run time forward.
 *
 * <p>Generators read {@link #currentTimeMillis()} only to anchor (and, about once a second, to move
 * their logical clock forward); between anchors they advance with {@link #nanoTime()}.
 */
public interface IdClock {

  /** Wall-clock time in milliseconds since 1970-01-01T00:00:00Z; may jump in either direction. */
  long currentTimeMillis();

  /** Monotonic time in nanoseconds from an arbitrary origin, as {@link System#nanoTime()}. */
  long nanoTime();

  /**
   * Waits for about {@code nanos} nanoseconds without burning a core; may return early. The default
   * parks the thread, which is cheap for virtual threads too.
   */
  default void parkNanos(long nanos) {
    LockSupport.parkNanos(nanos);
  }

  /** The system clock: {@link System#currentTimeMillis()} and {@link System#nanoTime()}. */
  static IdClock system() {
    return SystemIdClock.INSTANCE;
  }
}
