package dev.burrow.processor.read;

import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import org.jspecify.annotations.Nullable;

/**
 * Where javac is to point a diagnostic: an element, or an annotation on it, or a value of that
 * annotation.
 *
 * @param element the element
 * @param annotation the annotation on it, or null for the element itself
 * @param value the annotation's value, or null for the whole annotation
 */
public record Position(
    Element element, @Nullable AnnotationMirror annotation, @Nullable AnnotationValue value) {

  /** The element itself. */
  public static Position of(Element element) {
    return new Position(element, null, null);
  }
}
