package dev.burrow.processor;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Set;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Elements;
import javax.lang.model.util.SimpleTypeVisitor14;
import javax.lang.model.util.Types;

/** Decides how a component type is coded, or why it cannot be. */
final class TypeAnalyzer {
  private static final Set<String> OPTIONALS =
      Set.of("java.util.Optional", "java.util.OptionalInt", "java.util.OptionalLong", "java.util.OptionalDouble");

  private final Types types;
  private final TypeMirror collection;
  private final TypeMirror map;

  TypeAnalyzer(Types types, Elements elements) {
    this.types = types;
    this.collection = types.erasure(elements.getTypeElement("java.util.Collection").asType());
    this.map = types.erasure(elements.getTypeElement("java.util.Map").asType());
  }

  /** Thrown for a type Burrow cannot store; the message is the advice for the user. */
  static final class UnsupportedTypeException extends Exception {
    private static final long serialVersionUID = 1L;

    UnsupportedTypeException(String advice) {
      super(advice, null, false, false);
    }
  }

  ValueType analyze(TypeMirror type) throws UnsupportedTypeException {
    if (type.getKind().isPrimitive()) {
      return new ValueType.Scalar(ScalarType.ofPrimitive(type.getKind()).orElseThrow());
    }
    switch (type.getKind()) {
      case ARRAY:
        throw new UnsupportedTypeException("arrays compare by identity in records; use a List");
      case TYPEVAR:
        throw new UnsupportedTypeException("type variables are not supported; use a concrete type");
      case WILDCARD:
        throw new UnsupportedTypeException("wildcards are not supported; use a concrete type");
      case DECLARED:
        return declared((DeclaredType) type);
      default:
        throw new UnsupportedTypeException("only classes, records, enums, primitives, List, Set and Map are supported");
    }
  }

  /** Whether {@code type} or any of its type arguments could not be resolved (yet). */
  static boolean unresolved(TypeMirror type) {
    return Boolean.TRUE.equals(
        type.accept(
            new SimpleTypeVisitor14<Boolean, Void>(false) {
              @Override
              public Boolean visitError(javax.lang.model.type.ErrorType t, Void unused) {
                return true;
              }

              @Override
              public Boolean visitDeclared(DeclaredType t, Void unused) {
                return t.getTypeArguments().stream().anyMatch(TypeAnalyzer::unresolved);
              }

              @Override
              public Boolean visitArray(javax.lang.model.type.ArrayType t, Void unused) {
                return unresolved(t.getComponentType());
              }
            },
            null));
  }

  private ValueType declared(DeclaredType type) throws UnsupportedTypeException {
    TypeElement element = (TypeElement) type.asElement();
    String name = element.getQualifiedName().toString();
    var scalar = ScalarType.ofClass(name);
    if (scalar.isPresent()) {
      return new ValueType.Scalar(scalar.get());
    }
    if (element.getKind() == ElementKind.ENUM) {
      List<String> constants =
          element.getEnclosedElements().stream()
              .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
              .map(e -> e.getSimpleName().toString())
              .toList();
      return new ValueType.EnumValue(ClassName.get(element), constants);
    }
    if (!element.getTypeParameters().isEmpty() && type.getTypeArguments().isEmpty()) {
      throw new UnsupportedTypeException("raw types are not supported; give its type arguments");
    }
    List<? extends TypeMirror> arguments = type.getTypeArguments();
    switch (name) {
      case "java.util.List":
        return new ValueType.ListValue(TypeName.get(arguments.get(0)), analyze(arguments.get(0)));
      case "java.util.Set":
        return new ValueType.SetValue(TypeName.get(arguments.get(0)), analyze(arguments.get(0)));
      case "java.util.Map":
        ValueType key = analyze(arguments.get(0));
        if (!key.scalar()) {
          throw new UnsupportedTypeException(
              "map keys must have a string form: String, an enum, a number, UUID or a java.time type");
        }
        return new ValueType.MapValue(
            TypeName.get(arguments.get(0)), key, TypeName.get(arguments.get(1)), analyze(arguments.get(1)));
      case "java.lang.Object":
        throw new UnsupportedTypeException("Object has no stable JSON form; use a concrete type");
      default:
        break;
    }
    if (OPTIONALS.contains(name)) {
      throw new UnsupportedTypeException("use the value type and mark the component @Nullable");
    }
    TypeMirror erased = types.erasure(type);
    if (types.isAssignable(erased, collection) || types.isAssignable(erased, map)) {
      throw new UnsupportedTypeException("declare collections as List, Set or Map");
    }
    if (element.getKind().isInterface() || element.getModifiers().contains(Modifier.ABSTRACT)) {
      throw new UnsupportedTypeException(
          "an interface or abstract class cannot be read back; use a record or a concrete class");
    }
    return new ValueType.Nested(TypeName.get(type));
  }
}
