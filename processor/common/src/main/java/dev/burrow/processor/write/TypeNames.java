package dev.burrow.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.burrow.processor.model.ClassRef;
import dev.burrow.processor.model.Component;
import dev.burrow.processor.model.InstanceModel;
import dev.burrow.processor.model.TypeRef;
import java.util.List;

/** Model types as JavaPoet types, and the other ways generated code refers to a component. */
final class TypeNames {
  private TypeNames() {}

  static ClassName of(ClassRef type) {
    List<String> names = type.simpleNames();
    return ClassName.get(
        type.packageName(), names.get(0), names.subList(1, names.size()).toArray(String[]::new));
  }

  /** The type, with {@code @Nullable} wherever the model says null is allowed. */
  static TypeName of(TypeRef type) {
    if (type instanceof TypeRef.Primitive primitive) {
      return switch (primitive.kind()) {
        case BOOLEAN -> TypeName.BOOLEAN;
        case BYTE -> TypeName.BYTE;
        case SHORT -> TypeName.SHORT;
        case CHAR -> TypeName.CHAR;
        case INT -> TypeName.INT;
        case LONG -> TypeName.LONG;
        case FLOAT -> TypeName.FLOAT;
        case DOUBLE -> TypeName.DOUBLE;
      };
    }
    TypeRef.Declared declared = (TypeRef.Declared) type;
    ClassName raw = of(declared.type());
    TypeName name =
        declared.arguments().isEmpty()
            ? raw
            : ParameterizedTypeName.get(
                raw, declared.arguments().stream().map(TypeNames::of).toArray(TypeName[]::new));
    return declared.nullable() ? nullable(name) : name;
  }

  static TypeName nullable(TypeName type) {
    return type.annotated(AnnotationSpec.builder(GeneratedTypes.NULLABLE).build());
  }

  /** The component's type as declarations of it spell it, {@code @Nullable} if it may be null. */
  static TypeName declared(Component component) {
    return of(component.type());
  }

  /** The component's type without nullness, as type arguments and constants spell it. */
  static TypeName plain(Component component) {
    return of(component.type().withNullable(false));
  }

  /**
   * The expression that reads {@code component} of {@code model}'s type from the value named {@code
   * instance}, as the component's type: a Kotlin getter of a {@code List<String?>} declares {@code
   * List<String>} in its class file, and is read through {@code KotlinValues}, which names the type
   * with {@code @Nullable} arguments.
   */
  static CodeBlock readFrom(InstanceModel model, Component component, String instance) {
    CodeBlock read = CodeBlock.of("$L.$L()", instance, component.accessor());
    if (!model.kotlin() || !hasNullableArguments(component.type())) {
      return read;
    }
    return CodeBlock.of(
        "$T.<$T>$L($L, $T.class)",
        GeneratedTypes.KOTLIN_VALUES,
        plain(component),
        component.nullable() ? "withNullableArgumentsOrNull" : "withNullableArguments",
        read,
        of(((TypeRef.Declared) component.type()).type()));
  }

  /** Whether a type argument of {@code type}, at any depth, admits null. */
  static boolean hasNullableArguments(TypeRef type) {
    return type instanceof TypeRef.Declared declared
        && declared.arguments().stream()
            .anyMatch(argument -> argument.nullable() || hasNullableArguments(argument));
  }
}
