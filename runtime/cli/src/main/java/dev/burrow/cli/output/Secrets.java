package dev.burrow.cli.output;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Keeps database passwords out of what the command prints: a message may quote a JDBC URL (the
 * command line's, or the driver's or the pool's own message about it), and a password in it would
 * end up in terminals, logs and CI output. Every error the command prints goes through {@link
 * #redact}.
 */
public final class Secrets {
  /** A URL parameter holding a secret: {@code password=…}, {@code sslpassword=…}, any case. */
  private static final Pattern PARAMETER =
      Pattern.compile("(?i)([a-z]*password\\s*=\\s*)[^&;\\s'\"]+");

  /** The password of a URL's user information: {@code //user:secret@host}. */
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s'\"]*:)[^/@\\s'\"]+@");

  private static final String MASK = "***";

  /** Passwords the command was given (from a file or the environment), masked wherever seen. */
  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

  private Secrets() {}

  /** Masks {@code password} wherever it appears in what the command prints from now on. */
  public static void add(String password) {
    if (!password.isEmpty()) {
      KNOWN.add(password);
    }
  }

  /** {@code text} with every password it holds replaced by {@value #MASK}. */
  public static String redact(String text) {
    String redacted = text;
    for (String password : KNOWN) {
      redacted = redacted.replace(password, MASK);
    }
    redacted = PARAMETER.matcher(redacted).replaceAll("$1" + MASK);
    return USER_INFO.matcher(redacted).replaceAll("$1" + MASK + "@");
  }
}
