package dev.burrow.runtime.internal.store;

import java.time.Duration;
import java.util.Objects;

/**
 * Waits a caller gives Burrow, made countable on a nanosecond clock ({@link System#nanoTime}),
 * where the longest wait is {@code 2^63 - 1} ns, about 292 years: a longer one is no limit, so it
 * is cut to that, never overflowed.
 */
public final class Waits {
  /** The longest wait counted: {@code 2^63 - 1} nanoseconds, about 292 years; no limit at all. */
  public static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);

  private Waits() {}

  /**
   * {@code timeout}, the parameter {@code parameter} of a call, cut to {@link #FOREVER}.
   *
   * @throws NullPointerException naming {@code parameter} if it is null
   * @throws IllegalArgumentException naming {@code parameter} if it is negative
   */
  public static Duration timeout(Duration timeout, String parameter) {
    Objects.requireNonNull(timeout, parameter);
    if (timeout.isNegative()) {
      throw new IllegalArgumentException(parameter + " must not be negative, is " + timeout);
    }
    return timeout.compareTo(FOREVER) > 0 ? FOREVER : timeout;
  }

  /** {@code wait} in nanoseconds: 0 if it is negative, {@code Long.MAX_VALUE} from FOREVER on. */
  public static long nanos(Duration wait) {
    if (wait.isNegative()) {
      return 0;
    }
    return wait.compareTo(FOREVER) >= 0 ? Long.MAX_VALUE : wait.toNanos();
  }
}
