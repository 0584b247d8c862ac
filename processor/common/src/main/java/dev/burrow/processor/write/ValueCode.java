package dev.burrow.processor.write;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import dev.burrow.UnknownFields;
import dev.burrow.processor.model.ConstructorNames;
import dev.burrow.processor.model.Names;
import dev.burrow.processor.model.ScalarType;
import dev.burrow.processor.model.TypeRef;
import dev.burrow.processor.model.ValueType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** The Java expressions of a value type: its codec, its natural default, a default literal. */
final class ValueCode {
  private ValueCode() {}

  /** A {@code ValueCodec} for {@code value}, reading nested objects under {@code policy}. */
  static CodeBlock codec(ValueType value, UnknownFields policy) {
    if (value instanceof ValueType.Scalar scalar) {
      return CodeBlock.of("$T.$L", GeneratedTypes.VALUE_CODECS, scalar.type().name());
    }
    if (value instanceof ValueType.EnumValue enumValue) {
      return CodeBlock.of(
          "$T.enumOf($T.class)", GeneratedTypes.VALUE_CODECS, TypeNames.of(enumValue.type()));
    }
    if (value instanceof ValueType.ListValue list) {
      return elementsCodec("listOf", list.elementType(), list.element(), policy);
    }
    if (value instanceof ValueType.SetValue set) {
      return elementsCodec("setOf", set.elementType(), set.element(), policy);
    }
    if (value instanceof ValueType.MapValue map) {
      return CodeBlock.of(
          "$T.$L($L, $L)",
          GeneratedTypes.VALUE_CODECS,
          orNullable("mapOf", map.valueType()),
          codec(map.key(), policy),
          codec(map.value(), policy));
    }
    ValueType.Nested nested = (ValueType.Nested) value;
    // A nullable element's type carries @Nullable, which no class literal or supertype may have.
    TypeName type = TypeNames.of(nested.type().withNullable(false));
    CodeBlock target =
        nested.type().arguments().isEmpty()
            ? CodeBlock.of("$T.class", type)
            : CodeBlock.of("new $T<$T>() {}", GeneratedTypes.TYPE_REFERENCE, type);
    CodeBlock.Builder names = CodeBlock.builder();
    for (ConstructorNames constructor : nested.constructorNames()) {
      String creator = constructor.creator();
      if (creator == null) {
        names.add(
            ", $T.of($T.class", GeneratedTypes.PARAMETER_NAMES, TypeNames.of(constructor.type()));
      } else if (creator.equals(ConstructorNames.CONSTRUCTOR)) {
        names.add(
            ", $T.ofCreator($T.class",
            GeneratedTypes.PARAMETER_NAMES,
            TypeNames.of(constructor.type()));
      } else {
        names.add(
            ", $T.ofFactory($T.class, $S",
            GeneratedTypes.PARAMETER_NAMES,
            TypeNames.of(constructor.type()),
            creator);
      }
      for (String name : constructor.names()) {
        names.add(", $S", name);
      }
      names.add(")");
    }
    return CodeBlock.of(
        "$T.databind($L, $T.$L$L)",
        GeneratedTypes.VALUE_CODECS,
        target,
        GeneratedTypes.UNKNOWN_FIELDS,
        policy.name(),
        names.build());
  }

  /** The codec {@code factory} (or its nullable twin) makes of the codec of {@code element}. */
  private static CodeBlock elementsCodec(
      String factory, TypeRef elementType, ValueType element, UnknownFields policy) {
    return CodeBlock.of(
        "$T.$L($L)",
        GeneratedTypes.VALUE_CODECS,
        orNullable(factory, elementType),
        codec(element, policy));
  }

  /**
   * The codec factory for elements of {@code element}'s type: the one that refuses null, or its
   * {@code ...Nullable} twin where the type admits null (Kotlin's {@code List<String?>}).
   */
  private static String orNullable(String factory, TypeRef element) {
    return element.nullable() ? factory + "Nullable" : factory;
  }

  /** Whether {@link #codec} is a shared constant, which needs no field of its own. */
  static boolean constantCodec(ValueType value) {
    return value instanceof ValueType.Scalar;
  }

  /**
   * The default of a non-null component of this type without {@code @Default}, or null if there is
   * none ({@link ValueType#hasNaturalDefault()} says which).
   */
  static @Nullable CodeBlock naturalDefault(ValueType value) {
    if (value instanceof ValueType.ListValue) {
      return CodeBlock.of("new $T<>()", ArrayList.class);
    }
    if (value instanceof ValueType.SetValue) {
      return CodeBlock.of("new $T<>()", LinkedHashSet.class);
    }
    if (value instanceof ValueType.MapValue) {
      return CodeBlock.of("new $T<>()", LinkedHashMap.class);
    }
    if (!(value instanceof ValueType.Scalar scalar)) {
      return null;
    }
    return switch (scalar.type()) {
      case STRING -> CodeBlock.of("$S", "");
      case BOOLEAN -> CodeBlock.of("false");
      case BYTE -> CodeBlock.of("(byte) 0");
      case SHORT -> CodeBlock.of("(short) 0");
      case INT -> CodeBlock.of("0");
      case LONG -> CodeBlock.of("0L");
      case FLOAT -> CodeBlock.of("0.0f");
      case DOUBLE -> CodeBlock.of("0.0d");
      case CHAR -> CodeBlock.of("(char) 0");
      case BIG_INTEGER -> CodeBlock.of("$T.ZERO", BigInteger.class);
      case BIG_DECIMAL -> CodeBlock.of("$T.ZERO", BigDecimal.class);
      case DURATION -> CodeBlock.of("$T.ZERO", Duration.class);
      default -> null;
    };
  }

  /** The expression of a {@code @Default} literal of {@code value}, in its canonical form. */
  static CodeBlock literal(ValueType value, String canonical) {
    return literal(value, canonical, Set.of());
  }

  /**
   * The expression of a {@code @Default} literal of {@code value}, in its canonical form, in code
   * where fields or variables named {@code names} are in scope: an enum constant whose type's
   * simple name is one of them ({@code OS.LINUX} beside a constant {@code OS}, {@code status.OPEN}
   * beside a local {@code status}) is looked up through the class literal, which a variable cannot
   * obscure; so is a constant Java source cannot name, a Kotlin enum entry named like a Java
   * keyword ({@code private}).
   */
  static CodeBlock literal(ValueType value, String canonical, Set<String> names) {
    if (value instanceof ValueType.EnumValue enumValue) {
      ClassName type = TypeNames.of(enumValue.type());
      return names.contains(type.topLevelClassName().simpleName()) || !Names.isJavaName(canonical)
          ? CodeBlock.of("$T.valueOf($T.class, $S)", Enum.class, type, canonical)
          : CodeBlock.of("$T.$L", type, canonical);
    }
    ScalarType scalar = ((ValueType.Scalar) value).type();
    TypeName type = TypeNames.of(scalar.type());
    return switch (scalar) {
      case STRING -> string(canonical);
      case BOOLEAN, INT -> CodeBlock.of("$L", canonical);
      case BYTE -> CodeBlock.of("(byte) $L", canonical);
      case SHORT -> CodeBlock.of("(short) $L", canonical);
      case LONG -> CodeBlock.of("$LL", canonical);
      case FLOAT -> floating(canonical, "f", Float.class);
      case DOUBLE -> floating(canonical, "d", Double.class);
      case CHAR -> CodeBlock.of("(char) $L", (int) canonical.charAt(0));
      case BIG_INTEGER, BIG_DECIMAL -> CodeBlock.of("new $T($S)", type, canonical);
      case INSTANT, DURATION, LOCAL_DATE, LOCAL_DATE_TIME, LOCAL_TIME, OFFSET_DATE_TIME ->
          CodeBlock.of("$T.parse($S)", type, canonical);
      case UUID -> CodeBlock.of("$T.fromString($S)", type, canonical);
      case URI -> CodeBlock.of("$T.create($S)", type, canonical);
      case PATH -> CodeBlock.of("$T.of($L)", type, string(canonical));
    };
  }

  /**
   * The string literal of {@code value}: JavaPoet's {@code $S}, except where {@code value} holds a
   * line or paragraph separator (U+2028, U+2029), which JavaPoet writes as a line break that ends
   * the literal; there every character outside printable ASCII is spelled as an escape.
   */
  static CodeBlock string(String value) {
    if (value.indexOf('\u2028') < 0 && value.indexOf('\u2029') < 0) {
      return CodeBlock.of("$S", value);
    }
    StringBuilder literal = new StringBuilder("\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        literal.append('\\').append(c);
      } else if (c >= ' ' && c < 0x7f) {
        literal.append(c);
      } else if (c < ' ') {
        // an octal escape: javac reads a unicode escape of a line break as one, before lexing
        literal.append(String.format(Locale.ROOT, "\\%03o", (int) c));
      } else {
        literal.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      }
    }
    return CodeBlock.of("$L", literal.append('"'));
  }

  /** A float or double literal; the canonical forms of the non-finite values are constants. */
  private static CodeBlock floating(String canonical, String suffix, Class<?> box) {
    return switch (canonical) {
      case "NaN" -> CodeBlock.of("$T.NaN", box);
      case "Infinity" -> CodeBlock.of("$T.POSITIVE_INFINITY", box);
      case "-Infinity" -> CodeBlock.of("$T.NEGATIVE_INFINITY", box);
      default -> CodeBlock.of("$L$L", canonical, suffix);
    };
  }
}
