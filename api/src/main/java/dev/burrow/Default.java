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
 * <p>Accepted literals: {@code String} as is; enum constant names; {@code boolean}, numbers and
 * their boxes in Java syntax; {@code Duration} in ISO-8601 ({@code "PT30S"}); {@code Instant} in
 * ISO-8601 ({@code "2024-01-01T00:00:00Z"}); {@code LocalDate}; {@code UUID}; {@code Path}.
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
