package dev.burrow.processor.write;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.burrow.processor.model.ClassRef;
import dev.burrow.processor.model.Component;
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

  /** The expression that reads {@code component} from the value named {@code instance}. */
  static CodeBlock readFrom(Component component, String instance) {
    return CodeBlock.of("$L.$L()", instance, component.accessor());
  }
}
