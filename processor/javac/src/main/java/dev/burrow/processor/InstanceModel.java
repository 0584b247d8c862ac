package dev.burrow.processor;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/**
 * Everything the generators need about one {@code @Instance} type, validated.
 *
 * @param element the annotated type, the originating element of every generated file
 * @param type its name
 * @param kotlinStyle whether it is a class read through getters (as kapt presents Kotlin)
 * @param kindName {@code @Instance.name}
 * @param subdirectories declared subdirectories with their accessor names
 * @param dataRootEnv {@code @Instance.dataRootEnv}, null if empty
 * @param defaultDataRoot the default data root, {@code ~/.burrow/<name>} if not given
 * @param idKind the {@code IdKind} constant name
 * @param unknownFields the {@code UnknownFields} constant name
 * @param components all components in declaration (constructor) order
 */
record InstanceModel(
    TypeElement element,
    ClassName type,
    boolean kotlinStyle,
    String kindName,
    List<Subdirectory> subdirectories,
    @Nullable String dataRootEnv,
    String defaultDataRoot,
    String idKind,
    String unknownFields,
    List<Component> components) {

  /** A declared subdirectory and the accessor {@code XDirs} gets for it. */
  record Subdirectory(String name, String accessor) {}

  /** The generated type {@code <X><suffix>} in X's package; nested X gives {@code Outer_X<suffix>}. */
  static ClassName generatedName(ClassName type, String suffix) {
    return ClassName.get(type.packageName(), String.join("_", type.simpleNames()) + suffix);
  }

  ClassName schemaName() {
    return generatedName(type, "Schema");
  }

  ClassName storeName() {
    return generatedName(type, "Store");
  }

  ClassName changesName() {
    return generatedName(type, "Changes");
  }

  ClassName dirsName() {
    return generatedName(type, "Dirs");
  }

  Component id() {
    return withRole(Component.Role.ID).orElseThrow();
  }

  Component version() {
    return withRole(Component.Role.VERSION).orElseThrow();
  }

  Optional<Component> withRole(Component.Role role) {
    return components.stream().filter(c -> c.role() == role).findFirst();
  }

  List<Component> dataComponents() {
    return components.stream().filter(c -> c.role() == Component.Role.DATA).toList();
  }
}
