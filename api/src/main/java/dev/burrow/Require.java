package dev.burrow;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Checks of option values, with messages that name the option. */
final class Require {
  /**
   * The longest wait Burrow counts: {@code 2^63 - 1} nanoseconds, about 292 years. Waits are
   * counted on a nanosecond clock, where a longer one cannot be held; it means no limit.
   */
  static final Duration FOREVER = Duration.ofNanos(Long.MAX_VALUE);

  private Require() {}

  /**
   * {@code value} if it is not null.
   *
   * @throws IllegalArgumentException naming {@code name} if it is null
   */
  static <T> T nonNull(@Nullable T value, String name) {
    if (value == null) {
      throw new IllegalArgumentException(name + " must not be null");
    }
    return value;
  }

  /**
   * {@code value} if it is neither null nor negative.
   *
   * @throws IllegalArgumentException naming {@code name} if it is null or negative
   */
  static Duration nonNegative(@Nullable Duration value, String name) {
    Duration checked = nonNull(value, name);
    if (checked.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, is " + checked);
    }
    return checked;
  }

  /**
   * {@code value} if it is neither null nor negative, capped at {@link #FOREVER}: a time limit
   * longer than that is no limit at all.
   *
   * @throws IllegalArgumentException naming {@code name} if it is null or negative
   */
  static Duration limit(@Nullable Duration value, String name) {
    Duration checked = nonNegative(value, name);
    return checked.compareTo(FOREVER) > 0 ? FOREVER : checked;
  }
}
