package dev.burrow.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** How a component's value is written, read and defaulted; one case per supported shape. */
sealed interface ValueType {

  /** The expression of a {@code ValueCodec} for this type, under an unknown-fields policy. */
  CodeBlock codec(String unknownFieldsPolicy);

  /** The default of a non-null component without {@code @Default}, or null if there is none. */
  default @Nullable CodeBlock naturalDefault() {
    return null;
  }

  /** Whether {@link #codec} is a shared constant that need not be stored in a field. */
  default boolean constantCodec() {
    return false;
  }

  /** Whether the value has a single-string form, as map keys need. */
  default boolean scalar() {
    return false;
  }

  /** A type from {@link ScalarType}, such as {@code int} or {@code Instant}. */
  record Scalar(ScalarType type) implements ValueType {
    @Override
    public CodeBlock codec(String unknownFieldsPolicy) {
      return type.codec();
    }

    @Override
    public @Nullable CodeBlock naturalDefault() {
      return type.naturalDefault();
    }

    @Override
    public boolean constantCodec() {
      return true;
    }

    @Override
    public boolean scalar() {
      return true;
    }
  }

  /** An enum, written by constant name. */
  record EnumValue(ClassName type, List<String> constants) implements ValueType {
    @Override
    public CodeBlock codec(String unknownFieldsPolicy) {
      return CodeBlock.of("$T.enumOf($T.class)", GeneratedTypes.VALUE_CODECS, type);
    }

    @Override
    public boolean scalar() {
      return true;
    }
  }

  /** {@code List<E>}: a JSON array; fresh values get a new {@code ArrayList}. */
  record ListValue(TypeName elementType, ValueType element) implements ValueType {
    @Override
    public CodeBlock codec(String unknownFieldsPolicy) {
      return CodeBlock.of("$T.listOf($L)", GeneratedTypes.VALUE_CODECS, element.codec(unknownFieldsPolicy));
    }

    @Override
    public CodeBlock naturalDefault() {
      return CodeBlock.of("new $T<>()", ArrayList.class);
    }
  }

  /** {@code Set<E>}: a JSON array; fresh values get a new {@code LinkedHashSet}. */
  record SetValue(TypeName elementType, ValueType element) implements ValueType {
    @Override
    public CodeBlock codec(String unknownFieldsPolicy) {
      return CodeBlock.of("$T.setOf($L)", GeneratedTypes.VALUE_CODECS, element.codec(unknownFieldsPolicy));
    }

    @Override
    public CodeBlock naturalDefault() {
      return CodeBlock.of("new $T<>()", LinkedHashSet.class);
    }
  }

  /** {@code Map<K, V>} with scalar keys: a JSON object; fresh values get a new {@code LinkedHashMap}. */
  record MapValue(TypeName keyType, ValueType key, TypeName valueType, ValueType value) implements ValueType {
    @Override
    public CodeBlock codec(String unknownFieldsPolicy) {
      return CodeBlock.of(
          "$T.mapOf($L, $L)",
          GeneratedTypes.VALUE_CODECS,
          key.codec(unknownFieldsPolicy),
          value.codec(unknownFieldsPolicy));
    }

    @Override
    public CodeBlock naturalDefault() {
      return CodeBlock.of("new $T<>()", LinkedHashMap.class);
    }
  }

  /** Any other type, such as a nested record, handed to Jackson databind. */
  record Nested(TypeName type) implements ValueType {
    @Override
    public CodeBlock codec(String unknownFieldsPolicy) {
      CodeBlock target =
          type instanceof ParameterizedTypeName
              ? CodeBlock.of("new $T<$T>() {}", GeneratedTypes.TYPE_REFERENCE, type)
              : CodeBlock.of("$T.class", type);
      return CodeBlock.of(
          "$T.databind($L, $T.$L)",
          GeneratedTypes.VALUE_CODECS,
          target,
          GeneratedTypes.UNKNOWN_FIELDS,
          unknownFieldsPolicy);
    }
  }
}
