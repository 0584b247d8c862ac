package dev.burrow.cli.output;

import dev.burrow.runtime.internal.text.Credentials;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps database passwords out of what the command prints: a message may quote a JDBC URL (the
 * command line's, or the driver's or the pool's own message about it), and a password in it would
 * end up in terminals, logs and CI output. Every error the command prints goes through {@link
 * #redact}.
 */
public final class Secrets {
  /** Passwords the command was given (from a file or the environment), masked wherever seen. */
  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

  private Secrets() {}

  /** Masks {@code password} wherever it appears in what the command prints from now on. */
  public static void add(String password) {
    if (!password.isEmpty()) {
      KNOWN.add(password);
    }
  }

  /**
   * {@code text} with every password it holds masked: those the command was given, and those of the
   * URLs it quotes ({@link Credentials#masked}).
   */
  public static String redact(String text) {
    String redacted = text;
    for (String password : KNOWN) {
      redacted = redacted.replace(password, Credentials.MASK);
    }
    return Credentials.masked(redacted);
  }
}
