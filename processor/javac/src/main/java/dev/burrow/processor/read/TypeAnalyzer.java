package dev.burrow.processor.read;

import dev.burrow.processor.model.ClassRef;
import dev.burrow.processor.model.PrimitiveKind;
import dev.burrow.processor.model.ScalarType;
import dev.burrow.processor.model.TypeRef;
import dev.burrow.processor.model.ValueType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.ErrorType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.Elements;
import javax.lang.model.util.SimpleTypeVisitor14;
import javax.lang.model.util.Types;

/** Decides how a component type is stored and how generated code spells it, or why it cannot be. */
final class TypeAnalyzer {
  private static final Set<String> OPTIONALS =
      Set.of(
          "java.util.Optional",
          "java.util.OptionalInt",
          "java.util.OptionalLong",
          "java.util.OptionalDouble");

  private final Types types;
  private final Elements elements;
  private final TypeMirror collection;
  private final TypeMirror map;
  private final ReadBack.Rule readBack;

  TypeAnalyzer(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
    this.collection = types.erasure(elements.getTypeElement("java.util.Collection").asType());
    this.map = types.erasure(elements.getTypeElement("java.util.Map").asType());
    this.readBack = ReadBack.javac(this);
  }

  /** Whether {@code type} is a collection or a map, which Jackson reads by its type arguments. */
  boolean isCollection(TypeMirror type) {
    TypeMirror erased = types.erasure(type);
    return types.isAssignable(erased, collection) || types.isAssignable(erased, map);
  }

  /** Thrown for a type Burrow cannot store; the message is the advice for the user. */
  static final class UnsupportedTypeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String advice;

    UnsupportedTypeException(String advice) {
      super(advice, null, false, false);
      this.advice = advice;
    }

    String advice() {
      return advice;
    }
  }

  /** How values of {@code type} are stored. */
  ValueType analyze(TypeMirror type) throws UnsupportedTypeException {
    TypeRef ref = ref(type);
    if (ref instanceof TypeRef.Primitive primitive) {
      return new ValueType.Scalar(ScalarType.of(primitive.kind()));
    }
    return declared((DeclaredType) type, (TypeRef.Declared) ref);
  }

  /** How generated code spells {@code type}, without nullness. */
  TypeRef ref(TypeMirror type) throws UnsupportedTypeException {
    if (type.getKind().isPrimitive()) {
      return new TypeRef.Primitive(PrimitiveKind.valueOf(type.getKind().name()));
    }
    switch (type.getKind()) {
      case ARRAY ->
          throw new UnsupportedTypeException("arrays compare by identity in records; use a List");
      case TYPEVAR ->
          throw new UnsupportedTypeException(
              "type variables are not supported; use a concrete type");
      case WILDCARD ->
          throw new UnsupportedTypeException("wildcards are not supported; use a concrete type");
      case DECLARED -> {
        DeclaredType declared = (DeclaredType) type;
        List<TypeRef> arguments = new ArrayList<>();
        for (TypeMirror argument : declared.getTypeArguments()) {
          arguments.add(ref(argument));
        }
        return new TypeRef.Declared(classRef((TypeElement) declared.asElement()), arguments, false);
      }
      default ->
          throw new UnsupportedTypeException(
              "only classes, records, enums, primitives, List, Set and Map are supported");
    }
  }

  /** The name of {@code type}. */
  ClassRef classRef(TypeElement type) {
    Deque<String> names = new ArrayDeque<>();
    for (Element e = type; e instanceof TypeElement; e = e.getEnclosingElement()) {
      names.addFirst(e.getSimpleName().toString());
    }
    String packageName = elements.getPackageOf(type).getQualifiedName().toString();
    return new ClassRef(packageName, List.copyOf(names));
  }

  /** Whether {@code type} or any of its type arguments could not be resolved (yet). */
  static boolean unresolved(TypeMirror type) {
    return Boolean.TRUE.equals(
        type.accept(
            new SimpleTypeVisitor14<Boolean, Void>(false) {
              @Override
              public Boolean visitError(ErrorType t, Void unused) {
                return true;
              }

              @Override
              public Boolean visitDeclared(DeclaredType t, Void unused) {
                return t.getTypeArguments().stream().anyMatch(TypeAnalyzer::unresolved);
              }

              @Override
              public Boolean visitArray(ArrayType t, Void unused) {
                return unresolved(t.getComponentType());
              }
            },
            null));
  }

  /** {@code type} as messages show it: qualified names, type arguments, no annotations. */
  static String describe(TypeMirror type) {
    return type.accept(
        new SimpleTypeVisitor14<String, Void>() {
          @Override
          protected String defaultAction(TypeMirror t, Void unused) {
            return t.toString();
          }

          @Override
          public String visitPrimitive(PrimitiveType t, Void unused) {
            return PrimitiveKind.valueOf(t.getKind().name()).keyword();
          }

          @Override
          public String visitArray(ArrayType t, Void unused) {
            return describe(t.getComponentType()) + "[]";
          }

          @Override
          public String visitDeclared(DeclaredType t, Void unused) {
            String name = ((TypeElement) t.asElement()).getQualifiedName().toString();
            return t.getTypeArguments().isEmpty()
                ? name
                : t.getTypeArguments().stream()
                    .map(TypeAnalyzer::describe)
                    .collect(Collectors.joining(", ", name + "<", ">"));
          }

          @Override
          public String visitTypeVariable(TypeVariable t, Void unused) {
            return t.asElement().getSimpleName().toString();
          }

          @Override
          public String visitWildcard(WildcardType t, Void unused) {
            if (t.getExtendsBound() != null) {
              return "? extends " + describe(t.getExtendsBound());
            }
            return t.getSuperBound() != null ? "? super " + describe(t.getSuperBound()) : "?";
          }
        },
        null);
  }

  private ValueType declared(DeclaredType type, TypeRef.Declared ref)
      throws UnsupportedTypeException {
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
      return new ValueType.EnumValue(ref.type(), constants);
    }
    if (!element.getTypeParameters().isEmpty() && type.getTypeArguments().isEmpty()) {
      throw new UnsupportedTypeException("raw types are not supported; give its type arguments");
    }
    List<? extends TypeMirror> arguments = type.getTypeArguments();
    switch (name) {
      case "java.util.List" -> {
        return new ValueType.ListValue(ref.arguments().get(0), analyze(arguments.get(0)));
      }
      case "java.util.Set" -> {
        return new ValueType.SetValue(ref.arguments().get(0), analyze(arguments.get(0)));
      }
      case "java.util.Map" -> {
        ValueType key = analyze(arguments.get(0));
        if (!key.scalar()) {
          throw new UnsupportedTypeException(
              "map keys must have a string form: String, an enum, a number, UUID or a java.time"
                  + " type");
        }
        return new ValueType.MapValue(
            ref.arguments().get(0), key, ref.arguments().get(1), analyze(arguments.get(1)));
      }
      case "java.lang.Object" ->
          throw new UnsupportedTypeException("Object has no stable JSON form; use a concrete type");
      default -> {
        // any other class: checked below
      }
    }
    if (OPTIONALS.contains(name)) {
      throw new UnsupportedTypeException("use the value type and mark the component @Nullable");
    }
    if (isCollection(type)) {
      throw new UnsupportedTypeException("declare collections as List, Set or Map");
    }
    String unreadable = readBack.whyNot(type);
    if (unreadable != null) {
      throw new UnsupportedTypeException(unreadable);
    }
    return new ValueType.Nested(ref);
  }
}
