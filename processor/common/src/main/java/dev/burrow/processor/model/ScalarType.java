package dev.burrow.processor.model;

import java.util.Arrays;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The types a document stores as one JSON scalar, each through a {@code ValueCodecs} constant of
 * the same name: what a {@code @Default} literal of the type looks like, and whether a non-null
 * component of the type has a default without one.
 */
public enum ScalarType {
  STRING("java.lang.String", null, "any text", true),
  BOOLEAN("java.lang.Boolean", PrimitiveKind.BOOLEAN, "true or false", true),
  BYTE("java.lang.Byte", PrimitiveKind.BYTE, "a number from -128 to 127", true),
  SHORT("java.lang.Short", PrimitiveKind.SHORT, "a number from -32768 to 32767", true),
  INT("java.lang.Integer", PrimitiveKind.INT, "a whole number such as 42", true),
  LONG("java.lang.Long", PrimitiveKind.LONG, "a whole number such as 42", true),
  FLOAT(
      "java.lang.Float",
      PrimitiveKind.FLOAT,
      "a number such as 1.5, neither too large nor too small for a float",
      true),
  DOUBLE(
      "java.lang.Double",
      PrimitiveKind.DOUBLE,
      "a number such as 1.5, neither too large nor too small for a double",
      true),
  CHAR("java.lang.Character", PrimitiveKind.CHAR, "exactly one character", true),
  BIG_INTEGER("java.math.BigInteger", null, "a whole number such as 42", true),
  BIG_DECIMAL("java.math.BigDecimal", null, "a decimal number such as 1.50", true),
  INSTANT("java.time.Instant", null, "an ISO-8601 instant such as 2024-01-01T00:00:00Z", false),
  DURATION("java.time.Duration", null, "an ISO-8601 duration such as PT30S", true),
  LOCAL_DATE("java.time.LocalDate", null, "an ISO-8601 date such as 2024-01-31", false),
  LOCAL_DATE_TIME(
      "java.time.LocalDateTime", null, "an ISO-8601 date-time such as 2024-01-31T10:15:30", false),
  LOCAL_TIME("java.time.LocalTime", null, "an ISO-8601 time such as 10:15:30", false),
  OFFSET_DATE_TIME(
      "java.time.OffsetDateTime",
      null,
      "an ISO-8601 date-time with offset such as 2024-01-31T10:15:30+01:00",
      false),
  UUID("java.util.UUID", null, "a UUID such as 123e4567-e89b-12d3-a456-426614174000", false),
  URI("java.net.URI", null, "a URI such as https://example.com/", false),
  PATH("java.nio.file.Path", null, "a non-empty path", false);

  /** A top-level JDK class: the package is everything before the last dot. */
  private final String qualifiedName;

  private final @Nullable PrimitiveKind primitive;
  private final String literalForm;
  private final boolean naturalDefault;

  ScalarType(
      String qualifiedName,
      @Nullable PrimitiveKind primitive,
      String literalForm,
      boolean naturalDefault) {
    this.qualifiedName = qualifiedName;
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
    return Arrays.stream(values()).filter(s -> s.qualifiedName.equals(qualifiedName)).findFirst();
  }

  /** The class, or the box of the primitive. */
  public ClassRef type() {
    int dot = qualifiedName.lastIndexOf('.');
    return ClassRef.of(qualifiedName.substring(0, dot), qualifiedName.substring(dot + 1));
  }

  /** What a literal of this type looks like, for messages. */
  public String literalForm() {
    return literalForm;
  }

  /**
   * Whether a non-null component of this type has a default without {@code @Default}: zero, false,
   * the empty string or the zero duration.
   */
  public boolean hasNaturalDefault() {
    return naturalDefault;
  }

  /**
   * Whether values of this type have one text form that is the same on every backend and equal
   * exactly when the values are {@code equals}, as {@code @Indexed} needs: not binary fractions
   * (their JSON numbers are not compared as text everywhere), URIs (whose {@code equals} ignores
   * case where their text does not) or paths (whose text depends on the platform).
   */
  public boolean stableText() {
    return this != FLOAT && this != DOUBLE && this != URI && this != PATH;
  }

  /** Whether a default of this type is an object worth computing once into a constant. */
  public boolean hoisted() {
    return primitive == null && this != STRING;
  }
}
