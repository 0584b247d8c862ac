package dev.burrow.internal;

import java.util.Locale;

/** Text from outside (an ID, a name) made safe to quote in an exception message or a log line. */
public final class Printable {

  /**
   * The most characters kept: the longest valid name (128 characters) and a little of what follows
   * it, enough to show where a too-long name went wrong.
   */
  private static final int MAX_CHARS = 144;

  private Printable() {}

  /**
   * {@code text} with control characters, non-ASCII characters, quotes and backslashes escaped as
   * {@code \\uXXXX}, cut after {@value #MAX_CHARS} characters with its full length appended.
   */
  public static String of(String text) {
    StringBuilder out = new StringBuilder();
    int limit = Math.min(text.length(), MAX_CHARS);
    for (int i = 0; i < limit; i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c >= 0x7f || c == '\'' || c == '"' || c == '\\') {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    if (limit < text.length()) {
      out.append("...(").append(text.length()).append(" chars)");
    }
    return out.toString();
  }
}
