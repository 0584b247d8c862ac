package dev.burrow;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The value a fresh instance gets for this component, and the value used when a document written
 * before the component existed is read. The literal is parsed at compile time; a literal that does
 * not parse into the component's type is a compile error.
 *
 * <p>Accepted literals: {@code String} as is; enum constant names; {@code boolean} as {@code true}
 * or {@code false}; {@code char} as one character; {@code byte}, {@code short}, {@code int}, {@code
 * long}, their boxes and {@code BigInteger} as the ASCII digits {@code 0} to {@code 9} with an
 * optional sign, which is not Java syntax: leading zeros are ignored ({@code "010"} is ten, not
 * octal eight), and there is no {@code 0x}, no {@code _}, no {@code L} and no other script's
 * digits; {@code float}, {@code double} and their boxes as {@link Double#parseDouble(String)} reads
 * them ({@code "1.5"}, {@code "1e3"}, {@code "0x1p3"}, {@code "NaN"}, {@code "-Infinity"}), one too
 * large or too small for its type refused; {@code BigDecimal} as {@code new BigDecimal(String)}
 * reads it, in ASCII digits only; {@code Duration} in ISO-8601 ({@code "PT30S"}); {@code Instant},
 * {@code LocalDate}, {@code LocalDateTime}, {@code LocalTime} and {@code OffsetDateTime} in
 * ISO-8601 ({@code "2024-01-01T00:00:00Z"}, {@code "2024-01-01"}); {@code UUID} as 8-4-4-4-12 ASCII
 * hexadecimal digits ({@code "123e4567-e89b-12d3-a456-426614174000"}, either case); {@code URI};
 * {@code Path}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({
  ElementType.RECORD_COMPONENT,
  ElementType.FIELD,
  ElementType.PARAMETER,
  ElementType.METHOD
})
public @interface Default {
  /** The literal, parsed into the component's type. */
  String value();
}
