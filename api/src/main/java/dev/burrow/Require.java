package dev.burrow;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** Checks of option values, with messages that name the option. */
final class Require {
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
}
