package dev.burrow.processor.read;

import dev.burrow.processor.model.Names;
import dev.burrow.processor.rules.Language;
import dev.burrow.processor.rules.Messages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.RecordComponentElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Types;
import org.jspecify.annotations.Nullable;

/**
 * A component as declared, before validation: from a record component, or from a field of a class
 * shaped like a Kotlin data class as kapt presents it (a constructor taking every field in order,
 * and a getter per field).
 *
 * @param name the component name
 * @param type its type (for classes, the getter's return type, which kapt writes without the
 *     wildcards it puts on constructor parameters)
 * @param element where diagnostics about the component go
 * @param annotated the elements whose annotations count: the record component, or the constructor
 *     parameter, field and getter
 * @param accessor the method that reads it
 * @param declaresDefault whether the Kotlin source gives it a default value
 */
record SourceComponent(
    String name,
    TypeMirror type,
    Element element,
    List<Element> annotated,
    String accessor,
    boolean declaresDefault) {

  static List<SourceComponent> ofRecord(TypeElement record) {
    List<SourceComponent> components = new ArrayList<>();
    List<VariableElement> fields = instanceFields(record);
    for (RecordComponentElement component : record.getRecordComponents()) {
      String name = component.getSimpleName().toString();
      // javac (17) has no source position for a record component itself; the implicit field
      // of the same name is positioned on the component's declaration.
      Element position =
          fields.stream()
              .filter(f -> f.getSimpleName().contentEquals(name))
              .<Element>map(f -> f)
              .findFirst()
              .orElse(component);
      components.add(
          new SourceComponent(
              name, component.asType(), position, List.of(position, component), name, false));
    }
    return components;
  }

  /**
   * The class's components, or empty after reporting why the class does not have that shape; for
   * kapt's stub of a Kotlin class, with the default values the Kotlin source declares.
   */
  static Optional<List<SourceComponent>> ofClass(
      TypeElement type, Types types, Reporter reporter, Language language) {
    List<VariableElement> fields = instanceFields(type);
    Optional<ExecutableElement> constructor =
        ElementFilter.constructorsIn(type.getEnclosedElements()).stream()
            .filter(c -> !c.getModifiers().contains(Modifier.PRIVATE))
            .filter(c -> takesInOrder(c, fields, types))
            .findFirst();
    List<String> unnamed = KotlinMetadata.parametersJavaCannotName(type);
    if (!unnamed.isEmpty()) {
      reporter.error(
          type,
          Messages.kaptJavaKeyword(type.getSimpleName().toString(), String.join(", ", unnamed)));
      return Optional.empty();
    }
    if (constructor.isEmpty()) {
      String names =
          fields.stream().map(f -> f.getSimpleName().toString()).collect(Collectors.joining(", "));
      reporter.error(
          type,
          Messages.noFullConstructor(
              type.getSimpleName().toString(), fields.size(), names, language));
      return Optional.empty();
    }
    Optional<Set<String>> defaults = KotlinMetadata.parametersWithDefaults(type, reporter);
    if (defaults.isEmpty()) {
      return Optional.empty();
    }
    List<ExecutableElement> methods = ElementFilter.methodsIn(type.getEnclosedElements());
    Map<String, String> kotlinGetters = KotlinMetadata.getterNames(type);
    List<SourceComponent> components = new ArrayList<>();
    boolean complete = true;
    for (int i = 0; i < fields.size(); i++) {
      VariableElement field = fields.get(i);
      VariableElement parameter = constructor.get().getParameters().get(i);
      String name = field.getSimpleName().toString();
      Optional<ExecutableElement> getter =
          getter(methods, name, kotlinGetters.get(name), field.asType(), types);
      if (getter.isEmpty()) {
        reporter.error(field, Messages.noGetter(name, "get" + Names.capitalize(name)));
        complete = false;
        continue;
      }
      components.add(
          new SourceComponent(
              name,
              getter.get().getReturnType(),
              parameter,
              List.of(parameter, field, getter.get()),
              getter.get().getSimpleName().toString(),
              defaults.get().contains(name)));
    }
    return complete ? Optional.of(components) : Optional.empty();
  }

  private static List<VariableElement> instanceFields(TypeElement type) {
    return ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
        .filter(f -> !f.getModifiers().contains(Modifier.STATIC))
        .toList();
  }

  private static boolean takesInOrder(
      ExecutableElement constructor, List<VariableElement> fields, Types types) {
    List<? extends VariableElement> parameters = constructor.getParameters();
    if (parameters.size() != fields.size() || fields.isEmpty()) {
      return false;
    }
    for (int i = 0; i < fields.size(); i++) {
      TypeMirror parameter = types.erasure(parameters.get(i).asType());
      if (!types.isSameType(parameter, types.erasure(fields.get(i).asType()))) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code name} without the suffix Kotlin gives the JVM name of an {@code internal} member, {@code
   * $} and the module's name ({@code getSecret$app} is {@code getSecret}).
   */
  private static String unmangled(String name) {
    int dollar = name.indexOf('$');
    return dollar > 0 ? name.substring(0, dollar) : name;
  }

  /**
   * The getter of the field {@code name}: {@code getName()}, {@code isName()} for a boolean, the
   * name itself as Kotlin names it ({@link Names#kotlinIsName}), or the name {@code kotlinGetter}
   * the Kotlin metadata gives ({@code @get:JvmName}).
   */
  private static Optional<ExecutableElement> getter(
      List<ExecutableElement> methods,
      String name,
      @Nullable String kotlinGetter,
      TypeMirror fieldType,
      Types types) {
    List<String> candidates = new ArrayList<>(List.of("get" + Names.capitalize(name)));
    if (kotlinGetter != null) {
      candidates.add(unmangled(kotlinGetter));
    }
    if (fieldType.getKind() == TypeKind.BOOLEAN) {
      candidates.add("is" + Names.capitalize(name));
    }
    if (Names.kotlinIsName(name)) {
      candidates.add(name);
    }
    return methods.stream()
        .filter(m -> m.getParameters().isEmpty() && !m.getModifiers().contains(Modifier.STATIC))
        .filter(m -> candidates.contains(unmangled(m.getSimpleName().toString())))
        .filter(m -> types.isSameType(types.erasure(m.getReturnType()), types.erasure(fieldType)))
        .findFirst();
  }
}
