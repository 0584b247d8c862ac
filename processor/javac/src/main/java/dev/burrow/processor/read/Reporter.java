package dev.burrow.processor.read;

import dev.burrow.processor.rules.Diagnostics;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic;

/**
 * Reports errors, always at the {@link Position} (an element, and where there is one, the
 * annotation and value) that causes them.
 */
public final class Reporter implements Diagnostics<Position> {
  private final Messager messager;

  /** A reporter that prints to {@code messager}. */
  public Reporter(Messager messager) {
    this.messager = messager;
  }

  /** Reports {@code message} as an error on {@code element}. */
  public void error(Element element, String message) {
    error(Position.of(element), message);
  }

  @Override
  public void error(Position position, String message) {
    messager.printMessage(
        Diagnostic.Kind.ERROR,
        message,
        position.element(),
        position.annotation(),
        position.value());
  }
}
