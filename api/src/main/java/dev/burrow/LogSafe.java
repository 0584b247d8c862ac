package dev.burrow;

import dev.burrow.internal.Printable;

/**
 * Makes exception messages safe to log: one line, no control characters, no invisible formatting
 * characters that reorder or hide text (bidirectional overrides, zero-width characters), capped.
 */
final class LogSafe {
  /** The longest message kept whole; room for a path at the platform's limit and a reason. */
  static final int MAX_LENGTH = 8192;

  private LogSafe() {}

  /** {@code message} with unsafe characters escaped as {@code \\uXXXX}, capped. */
  static String message(String message) {
    if (message.length() <= MAX_LENGTH && message.chars().allMatch(Printable::isSafe)) {
      return message;
    }
    String escaped =
        Printable.escaped(message.substring(0, Math.min(message.length(), MAX_LENGTH)));
    return escaped.length() < MAX_LENGTH
        ? escaped
        : escaped.substring(0, MAX_LENGTH) + "...(" + message.length() + " chars)";
  }
}
