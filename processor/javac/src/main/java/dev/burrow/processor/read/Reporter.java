package dev.burrow.processor.read;

import javax.annotation.processing.Messager;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;
import org.jspecify.annotations.Nullable;

/**
 * Reports errors, always on the element (and, where there is one, the annotation and value) that
 * causes them, and counts them so that nothing is generated for a type with errors.
 */
public final class Reporter {
  private final Messager messager;
  private int errors;

  /** A reporter that prints to {@code messager}. */
  public Reporter(Messager messager) {
    this.messager = messager;
  }

  /** Reports {@code message} as an error on {@code element}. */
  public void error(Element element, String message) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element);
  }

  /**
   * Reports {@code message} as an error on {@code value} of {@code annotation} on {@code element}.
   */
  public void error(
      Element element,
      @Nullable AnnotationMirror annotation,
      @Nullable AnnotationValue value,
      String message) {
    errors++;
    messager.printMessage(Diagnostic.Kind.ERROR, message, element, annotation, value);
  }

  /** The number of errors reported so far. */
  public int errorCount() {
    return errors;
  }
}
