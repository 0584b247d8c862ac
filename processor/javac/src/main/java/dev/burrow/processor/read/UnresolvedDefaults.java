package dev.burrow.processor.read;

import dev.burrow.processor.model.Names;
import dev.burrow.processor.rules.Annotations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.ElementFilter;

/**
 * The {@code @Default} annotations of a type whose value javac could not resolve, such as
 * {@code @Default(Missing.X)} with no {@code Missing} in scope. javac gives such a value as its
 * error attribute, which reads as the unquoted string {@code <error>}; a string constant, even one
 * spelled {@code "<error>"}, prints quoted.
 */
final class UnresolvedDefaults {
  private static final String ERROR = "<error>";

  private UnresolvedDefaults() {}

  /**
   * Where each component of {@code type} has an unresolved {@code @Default} value, by component
   * name, one per component (javac copies a record component's annotation to its field, accessor
   * and constructor parameter): its field first, then a constructor parameter, then an accessor.
   * Costs one look at the annotations of each field, constructor parameter and method.
   */
  static Map<String, Position> of(TypeElement type) {
    boolean record = type.getKind() == ElementKind.RECORD;
    List<Element> annotated = new ArrayList<>();
    ElementFilter.fieldsIn(type.getEnclosedElements()).stream()
        .filter(f -> !f.getModifiers().contains(Modifier.STATIC))
        .forEach(annotated::add);
    ElementFilter.constructorsIn(type.getEnclosedElements())
        .forEach(c -> annotated.addAll(c.getParameters()));
    annotated.addAll(ElementFilter.methodsIn(type.getEnclosedElements()));
    Map<String, Position> unresolved = new LinkedHashMap<>();
    for (Element element : annotated) {
      for (AnnotationMirror mirror : element.getAnnotationMirrors()) {
        if (!((TypeElement) mirror.getAnnotationType().asElement())
            .getQualifiedName()
            .contentEquals(Annotations.DEFAULT)) {
          continue;
        }
        for (AnnotationValue value : mirror.getElementValues().values()) {
          if (ERROR.equals(value.getValue()) && ERROR.equals(value.toString())) {
            unresolved.putIfAbsent(
                component(element, record), new Position(element, mirror, value));
          }
        }
      }
    }
    return unresolved;
  }

  /**
   * The component {@code element} stands for: a getter {@code getName} or {@code isName} stands for
   * {@code name}.
   */
  private static String component(Element element, boolean record) {
    String name = element.getSimpleName().toString();
    if (record || !(element instanceof ExecutableElement)) {
      return name;
    }
    for (String prefix : List.of("get", "is")) {
      if (name.length() > prefix.length()
          && name.startsWith(prefix)
          && Character.isUpperCase(name.charAt(prefix.length()))) {
        return Names.decapitalize(name.substring(prefix.length()));
      }
    }
    return name;
  }
}
