package dev.burrow.processor.model;

import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The types a document stores as one JSON scalar, each through a {@code ValueCodecs}
 * constant of the same name: what a {@code @Default} literal of the type looks like, and
 * whether a non-null component of the type has a default without one.
 */
public enum ScalarType {
  STRING(ClassRef.of("java.lang", "String"), null, "any text", true),
  BOOLEAN(ClassRef.of("java.lang", "Boolean"), PrimitiveKind.BOOLEAN, "true or false", true),
  BYTE(ClassRef.of("java.lang", "Byte"), PrimitiveKind.BYTE, "a number from -128 to 127", true),
  SHORT(ClassRef.of("java.lang", "Short"), PrimitiveKind.SHORT,
      "a number from -32768 to 32767", true),
  INT(ClassRef.of("java.lang", "Integer"), PrimitiveKind.INT, "a whole number such as 42", true),
  LONG(ClassRef.of("java.lang", "Long"), PrimitiveKind.LONG, "a whole number such as 42", true),
  FLOAT(ClassRef.of("java.lang", "Float"), PrimitiveKind.FLOAT, "a number such as 1.5", true),
  DOUBLE(ClassRef.of("java.lang", "Double"), PrimitiveKind.DOUBLE, "a number such as 1.5", true),
  CHAR(ClassRef.of("java.lang", "Character"), PrimitiveKind.CHAR, "exactly one character", true),
  BIG_INTEGER(ClassRef.of("java.math", "BigInteger"), null, "a whole number such as 42", true),
  BIG_DECIMAL(ClassRef.of("java.math", "BigDecimal"), null, "a decimal number such as 1.50",
      true),
  INSTANT(ClassRef.of("java.time", "Instant"), null,
      "an ISO-8601 instant such as 2024-01-01T00:00:00Z", false),
  DURATION(ClassRef.of("java.time", "Duration"), null, "an ISO-8601 duration such as PT30S",
      true),
  LOCAL_DATE(ClassRef.of("java.time", "LocalDate"), null, "an ISO-8601 date such as 2024-01-31",
      false),
  LOCAL_DATE_TIME(ClassRef.of("java.time", "LocalDateTime"), null,
      "an ISO-8601 date-time such as 2024-01-31T10:15:30", false),
  LOCAL_TIME(ClassRef.of("java.time", "LocalTime"), null, "an ISO-8601 time such as 10:15:30",
      false),
  OFFSET_DATE_TIME(ClassRef.of("java.time", "OffsetDateTime"), null,
      "an ISO-8601 date-time with offset such as 2024-01-31T10:15:30+01:00", false),
  UUID(ClassRef.of("java.util", "UUID"), null,
      "a UUID such as 123e4567-e89b-12d3-a456-426614174000", false),
  URI(ClassRef.of("java.net", "URI"), null, "a URI such as https://example.com/", false),
  PATH(ClassRef.of("java.nio.file", "Path"), null, "a non-empty path", false);

  private final ClassRef type;
  private final @Nullable PrimitiveKind primitive;
  private final String literalForm;
  private final boolean naturalDefault;

  ScalarType(ClassRef type, @Nullable PrimitiveKind primitive, String literalForm,
      boolean naturalDefault) {
    this.type = type;
    this.primitive = primitive;
    this.literalForm = literalForm;
    this.naturalDefault = naturalDefault;
  }

  /** The scalar type of a primitive. */
  public static ScalarType of(PrimitiveKind kind) {
    return Arrays.stream(values()).filter(s -> s.primitive == kind).findFirst().orElseThrow();
  }

  /** The scalar type of the class {@code qualifiedName} (boxes included), if it is one. */
  public static Optional<ScalarType> ofClass(String qualifiedName) {
    return Arrays.stream(values())
        .filter(s -> s.type.qualifiedName().equals(qualifiedName))
        .findFirst();
  }

  /** The class, or the box of the primitive. */
  public ClassRef type() {
    return type;
  }

  /** What a literal of this type looks like, for messages. */
  public String literalForm() {
    return literalForm;
  }

  /**
   * Whether a non-null component of this type has a default without {@code @Default}: zero,
   * false, the empty string or the zero duration.
   */
  public boolean hasNaturalDefault() {
    return naturalDefault;
  }

  /** Whether a default of this type is an object worth computing once into a constant. */
  public boolean hoisted() {
    return primitive == null && this != STRING;
  }
}
