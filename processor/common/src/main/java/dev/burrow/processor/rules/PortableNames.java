package dev.burrow.processor.rules;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Compile-time checks of the {@code @Instance} names that end up on disk or in the environment. */
public final class PortableNames {
  private static final Pattern KIND = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final int MAX_KIND_LENGTH = 64;

  /**
   * What a shell, Java or Windows would expand in a path and the runtime does not: {@code $NAME},
   * {@code ${...}}, {@code %NAME%}, or a leading {@code ~} that is not {@code ~/} or {@code ~\}
   * (such as {@code ~user}).
   */
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{[^}]*}?|\\$[A-Za-z_][A-Za-z0-9_]*|%[^%/\\\\]+%|^~[^/\\\\]+");

  private PortableNames() {}

  /** Whether {@code name} is a valid {@code @Instance} name. */
  public static boolean isKindName(String name) {
    return name.length() <= MAX_KIND_LENGTH && KIND.matcher(name).matches();
  }

  /**
   * The first part of the data root {@code root} that looks like a variable a shell, Java or
   * Windows would expand ({@code $HOME}, {@code ${user.home}}, {@code %APPDATA%}, {@code ~user}),
   * or null if there is none: the runtime expands only a leading {@code ~/}, and takes the rest as
   * written.
   */
  public static @Nullable String variableIn(String root) {
    Matcher matcher = VARIABLE.matcher(root);
    return matcher.find() ? matcher.group() : null;
  }

  /** Whether {@code name} is a portable environment variable name. */
  public static boolean isEnvironmentVariable(String name) {
    return ENV.matcher(name).matches();
  }
}
