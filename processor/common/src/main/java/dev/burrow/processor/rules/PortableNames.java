package dev.burrow.processor.rules;

import java.util.regex.Pattern;

/** Compile-time checks of the {@code @Instance} names that end up on disk or in the environment. */
public final class PortableNames {
  private static final Pattern KIND = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern ENV = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final int MAX_KIND_LENGTH = 64;

  private PortableNames() {}

  /** Whether {@code name} is a valid {@code @Instance} name. */
  public static boolean isKindName(String name) {
    return name.length() <= MAX_KIND_LENGTH && KIND.matcher(name).matches();
  }

  /** Whether {@code name} is a portable environment variable name. */
  public static boolean isEnvironmentVariable(String name) {
    return ENV.matcher(name).matches();
  }
}
