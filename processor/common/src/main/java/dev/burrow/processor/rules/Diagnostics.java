package dev.burrow.processor.rules;

/**
 * Where the rules report errors: a front end's own reporter, which knows how to point at a location
 * of type {@code L} (an element, an annotation value, a symbol).
 */
public interface Diagnostics<L> {

  /** Reports {@code message} as an error at {@code location}. */
  void error(L location, String message);
}
