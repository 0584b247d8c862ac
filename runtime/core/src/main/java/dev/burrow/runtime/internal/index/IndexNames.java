package dev.burrow.runtime.internal.index;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * File names for index keys and field names: any string, a lone surrogate, NUL, a slash or a
 * thousand characters included, becomes one safe, portable name, and distinct strings become
 * distinct names.
 *
 * <p>A name is {@code =} followed by the text with {@code a-z}, {@code 0-9} and {@code -} kept, an
 * upper-case ASCII letter written as {@code .} and its lower-case form, and every other UTF-16 unit
 * as {@code _} and four lower-case hex digits: {@code RUNNING} is {@code =.r.u.n.n.i.n.g}, {@code
 * a/b} is {@code =a_002fb}. Only lower-case ASCII, digits and {@code -._=#~} appear, so names are
 * the same on case-insensitive and normalizing file systems, never {@code .} or {@code ..}, never a
 * reserved device name and never end with a dot. A text whose name would be longer than {@value
 * #MAX_NAME} characters is named {@code #}, the first part of that form, {@code ~} and the SHA-256
 * of the text's UTF-16 units in hex: at most 126 characters, and two texts share a name only if
 * SHA-256 collides (which would cost a verified read, never a wrong result).
 */
public final class IndexNames {
  /** The name of the value directory of instances whose value is null. */
  public static final String NULL = ".null";

  /** The longest readable name; longer ones are hashed. */
  static final int MAX_NAME = 120;

  private static final int HASHED_PREFIX = 60;
  private static final HexFormat HEX = HexFormat.of();
  private static final int SHA256_HEX_DIGITS = 64;

  private IndexNames() {}

  /** The name of the value directory of {@code key}, {@link #NULL} for null. */
  public static String ofKey(@Nullable String key) {
    return key == null ? NULL : of(key);
  }

  /** The name of {@code text}. */
  public static String of(String text) {
    StringBuilder name = new StringBuilder("=");
    for (int i = 0; i < text.length(); i++) {
      appendEscaped(name, text.charAt(i));
      if (name.length() > MAX_NAME) {
        return hashed(text);
      }
    }
    return name.toString();
  }

  /**
   * Whether {@code name} is one that {@link #ofKey} gives: {@link #NULL}, the name of some text
   * exactly as {@link #of} writes it, or a hashed name of its form ({@code #}, escaped text, {@code
   * ~}, 64 lower-case hex digits). The names of markers ({@code .ready2…}, {@code .unmaintained})
   * and of shards are none.
   */
  static boolean isName(String name) {
    if (name.equals(NULL)) {
      return true;
    }
    if (name.startsWith("#")) {
      int tilde = name.indexOf('~');
      return tilde > 0
          && name.length() - tilde - 1 == SHA256_HEX_DIGITS
          && isEscaped(name.substring(1, tilde))
          && name.substring(tilde + 1).chars().allMatch(IndexNames::isLowerHexDigit);
    }
    try {
      String text = textOf(name);
      return text != null && of(text).equals(name);
    } catch (IllegalArgumentException e) {
      return false; // an escape of no four hex digits
    }
  }

  /** Whether {@code part} holds only what {@link #appendEscaped} writes. */
  private static boolean isEscaped(String part) {
    return part.chars().allMatch(c -> isKept(c) || c == '.' || c == '_');
  }

  /** Whether {@link #appendEscaped} writes {@code c} as it is. */
  private static boolean isKept(int c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  }

  private static boolean isLowerHexDigit(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }

  /**
   * The text a name made by {@link #of} stands for, or null if the name was hashed or is not of
   * that form: for messages.
   */
  static @Nullable String textOf(String name) {
    if (!name.startsWith("=")) {
      return null;
    }
    StringBuilder text = new StringBuilder();
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '.' && i + 1 < name.length()) {
        text.append(Character.toUpperCase(name.charAt(++i)));
      } else if (c == '_' && i + 4 < name.length()) {
        text.append((char) HexFormat.fromHexDigits(name, i + 1, i + 5));
        i += 4;
      } else {
        text.append(c);
      }
    }
    return text.toString();
  }

  /** The text a name made by {@link #of} stands for, or the name itself if it was hashed. */
  static String describe(String name) {
    String text = textOf(name);
    return text == null ? name : text;
  }

  private static String hashed(String text) {
    StringBuilder name = new StringBuilder("#");
    StringBuilder unit = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      unit.setLength(0);
      appendEscaped(unit, text.charAt(i));
      if (name.length() + unit.length() > HASHED_PREFIX + 1) {
        break;
      }
      name.append(unit);
    }
    return name.append('~').append(sha256(text)).toString();
  }

  private static void appendEscaped(StringBuilder out, char c) {
    if (isKept(c)) {
      out.append(c);
    } else if (c >= 'A' && c <= 'Z') {
      out.append('.').append((char) (c - 'A' + 'a'));
    } else {
      out.append('_').append(HEX.toHexDigits(c));
    }
  }

  private static String sha256(String text) {
    ByteBuffer units = ByteBuffer.allocate(text.length() * 2);
    for (int i = 0; i < text.length(); i++) {
      units.putChar(text.charAt(i));
    }
    try {
      return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(units.array()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
