package dev.burrow;

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
    if (message.length() <= MAX_LENGTH && message.chars().allMatch(LogSafe::safe)) {
      return message;
    }
    StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_LENGTH) + 32);
    for (int i = 0; i < message.length() && out.length() < MAX_LENGTH; i++) {
      char c = message.charAt(i);
      if (safe(c)) {
        out.append(c);
      } else {
        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    if (out.length() >= MAX_LENGTH) {
      out.setLength(MAX_LENGTH);
      out.append("...(").append(message.length()).append(" chars)");
    }
    return out.toString();
  }

  private static boolean safe(int c) {
    if (c < 0x20 || (c >= 0x7f && c < 0xa0)) {
      return false;
    }
    int type = Character.getType(c);
    return type != Character.FORMAT
        && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR
        && type != Character.SURROGATE
        && type != Character.PRIVATE_USE
        && type != Character.UNASSIGNED;
  }
}
