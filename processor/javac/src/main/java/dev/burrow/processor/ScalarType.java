package dev.burrow.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import javax.lang.model.type.TypeKind;
import org.jspecify.annotations.Nullable;

/**
 * The types written directly with Jackson's streaming API by a {@code ValueCodecs} constant,
 * with their natural default and how a {@code @Default} literal is parsed (at compile time,
 * with the same JDK method the generated code calls) and emitted.
 */
enum ScalarType {
  STRING(String.class, null, "any text", CodeBlock.of("$S", "")) {
    @Override
    CodeBlock literal(String text) {
      return CodeBlock.of("$S", text);
    }
  },
  BOOLEAN(Boolean.class, TypeKind.BOOLEAN, "true or false", CodeBlock.of("false")) {
    @Override
    CodeBlock literal(String text) {
      if (!text.equals("true") && !text.equals("false")) {
        throw new IllegalArgumentException(text);
      }
      return CodeBlock.of("$L", text);
    }
  },
  BYTE(Byte.class, TypeKind.BYTE, "a number from -128 to 127", CodeBlock.of("(byte) 0")) {
    @Override
    CodeBlock literal(String text) {
      return CodeBlock.of("(byte) $L", Byte.parseByte(text));
    }
  },
  SHORT(Short.class, TypeKind.SHORT, "a number from -32768 to 32767", CodeBlock.of("(short) 0")) {
    @Override
    CodeBlock literal(String text) {
      return CodeBlock.of("(short) $L", Short.parseShort(text));
    }
  },
  INT(Integer.class, TypeKind.INT, "a whole number such as 42", CodeBlock.of("0")) {
    @Override
    CodeBlock literal(String text) {
      return CodeBlock.of("$L", Integer.parseInt(text));
    }
  },
  LONG(Long.class, TypeKind.LONG, "a whole number such as 42", CodeBlock.of("0L")) {
    @Override
    CodeBlock literal(String text) {
      return CodeBlock.of("$LL", Long.parseLong(text));
    }
  },
  FLOAT(Float.class, TypeKind.FLOAT, "a number such as 1.5", CodeBlock.of("0.0f")) {
    @Override
    CodeBlock literal(String text) {
      float value = Float.parseFloat(text);
      return Float.isFinite(value) ? CodeBlock.of("$Lf", value) : nonFinite(Float.class, value);
    }
  },
  DOUBLE(Double.class, TypeKind.DOUBLE, "a number such as 1.5", CodeBlock.of("0.0d")) {
    @Override
    CodeBlock literal(String text) {
      double value = Double.parseDouble(text);
      return Double.isFinite(value) ? CodeBlock.of("$Ld", value) : nonFinite(Double.class, value);
    }
  },
  CHAR(Character.class, TypeKind.CHAR, "exactly one character", CodeBlock.of("(char) 0")) {
    @Override
    CodeBlock literal(String text) {
      if (text.length() != 1) {
        throw new IllegalArgumentException(text);
      }
      return CodeBlock.of("(char) $L", (int) text.charAt(0));
    }
  },
  BIG_INTEGER(BigInteger.class, null, "a whole number such as 42", CodeBlock.of("$T.ZERO", BigInteger.class)) {
    @Override
    CodeBlock literal(String text) {
      return parsed(text, BigInteger::new, CodeBlock.of("new $T($S)", BigInteger.class, text));
    }
  },
  BIG_DECIMAL(BigDecimal.class, null, "a decimal number such as 1.50", CodeBlock.of("$T.ZERO", BigDecimal.class)) {
    @Override
    CodeBlock literal(String text) {
      return parsed(text, BigDecimal::new, CodeBlock.of("new $T($S)", BigDecimal.class, text));
    }
  },
  INSTANT(Instant.class, null, "an ISO-8601 instant such as 2024-01-01T00:00:00Z", null) {
    @Override
    CodeBlock literal(String text) {
      return parsed(text, Instant::parse, CodeBlock.of("$T.parse($S)", Instant.class, text));
    }
  },
  DURATION(Duration.class, null, "an ISO-8601 duration such as PT30S", CodeBlock.of("$T.ZERO", Duration.class)) {
    @Override
    CodeBlock literal(String text) {
      return parsed(text, Duration::parse, CodeBlock.of("$T.parse($S)", Duration.class, text));
    }
  },
  LOCAL_DATE(LocalDate.class, null, "an ISO-8601 date such as 2024-01-31", null) {
    @Override
    CodeBlock literal(String text) {
      return parsed(text, LocalDate::parse, CodeBlock.of("$T.parse($S)", LocalDate.class, text));
    }
  },
  LOCAL_DATE_TIME(LocalDateTime.class, null, "an ISO-8601 date-time such as 2024-01-31T10:15:30", null) {
    @Override
    CodeBlock literal(String text) {
      return parsed(text, LocalDateTime::parse, CodeBlock.of("$T.parse($S)", LocalDateTime.class, text));
    }
  },
  LOCAL_TIME(LocalTime.class, null, "an ISO-8601 time such as 10:15:30", null) {
    @Override
    CodeBlock literal(String text) {
      return parsed(text, LocalTime::parse, CodeBlock.of("$T.parse($S)", LocalTime.class, text));
    }
  },
  OFFSET_DATE_TIME(OffsetDateTime.class, null, "an ISO-8601 date-time with offset such as 2024-01-31T10:15:30+01:00", null) {
    @Override
    CodeBlock literal(String text) {
      return parsed(text, OffsetDateTime::parse, CodeBlock.of("$T.parse($S)", OffsetDateTime.class, text));
    }
  },
  UUID_TYPE(UUID.class, null, "a UUID such as 123e4567-e89b-12d3-a456-426614174000", null) {
    @Override
    CodeBlock literal(String text) {
      return parsed(text, UUID::fromString, CodeBlock.of("$T.fromString($S)", UUID.class, text));
    }
  },
  URI_TYPE(URI.class, null, "a URI such as https://example.com/", null) {
    @Override
    CodeBlock literal(String text) {
      return parsed(text, URI::create, CodeBlock.of("$T.create($S)", URI.class, text));
    }
  },
  PATH(Path.class, null, "a non-empty path", null) {
    @Override
    CodeBlock literal(String text) {
      if (text.isEmpty() || text.indexOf('\0') >= 0) {
        throw new IllegalArgumentException(text);
      }
      return CodeBlock.of("$T.of($S)", Path.class, text);
    }
  };

  private final Class<?> type;
  private final @Nullable TypeKind primitive;
  private final String literalForm;
  private final @Nullable CodeBlock naturalDefault;

  ScalarType(Class<?> type, @Nullable TypeKind primitive, String literalForm, @Nullable CodeBlock naturalDefault) {
    this.type = type;
    this.primitive = primitive;
    this.literalForm = literalForm;
    this.naturalDefault = naturalDefault;
  }

  static Optional<ScalarType> ofPrimitive(TypeKind kind) {
    return Arrays.stream(values()).filter(s -> s.primitive == kind).findFirst();
  }

  static Optional<ScalarType> ofClass(String qualifiedName) {
    return Arrays.stream(values()).filter(s -> s.type.getName().equals(qualifiedName)).findFirst();
  }

  /**
   * The Java expression for a {@code @Default} literal.
   *
   * @throws IllegalArgumentException if {@code text} is not a value of this type
   */
  abstract CodeBlock literal(String text);

  /** What a literal of this type looks like, for messages. */
  String literalForm() {
    return literalForm;
  }

  /** The default of a non-null component without {@code @Default}, or null if there is none. */
  @Nullable CodeBlock naturalDefault() {
    return naturalDefault;
  }

  /** The {@code ValueCodecs} constant for this type. */
  CodeBlock codec() {
    String constant = name().endsWith("_TYPE") ? name().substring(0, name().length() - 5) : name();
    return CodeBlock.of("$T.$L", GeneratedTypes.VALUE_CODECS, constant);
  }

  /** Whether a literal expression should be computed once into a constant. */
  boolean hoisted() {
    return primitive == null && this != STRING;
  }

  ClassName className() {
    return ClassName.get(type);
  }

  private static <V> CodeBlock parsed(String text, Function<String, V> parse, CodeBlock code) {
    parse.apply(text);
    return code;
  }

  private static CodeBlock nonFinite(Class<?> box, double value) {
    String constant =
        Double.isNaN(value) ? "NaN" : value > 0 ? "POSITIVE_INFINITY" : "NEGATIVE_INFINITY";
    return CodeBlock.of("$T.$L", box, constant);
  }
}
