package dev.burrow.processor;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import org.jspecify.annotations.Nullable;

/**
 * Reports errors, always on the element (and, where there is one, the annotation and value)
 * that causes them, and counts them so that nothing is generated for a type with errors.
 */
final class Reporter {
  private final Messager messager;
  private int errors;

  Reporter(Messager messager) {
    this.messager = messager;
  }

  void error(Element element, String message) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element);
  }

  void error(Element element, @Nullable AnnotationMirror annotation, @Nullable AnnotationValue value, String message) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation, value);
  }

  int errorCount() {
    return errors;
  }
}
