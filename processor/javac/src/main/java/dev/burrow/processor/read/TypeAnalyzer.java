package dev.burrow.processor.read;

import dev.burrow.processor.model.ClassRef;
import dev.burrow.processor.model.PrimitiveKind;
import dev.burrow.processor.model.ScalarType;
import dev.burrow.processor.rules.SourceType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
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
import kotlin.metadata.Attributes;
import kotlin.metadata.KmType;
import kotlin.metadata.KmTypeProjection;
import org.jspecify.annotations.Nullable;

/** Describes javac's component types for the rules: what they are, and how messages show them. */
final class TypeAnalyzer {
  private static final String KOTLIN_METADATA = "kotlin.Metadata";

  private final Types types;
  private final Elements elements;
  private final TypeMirror collection;
  private final TypeMirror map;
  private final ReadBack readBack;

  TypeAnalyzer(Types types, Elements elements) {
    this.types = types;
    this.elements = elements;
    this.collection = types.erasure(elements.getTypeElement("java.util.Collection").asType());
    this.map = types.erasure(elements.getTypeElement("java.util.Map").asType());
    this.readBack = new ReadBack(this);
  }

  /** The class or interface named {@code canonicalName}, or null if javac cannot find it. */
  @Nullable TypeElement typeElement(String canonicalName) {
    return elements.getTypeElement(canonicalName);
  }

  /** Whether {@code type} is a collection or a map, which Jackson reads by its type arguments. */
  boolean isCollection(TypeMirror type) {
    TypeMirror erased = types.erasure(type);
    return types.isAssignable(erased, collection) || types.isAssignable(erased, map);
  }

  /**
   * {@code type} as the rules see it, for code generated in the package {@code packageName}. The
   * component's own nullness is read from its annotations elsewhere; a type argument is nullable
   * when it carries a type-use {@code @Nullable} ({@code List<@Nullable String>}), or when {@code
   * kotlin}, the Kotlin type of the constructor parameter of kapt's stub, says it is ({@code
   * List<String?>}, which the stub spells {@code List<String>}); {@code kotlin} is null for Java.
   */
  SourceType describe(TypeMirror type, String packageName, @Nullable KmType kotlin) {
    return describe(type, false, packageName, kotlin);
  }

  private SourceType describe(
      TypeMirror type, boolean nullable, String packageName, @Nullable KmType kotlin) {
    String text = text(type);
    if (type.getKind().isPrimitive()) {
      return new SourceType.Primitive(PrimitiveKind.valueOf(type.getKind().name()), text);
    }
    return switch (type.getKind()) {
      case ARRAY -> new SourceType.Unsupported(SourceType.Unsupported.Kind.ARRAY, text);
      case TYPEVAR -> new SourceType.Unsupported(SourceType.Unsupported.Kind.TYPE_VARIABLE, text);
      case WILDCARD -> new SourceType.Unsupported(SourceType.Unsupported.Kind.WILDCARD, text);
      case DECLARED -> declared((DeclaredType) type, text, nullable, packageName, kotlin);
      default -> new SourceType.Unsupported(SourceType.Unsupported.Kind.OTHER, text);
    };
  }

  private SourceType declared(
      DeclaredType type,
      String text,
      boolean nullable,
      String packageName,
      @Nullable KmType kotlin) {
    TypeElement element = (TypeElement) type.asElement();
    for (Element e = element; e instanceof TypeElement; e = e.getEnclosingElement()) {
      if (!reachable((TypeElement) e, packageName)) {
        return new SourceType.Unsupported(
            SourceType.Unsupported.Kind.PRIVATE, element.getQualifiedName().toString());
      }
    }
    SourceType.Shape shape = shape(element);
    List<String> constants =
        shape == SourceType.Shape.ENUM
            ? element.getEnclosedElements().stream()
                .filter(e -> e.getKind() == ElementKind.ENUM_CONSTANT)
                .map(e -> e.getSimpleName().toString())
                .toList()
            : List.of();
    ClassRef name = classRef(element);
    boolean judged =
        (shape == SourceType.Shape.CLASS
                || shape == SourceType.Shape.KOTLIN_CLASS
                || shape == SourceType.Shape.ABSTRACT)
            && ScalarType.ofClass(name.qualifiedName()).isEmpty();
    ReadBack.Verdict verdict =
        judged ? readBack.judge(type) : new ReadBack.Verdict(null, List.of(), List.of());
    return new SourceType.Declared(
        name,
        shape,
        constants,
        arguments(type.getTypeArguments(), packageName, kotlin),
        !element.getTypeParameters().isEmpty() && type.getTypeArguments().isEmpty(),
        nullable,
        text,
        verdict.whyNot(),
        verdict.kotlinClasses(),
        verdict.constructorNames());
  }

  /**
   * The type arguments {@code arguments} as the rules see them; {@code kotlin}, if not null, is the
   * Kotlin type whose arguments they are, which says which are nullable. A Kotlin type with other
   * arguments than the stub's (it never has, but for a star projection, which is refused) says
   * nothing.
   */
  private List<SourceType> arguments(
      List<? extends TypeMirror> arguments, String packageName, @Nullable KmType kotlin) {
    List<KmTypeProjection> projections =
        kotlin == null || kotlin.getArguments().size() != arguments.size()
            ? null
            : kotlin.getArguments();
    List<SourceType> described = new ArrayList<>();
    for (int i = 0; i < arguments.size(); i++) {
      TypeMirror argument = arguments.get(i);
      KmType kotlinArgument = projections == null ? null : projections.get(i).getType();
      boolean nullable =
          nullableUse(argument)
              || (kotlinArgument != null && Attributes.isNullable(kotlinArgument));
      described.add(describe(argument, nullable, packageName, kotlinArgument));
    }
    return described;
  }

  /**
   * Whether code in the package {@code packageName}, in no subclass of anything, can name {@code
   * type} itself (its enclosing types aside): a public type, or a protected or package-private one
   * of that package; a private one never.
   */
  private boolean reachable(TypeElement type, String packageName) {
    Set<Modifier> modifiers = type.getModifiers();
    if (modifiers.contains(Modifier.PUBLIC)) {
      return true;
    }
    return !modifiers.contains(Modifier.PRIVATE)
        && elements.getPackageOf(type).getQualifiedName().contentEquals(packageName);
  }

  /** Whether {@code type} carries a type-use annotation named {@code Nullable}, as JSpecify's. */
  private static boolean nullableUse(TypeMirror type) {
    return type.getAnnotationMirrors().stream()
        .anyMatch(m -> m.getAnnotationType().asElement().getSimpleName().contentEquals("Nullable"));
  }

  private SourceType.Shape shape(TypeElement element) {
    if (element.getKind() == ElementKind.ENUM) {
      return SourceType.Shape.ENUM;
    }
    TypeMirror erased = types.erasure(element.asType());
    if (types.isAssignable(erased, collection) || types.isAssignable(erased, map)) {
      return SourceType.Shape.COLLECTION;
    }
    if (element.getKind().isInterface() || element.getModifiers().contains(Modifier.ABSTRACT)) {
      return SourceType.Shape.ABSTRACT;
    }
    return element.getKind() == ElementKind.CLASS && kotlin(element)
        ? SourceType.Shape.KOTLIN_CLASS
        : SourceType.Shape.CLASS;
  }

  /** Whether {@code type} was compiled from Kotlin, or is kapt's stub of a Kotlin class. */
  static boolean kotlin(TypeElement type) {
    return type.getAnnotationMirrors().stream()
        .anyMatch(
            m ->
                ((TypeElement) m.getAnnotationType().asElement())
                    .getQualifiedName()
                    .contentEquals(KOTLIN_METADATA));
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
  static String text(TypeMirror type) {
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
            return text(t.getComponentType()) + "[]";
          }

          @Override
          public String visitDeclared(DeclaredType t, Void unused) {
            String name = ((TypeElement) t.asElement()).getQualifiedName().toString();
            return t.getTypeArguments().isEmpty()
                ? name
                : t.getTypeArguments().stream()
                    .map(TypeAnalyzer::text)
                    .collect(Collectors.joining(", ", name + "<", ">"));
          }

          @Override
          public String visitTypeVariable(TypeVariable t, Void unused) {
            return t.asElement().getSimpleName().toString();
          }

          @Override
          public String visitWildcard(WildcardType t, Void unused) {
            if (t.getExtendsBound() != null) {
              return "? extends " + text(t.getExtendsBound());
            }
            return t.getSuperBound() != null ? "? super " + text(t.getSuperBound()) : "?";
          }
        },
        null);
  }
}
