package dev.burrow.processor.read;

import dev.burrow.processor.model.Names;
import dev.burrow.processor.rules.Messages;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import kotlin.Metadata;
import kotlin.metadata.Attributes;
import kotlin.metadata.KmClass;
import kotlin.metadata.KmClassifier;
import kotlin.metadata.KmProperty;
import kotlin.metadata.KmType;
import kotlin.metadata.KmTypeProjection;
import kotlin.metadata.KmValueParameter;
import kotlin.metadata.Visibility;
import kotlin.metadata.jvm.JvmExtensionsKt;
import kotlin.metadata.jvm.JvmMethodSignature;
import kotlin.metadata.jvm.KotlinClassMetadata;

/**
 * What kapt's stub of a Kotlin class keeps of its Kotlin source: the class's
 * {@code @kotlin.Metadata} says which parameters of its primary constructor declare default values,
 * and which of their type arguments are nullable ({@code List<String?>}), which javac's view of the
 * stub does not show.
 */
final class KotlinMetadata {
  private KotlinMetadata() {}

  /**
   * The names of the primary constructor's parameters that Java cannot spell as a field (a keyword
   * such as {@code long}, a name in backticks that is no identifier), which kapt leaves out of the
   * stub's fields; none for a Java class, or if the metadata cannot be read (which {@link
   * #parametersWithDefaults} reports).
   */
  static List<String> parametersJavaCannotName(TypeElement type) {
    return kotlinClass(type)
        .map(
            c ->
                primaryParameters(c)
                    .map(KmValueParameter::getName)
                    .filter(name -> !Names.isJavaName(name))
                    .toList())
        .orElse(List.of());
  }

  /**
   * Whether only its module sees {@code type}: its Kotlin metadata, or that of a class it is nested
   * in, says {@code internal}. False for a Java class, or if the metadata cannot be read (which
   * {@link #parametersWithDefaults} reports).
   */
  static boolean moduleOnly(TypeElement type) {
    for (Element element = type;
        element instanceof TypeElement enclosing;
        element = enclosing.getEnclosingElement()) {
      if (kotlinClass(enclosing)
          .filter(c -> Attributes.getVisibility(c) == Visibility.INTERNAL)
          .isPresent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The Kotlin types of the primary constructor's parameters by name, which say whether each type
   * argument is nullable; none for a Java class, or if the metadata cannot be read (which {@link
   * #parametersWithDefaults} reports).
   */
  static Map<String, KmType> parameterTypes(TypeElement type) {
    return kotlinClass(type)
        .map(
            c ->
                primaryParameters(c)
                    .collect(
                        Collectors.toUnmodifiableMap(
                            KmValueParameter::getName, KmValueParameter::getType, (a, b) -> a)))
        .orElse(Map.of());
  }

  /**
   * The JVM names of the getters of {@code type}'s Kotlin properties by property name, which
   * {@code @get:JvmName} may have changed; none for a Java class, or if the metadata cannot be read
   * (which {@link #parametersWithDefaults} reports).
   */
  static Map<String, String> getterNames(TypeElement type) {
    Map<String, String> names = new HashMap<>();
    kotlinClass(type)
        .ifPresent(
            c -> {
              for (KmProperty property : c.getProperties()) {
                JvmMethodSignature getter = JvmExtensionsKt.getGetterSignature(property);
                if (getter != null) {
                  names.put(property.getName(), getter.getName());
                }
              }
            });
    return names;
  }

  /**
   * The names of the primary constructor's parameters, {@code val}, {@code var} or plain; none for
   * a Java class, or if the metadata cannot be read.
   */
  static List<String> primaryParameters(TypeElement type) {
    return kotlinClass(type)
        .map(c -> primaryParameters(c).map(KmValueParameter::getName).toList())
        .orElse(List.of());
  }

  /**
   * Whether the Kotlin class {@code type} has constructors but no primary one, which Jackson's
   * Kotlin module would create it through; false for a Java class, or if the metadata cannot be
   * read.
   */
  static boolean secondaryConstructorsOnly(TypeElement type) {
    return kotlinClass(type)
        .map(
            c ->
                !c.getConstructors().isEmpty()
                    && c.getConstructors().stream().allMatch(Attributes::isSecondary))
        .orElse(false);
  }

  /**
   * The names of {@code type}'s own Kotlin properties that are not private; none for a Java class,
   * or if the metadata cannot be read.
   */
  static List<String> visibleProperties(TypeElement type) {
    return kotlinClass(type)
        .map(
            c ->
                c.getProperties().stream()
                    .filter(p -> Attributes.getVisibility(p) != Visibility.PRIVATE)
                    .map(KmProperty::getName)
                    .toList())
        .orElse(List.of());
  }

  /**
   * The classes the Kotlin types of the primary constructor's parameters name, at any depth, as
   * Java names them ({@code kotlin.time.Duration}, which the stub shows as its {@code long}); none
   * for a Java class, or if the metadata cannot be read.
   */
  static List<String> parameterClasses(TypeElement type) {
    List<String> names = new ArrayList<>();
    kotlinClass(type)
        .ifPresent(c -> primaryParameters(c).forEach(p -> addClasses(p.getType(), names)));
    return names;
  }

  private static void addClasses(KmType type, List<String> names) {
    if (type.getClassifier() instanceof KmClassifier.Class c) {
      names.add(c.getName().replace('/', '.'));
    }
    for (KmTypeProjection argument : type.getArguments()) {
      KmType argumentType = argument.getType();
      if (argumentType != null) {
        addClasses(argumentType, names);
      }
    }
  }

  /**
   * The direct subclasses of the Kotlin sealed class or interface {@code type}, as Java names them
   * ({@code test.Bad.Circle}): kapt's stub shows it as a plain abstract type; none for a Java
   * class, one not sealed, or if the metadata cannot be read.
   */
  static List<String> sealedSubclasses(TypeElement type) {
    return kotlinClass(type)
        .map(c -> c.getSealedSubclasses().stream().map(name -> name.replace('/', '.')).toList())
        .orElse(List.of());
  }

  /** The Kotlin class {@code type}'s metadata describes, if it has metadata that can be read. */
  private static Optional<KmClass> kotlinClass(TypeElement type) {
    Metadata metadata = type.getAnnotation(Metadata.class);
    if (metadata == null) {
      return Optional.empty();
    }
    try {
      return KotlinClassMetadata.readLenient(metadata) instanceof KotlinClassMetadata.Class c
          ? Optional.of(c.getKmClass())
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The names of the primary constructor's parameters that declare a default value: none for a Java
   * class; empty after reporting an error if the metadata cannot be read.
   */
  static Optional<Set<String>> parametersWithDefaults(TypeElement type, Reporter reporter) {
    Metadata metadata = type.getAnnotation(Metadata.class);
    if (metadata == null) {
      return Optional.of(Set.of());
    }
    KotlinClassMetadata read;
    try {
      read = KotlinClassMetadata.readLenient(metadata);
    } catch (IllegalArgumentException e) {
      reporter.error(
          type, Messages.kotlinMetadataUnreadable(type.getSimpleName().toString(), e.toString()));
      return Optional.empty();
    }
    if (!(read instanceof KotlinClassMetadata.Class kotlinClass)) {
      return Optional.of(Set.of());
    }
    return Optional.of(
        primaryParameters(kotlinClass.getKmClass())
            .filter(Attributes::getDeclaresDefaultValue)
            .map(KmValueParameter::getName)
            .collect(Collectors.toUnmodifiableSet()));
  }

  private static Stream<KmValueParameter> primaryParameters(KmClass kotlinClass) {
    return kotlinClass.getConstructors().stream()
        .filter(constructor -> !Attributes.isSecondary(constructor))
        .flatMap(constructor -> constructor.getValueParameters().stream());
  }
}
