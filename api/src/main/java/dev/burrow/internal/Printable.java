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

  /**
   * {@code text} with every character that is unsafe in a log line or on a terminal escaped as
   * {@code \\uXXXX} ({@link #isSafe}), and a backslash that starts {@code \\u} escaped too, so that
   * every {@code \\uXXXX} in the result stands for one character of {@code text}; nothing cut: how
   * Burrow's exception messages and the {@code burrow} command's lines quote paths and names from a
   * data root. Apply it once, to the raw text: applied again, it escapes its own escapes. Returns
   * {@code text} itself when nothing in it needs escaping.
   */
  public static String escaped(String text) {
    return escape(text, true);
  }

  /**
   * The longest line {@link #line} keeps whole: room for a path at the platform's limit and more.
   */
  public static final int MAX_LINE_LENGTH = 8192;

  /** The longest {@code ...(N chars)} a cut appends: 19 digits and 11 characters around them. */
  private static final int CUT_SUFFIX_MAX = 30;

  /**
   * {@code message} made safe to log: one line, every unsafe character escaped as {@link #escaped}
   * does, cut after {@value #MAX_LINE_LENGTH} characters with its full length appended. What
   * Burrow's exception messages and log lines are made of. A backslash is left as it is, so a
   * message made of fragments already escaped (by {@link #escaped} or {@link #of}), or a message
   * already made safe, comes back unchanged: the fragments are escaped once, where they are quoted.
   * Returns {@code message} itself when it is safe and short enough.
   */
  public static String line(String message) {
    if ((message.length() <= MAX_LINE_LENGTH || wasCut(message))
        && !needsEscaping(message, false)) {
      return message;
    }
    String escaped =
        escape(message.substring(0, Math.min(message.length(), MAX_LINE_LENGTH)), false);
    return escaped.length() < MAX_LINE_LENGTH
        ? escaped
        : escaped.substring(0, MAX_LINE_LENGTH) + "...(" + message.length() + " chars)";
  }

  /** Whether {@code message} is what {@link #line} cut: its limit, then the full length. */
  private static boolean wasCut(String message) {
    return message.length() <= MAX_LINE_LENGTH + CUT_SUFFIX_MAX
        && message.startsWith("...(", MAX_LINE_LENGTH)
        && message.endsWith(" chars)");
  }

  private static String escape(String text, boolean backslashU) {
    if (!needsEscaping(text, backslashU)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isSafe(c) && !(backslashU && startsEscape(text, i))) {
        out.append(c);
      } else {
        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return out.toString();
  }

  private static boolean needsEscaping(String text, boolean backslashU) {
    for (int i = 0; i < text.length(); i++) {
      if (!isSafe(text.charAt(i)) || (backslashU && startsEscape(text, i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean startsEscape(String text, int i) {
    return text.charAt(i) == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'u';
  }

  /**
   * Whether the UTF-16 unit {@code c} is safe to write into one line of a log or a terminal as it
   * is: not a control character (C0, DEL, C1), not an invisible formatting character (bidirectional
   * overrides, zero-width characters), not a line or paragraph separator, not a lone surrogate, a
   * private-use or an unassigned character.
   */
  public static boolean isSafe(int c) {
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
