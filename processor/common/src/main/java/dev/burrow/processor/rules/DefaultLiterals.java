package dev.burrow.processor.rules;

import dev.burrow.processor.model.ScalarType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks a {@code @Default} literal at compile time with the JDK method the generated code calls,
 * and puts it in the canonical form the model keeps. Plain Java, for any front end.
 */
public final class DefaultLiterals {
  private static final Pattern INFINITY = Pattern.compile("[+-]?Infinity");

  /** A whole number as {@code Default} states it: digits 0 to 9 only, with an optional sign. */
  private static final Pattern WHOLE = Pattern.compile("[+-]?[0-9]+");

  /**
   * A decimal number as {@code Default} states it: {@code new BigDecimal}'s form in ASCII digits.
   */
  private static final Pattern DECIMAL =
      Pattern.compile("[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)?");

  /** A UUID as {@code Default} states it: 8-4-4-4-12 hexadecimal digits in ASCII. */
  private static final Pattern UUID_FORM =
      Pattern.compile(
          "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

  /** A literal of zero: no digit but 0, in decimal or hexadecimal, with any exponent. */
  private static final Pattern ZERO =
      Pattern.compile("[+-]?(0[xX])?[0.]*([eEpP][+-]?[0-9]+)?[fFdD]?");

  private DefaultLiterals() {}

  /**
   * The canonical form of {@code text} as a {@code type}: the value as Java prints it (so {@code
   * "007"} becomes {@code 7}, never an octal literal); strings, characters, booleans and paths as
   * written.
   *
   * @throws IllegalArgumentException if {@code text} is not a value of {@code type}
   */
  public static String canonical(ScalarType type, String text) {
    return switch (type) {
      case STRING -> text;
      case BOOLEAN -> checked(text, text.equals("true") || text.equals("false"));
      case BYTE -> Byte.toString(Byte.parseByte(whole(text)));
      case SHORT -> Short.toString(Short.parseShort(whole(text)));
      case INT -> Integer.toString(Integer.parseInt(whole(text)));
      case LONG -> Long.toString(Long.parseLong(whole(text)));
      case FLOAT -> inRange(text, Float.parseFloat(text), Float.toString(Float.parseFloat(text)));
      case DOUBLE ->
          inRange(text, Double.parseDouble(text), Double.toString(Double.parseDouble(text)));
      case CHAR -> checked(text, text.length() == 1);
      case BIG_INTEGER -> printed(whole(text), BigInteger::new);
      case BIG_DECIMAL -> printed(checked(text, DECIMAL.matcher(text).matches()), BigDecimal::new);
      case INSTANT -> printed(text, Instant::parse);
      case DURATION -> printed(text, Duration::parse);
      case LOCAL_DATE -> printed(text, LocalDate::parse);
      case LOCAL_DATE_TIME -> printed(text, LocalDateTime::parse);
      case LOCAL_TIME -> printed(text, LocalTime::parse);
      case OFFSET_DATE_TIME -> printed(text, OffsetDateTime::parse);
      case UUID -> printed(checked(text, UUID_FORM.matcher(text).matches()), UUID::fromString);
      case URI -> printed(text, URI::create);
      case PATH -> checked(text, !text.isEmpty() && text.indexOf('\0') < 0);
    };
  }

  /**
   * {@code printed}, the value of the floating-point literal {@code text}, unless the literal names
   * a number too large or too small for its type, which would turn into an infinity or zero (javac
   * refuses such a literal too).
   */
  private static String inRange(String text, double value, String printed) {
    String literal = text.strip();
    boolean overflow = Double.isInfinite(value) && !INFINITY.matcher(literal).matches();
    boolean underflow = value == 0 && !ZERO.matcher(literal).matches();
    return checked(printed, !overflow && !underflow);
  }

  /**
   * {@code text}, if it is a whole number in ASCII digits: the JDK's parsers also take other
   * scripts' digits (Arabic-Indic digits, for one), which {@code Default} does not.
   */
  private static String whole(String text) {
    return checked(text, WHOLE.matcher(text).matches());
  }

  private static <V> String printed(String text, Function<String, V> parse) {
    return parse.apply(text).toString();
  }

  private static String checked(String text, boolean valid) {
    if (!valid) {
      throw new IllegalArgumentException(text);
    }
    return text;
  }
}
