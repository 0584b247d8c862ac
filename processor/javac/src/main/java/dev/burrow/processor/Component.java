package dev.burrow.processor;

import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import org.jspecify.annotations.Nullable;

/**
 * One component of an {@code @Instance} type, validated.
 *
 * @param name the component (or Kotlin property) name, also the JSON field name
 * @param type its Java type, without nullness annotations
 * @param role whether Burrow manages it, and how
 * @param nullable whether it is {@code @Nullable} in the source
 * @param value how its value is coded and defaulted
 * @param accessor the method that reads it: {@code name} for records, {@code getName} for Kotlin
 * @param explicitDefault the parsed {@code @Default} literal, if any
 * @param constant the name of its field-name constant in {@code XSchema}
 */
record Component(
    String name,
    TypeName type,
    Role role,
    boolean nullable,
    ValueType value,
    String accessor,
    @Nullable CodeBlock explicitDefault,
    String constant) {

  /** What Burrow does with a component. */
  enum Role {
    ID,
    VERSION,
    CREATED_AT,
    UPDATED_AT,
    /** A component the user owns: it gets a setter in {@code XChanges}. */
    DATA
  }

  /** The type as it appears in generated signatures, with {@code @Nullable} if the source has it. */
  TypeName annotatedType() {
    return nullable ? type.annotated(com.palantir.javapoet.AnnotationSpec.builder(GeneratedTypes.NULLABLE).build()) : type;
  }

  /** The expression that reads this component from {@code instance}. */
  CodeBlock readFrom(String instance) {
    return CodeBlock.of("$L.$L()", instance, accessor);
  }

  /** Whether a fresh value gets a fresh mutable collection for it. */
  boolean collection() {
    return value instanceof ValueType.ListValue
        || value instanceof ValueType.SetValue
        || value instanceof ValueType.MapValue;
  }
}
