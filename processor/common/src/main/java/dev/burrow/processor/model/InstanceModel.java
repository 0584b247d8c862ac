package dev.burrow.processor.model;

import dev.burrow.IdKind;
import dev.burrow.UnknownFields;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Everything the generators need about one {@code @Instance} type, validated.
 *
 * @param type the annotated type
 * @param kindName {@code @Instance.name}
 * @param subdirectories declared subdirectories with their accessor names
 * @param dataRootEnv {@code @Instance.dataRootEnv}, null if empty
 * @param defaultDataRoot the default data root, {@code ~/.burrow/<name>} if not given
 * @param idKind {@code @Instance.idKind}
 * @param unknownFields {@code @Instance.unknownFields}
 * @param components all components in declaration (constructor) order, with exactly one {@link
 *     Component.Role#ID} and one {@link Component.Role#VERSION}
 * @param hiddenJavaLangTypes the simple names of the {@code java.lang} types generated code names
 *     ({@link #javaLangTypes}) that a type of the annotated type's package hides, as a class {@code
 *     Override} beside the record would: generated code spells them qualified
 * @param optInMarkers the Kotlin opt-in markers ({@code @RequiresOptIn} annotations) the generated
 *     Kotlin opts in to, as the annotated class does or its component types require; empty for Java
 * @param kotlin whether the annotated type is a Kotlin class (under kapt or KSP): the class file
 *     kotlinc compiles declares no nullness of type arguments, so its getter of a {@code
 *     List<String?>} returns {@code List<String>}
 */
public record InstanceModel(
    ClassRef type,
    String kindName,
    List<Subdirectory> subdirectories,
    @Nullable String dataRootEnv,
    String defaultDataRoot,
    IdKind idKind,
    UnknownFields unknownFields,
    List<Component> components,
    Set<String> hiddenJavaLangTypes,
    List<ClassRef> optInMarkers,
    boolean kotlin) {

  /** The suffixes of the generated classes, {@code XSchema} and so on. */
  public static final List<String> GENERATED_SUFFIXES =
      List.of("Schema", "Changes", "Dirs", "Store");

  /** The suffix of {@code XIndex}, generated only for types with {@code @Indexed} components. */
  public static final String INDEX_SUFFIX = "Index";

  /**
   * The {@code java.lang} types generated code names whatever the components are, by simple name.
   */
  private static final Set<String> GENERATED_CODE_JAVA_LANG_TYPES =
      Set.of(
          "AutoCloseable",
          "Boolean",
          "Byte",
          "Character",
          "Class",
          "Double",
          "Enum",
          "Float",
          "Integer",
          "Long",
          "Object",
          "Override",
          "Runnable",
          "Short",
          "String",
          "SuppressWarnings",
          "Throwable");

  /** Copies the lists and the set. */
  public InstanceModel {
    subdirectories = List.copyOf(subdirectories);
    components = List.copyOf(components);
    hiddenJavaLangTypes = Set.copyOf(hiddenJavaLangTypes);
    optInMarkers = List.copyOf(optInMarkers);
  }

  /** This model, with the opt-in markers a front end found ({@link #optInMarkers}). */
  public InstanceModel withOptInMarkers(List<ClassRef> optInMarkers) {
    return new InstanceModel(
        type,
        kindName,
        subdirectories,
        dataRootEnv,
        defaultDataRoot,
        idKind,
        unknownFields,
        components,
        hiddenJavaLangTypes,
        optInMarkers,
        kotlin);
  }

  /**
   * The simple names of the {@code java.lang} types generated code for {@code components} may name:
   * those it always may, and those in the components' types.
   */
  public static Set<String> javaLangTypes(List<Component> components) {
    Set<String> names = new HashSet<>(GENERATED_CODE_JAVA_LANG_TYPES);
    components.forEach(c -> addJavaLangTypes(c.type(), names));
    return names;
  }

  private static void addJavaLangTypes(TypeRef type, Set<String> names) {
    if (type instanceof TypeRef.Declared declared) {
      if (declared.type().packageName().equals("java.lang")) {
        names.add(declared.type().simpleNames().get(0));
      }
      declared.arguments().forEach(argument -> addJavaLangTypes(argument, names));
    }
  }

  /**
   * A declared subdirectory and the accessor {@code XDirs} gets for it.
   *
   * @param name the directory name
   * @param accessor the accessor name, from {@link Names#subdirectoryAccessor}
   */
  public record Subdirectory(String name, String accessor) {}

  /** {@code XSchema}. */
  public ClassRef schemaName() {
    return type.generated("Schema");
  }

  /** {@code XChanges}. */
  public ClassRef changesName() {
    return type.generated("Changes");
  }

  /** {@code XDirs}. */
  public ClassRef dirsName() {
    return type.generated("Dirs");
  }

  /** {@code XIndex}, generated when a component is {@code @Indexed}. */
  public ClassRef indexName() {
    return type.generated(INDEX_SUFFIX);
  }

  /** {@code XStore}. */
  public ClassRef storeName() {
    return type.generated("Store");
  }

  /** The {@code @InstanceId} component. */
  public Component id() {
    return withRole(Component.Role.ID).orElseThrow();
  }

  /** The {@code @Version} component. */
  public Component version() {
    return withRole(Component.Role.VERSION).orElseThrow();
  }

  /** The first component with {@code role}, if there is one. */
  public Optional<Component> withRole(Component.Role role) {
    return components.stream().filter(c -> c.role() == role).findFirst();
  }

  /** The {@code @Indexed} components, in declaration order. */
  public List<Component> indexedComponents() {
    return components.stream().filter(Component::indexed).toList();
  }

  /** The components the user owns, which {@code XChanges} can change. */
  public List<Component> dataComponents() {
    return components.stream().filter(c -> c.role() == Component.Role.DATA).toList();
  }

  /** Whether any component's default is computed by the class's constructor (Kotlin). */
  public boolean constructorDefaults() {
    return components.stream().anyMatch(Component::constructorDefault);
  }

  /**
   * The classes that components hand to Jackson databind (their nested types and the classes in
   * those types' arguments, outside {@code java.}), then the {@link #kotlinClasses()}; each once.
   * The store checks before it opens that Jackson can reach into each of them and what they hold.
   */
  public List<ClassRef> databindClasses() {
    return Stream.concat(
            components.stream()
                .flatMap(c -> c.value().nested())
                .flatMap(n -> declaredClasses(n.type())),
            kotlinClasses().stream())
        .filter(c -> !c.packageName().startsWith("java."))
        .distinct()
        .toList();
  }

  private static Stream<ClassRef> declaredClasses(TypeRef type) {
    return type instanceof TypeRef.Declared declared
        ? Stream.concat(
            Stream.of(declared.type()),
            declared.arguments().stream().flatMap(InstanceModel::declaredClasses))
        : Stream.empty();
  }

  /**
   * The Kotlin classes (other than records) that components store through Jackson, at any depth,
   * which Jackson reads back only with its Kotlin module; in component order, each once.
   */
  public List<ClassRef> kotlinClasses() {
    return components.stream()
        .flatMap(c -> c.value().nested())
        .flatMap(n -> n.kotlinClasses().stream())
        .distinct()
        .toList();
  }
}
