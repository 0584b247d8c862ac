package dev.burrow.processor.model;

import java.util.List;

/**
 * The parameter names of the only non-private constructor of a nested class that Jackson creates
 * through it, as a front end read them (from source, or from a class file's parameter or debug
 * information). The generated codec hands them to the runtime, because Jackson reads parameter
 * names only from what javac's {@code -parameters} records, which the class may have been compiled
 * without.
 *
 * @param type the class
 * @param names the constructor's parameter names, in order; never empty
 */
public record ConstructorNames(ClassRef type, List<String> names) {

  /** Copies the names; a constructor that needs them takes at least one parameter. */
  public ConstructorNames {
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a no-argument constructor needs no names");
    }
  }
}
