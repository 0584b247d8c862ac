package dev.burrow.spi;

import dev.burrow.InvalidIdException;
import dev.burrow.internal.Printable;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The rules for names that become a single directory or file name: instance IDs and subdirectory
 * names. They keep a name inside its parent directory on every platform, so they are checked before
 * any file is touched.
 *
 * <p>A valid name has 1 to {@value #MAX_LENGTH} characters from {@code A-Z a-z 0-9 . _ -}, does not
 * start with {@code .} or {@code -}, does not end with {@code .}, and is not a reserved device name
 * ({@code CON}, {@code PRN}, {@code AUX}, {@code NUL}, {@code COM0-9}, {@code LPT0-9}, {@code
 * CONIN$}, {@code CONOUT$}), with or without an extension, in any case.
 */
public final class PathSegments {

  /** The longest name accepted. Long enough for a UUID with a prefix, short for any file system. */
  public static final int MAX_LENGTH = 128;

  private static final Set<String> RESERVED_DEVICE_NAMES =
      Set.of("CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", "CLOCK$");

  private PathSegments() {}

  /**
   * Checks {@code name} against the rules.
   *
   * @return the name itself, for chaining
   * @throws InvalidIdException naming the rule that was broken
   */
  public static String check(String name) {
    return check(name, "instance id");
  }

  /**
   * Checks {@code name}, which is a {@code what} (such as {@code "shared lock name"}), against the
   * rules.
   *
   * @return the name itself, for chaining
   * @throws InvalidIdException saying what the name is for and naming the rule that was broken
   */
  public static String check(String name, String what) {
    String broken = brokenRule(name);
    if (broken != null) {
      throw new InvalidIdException(what, printable(name), broken);
    }
    return name;
  }

  /** Whether {@code name} passes every rule. */
  public static boolean isValid(String name) {
    return brokenRule(name) == null;
  }

  /** The rule {@code name} breaks, in words, or null if it passes all of them. */
  public static @Nullable String brokenRule(String name) {
    if (name.isEmpty()) {
      return "must not be empty";
    }
    if (name.length() > MAX_LENGTH) {
      return "must be at most " + MAX_LENGTH + " characters, is " + name.length();
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isAllowed(c)) {
        return "character "
            + describe(c)
            + " at index "
            + i
            + " is not allowed (only A-Z a-z 0-9 . _ -)";
      }
    }
    if (name.charAt(0) == '.') {
      return "must not start with '.' (hidden names, '.' and '..' are reserved)";
    }
    if (name.charAt(0) == '-') {
      return "must not start with '-' (it reads as an option to command-line tools)";
    }
    if (name.charAt(name.length() - 1) == '.') {
      return "must not end with '.' (Windows drops it)";
    }
    if (isReservedDeviceName(name)) {
      return "is a reserved device name on Windows";
    }
    return null;
  }

  private static boolean isAllowed(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '.'
        || c == '_'
        || c == '-';
  }

  private static boolean isReservedDeviceName(String name) {
    int dot = name.indexOf('.');
    String stem = (dot < 0 ? name : name.substring(0, dot)).toUpperCase(Locale.ROOT);
    if (RESERVED_DEVICE_NAMES.contains(stem)) {
      return true;
    }
    return stem.length() == 4
        && (stem.startsWith("COM") || stem.startsWith("LPT"))
        && Character.isDigit(stem.charAt(3));
  }

  /** The character for a message: quoted only if it is printable ASCII, never raw otherwise. */
  private static String describe(char c) {
    if (c < 0x20 || c == 0x7f || Character.isISOControl(c)) {
      return String.format(Locale.ROOT, "U+%04X (control)", (int) c);
    }
    if (c > 0x7f) {
      return String.format(Locale.ROOT, "U+%04X", (int) c);
    }
    return "'" + c + "'" + String.format(Locale.ROOT, " (U+%04X)", (int) c);
  }

  /**
   * {@code name} made safe to quote in a message or log line: control characters, non-ASCII
   * characters, quotes and backslashes escaped as {@code \\uXXXX}, and the length capped.
   */
  public static String printable(String name) {
    return Printable.of(name);
  }
}
