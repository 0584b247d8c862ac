package dev.burrow.processor.model;

import java.util.Locale;

/** The Java primitive types (Kotlin's non-null {@code Int}, {@code Long}, ... on the JVM). */
public enum PrimitiveKind {
  BOOLEAN,
  BYTE,
  SHORT,
  CHAR,
  INT,
  LONG,
  FLOAT,
  DOUBLE;

  /** The Java keyword, such as {@code int}. */
  public String keyword() {
    return name().toLowerCase(Locale.ROOT);
  }
}
