package dev.burrow.runtime.internal.text;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps passwords out of Burrow's messages: a driver's or a pool's message that Burrow quotes (a
 * connection failure, a pool that cannot start) may quote a JDBC URL, and a password in it would
 * end up in logs and terminals.
 */
public final class Credentials {
  /** A URL parameter holding a secret: {@code password=…}, {@code sslpassword=…}, any case. */
  private static final Pattern PARAMETER =
      Pattern.compile("(?i)([a-z]*password\\s*=\\s*)([^&;\\s'\"]+)");

  /** The password of a URL's user information: {@code //user:secret@host}. */
  private static final Pattern USER_INFO = Pattern.compile("(//[^/:@\\s'\"]*:)([^/@\\s'\"]+)@");

  /** What a masked password becomes. */
  public static final String MASK = "***";

  private Credentials() {}

  /**
   * The passwords {@code url} holds, each as written and as URL-decoded: the values of its {@code
   * password=} parameters and of its user information's password. A message may quote one without
   * its name (a driver that found it in another parameter too: {@code Invalid sslmode value: …}),
   * so those who print messages mask these wherever they appear.
   */
  public static List<String> in(String url) {
    List<String> passwords = new ArrayList<>();
    for (Pattern holder : List.of(PARAMETER, USER_INFO)) {
      Matcher found = holder.matcher(url);
      while (found.find()) {
        String password = found.group(2);
        passwords.add(password);
        try {
          passwords.add(URLDecoder.decode(password, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException notEncoded) {
          // a stray '%': the password as written is all there is
        }
      }
    }
    return passwords;
  }

  /**
   * {@code text} with each {@code password=} value and each URL's {@code user:password@} masked.
   */
  public static String masked(String text) {
    String masked = PARAMETER.matcher(text).replaceAll("$1" + MASK);
    return USER_INFO.matcher(masked).replaceAll("$1" + MASK + "@");
  }
}
