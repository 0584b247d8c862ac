package dev.burrow.runtime.internal.text;

import java.util.regex.Pattern;

/**
 * Keeps passwords out of Burrow's messages: a driver's or a pool's message that Burrow quotes (a
 * connection failure, a pool that cannot start) may quote a JDBC URL, and a password in it would
 * end up in logs and terminals.
 */
public final class Credentials {
  /** A URL parameter holding a secret: {@code password=…}, {@code sslpassword=…}, any case. */
  private static final Pattern PARAMETER =
      Pattern.compile("(?i)([a-z]*password\\s*=\\s*)[^&;\\s'\"]+");

  /** The password of a URL's user information: {@code //user:secret@host}. */
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s'\"]*:)[^/@\\s'\"]+@");

  /** What a masked password becomes. */
  public static final String MASK = "***";

  private Credentials() {}

  /**
   * {@code text} with each {@code password=} value and each URL's {@code user:password@} masked.
   */
  public static String masked(String text) {
    String masked = PARAMETER.matcher(text).replaceAll("$1" + MASK);
    return USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
  }
}
