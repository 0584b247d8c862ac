package dev.burrow.processor.model;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The parameter names of the constructor or factory through which Jackson creates a nested class,
 * as a front end read them (from source, or from a class file's parameter or debug information):
 * its only non-private constructor, or its {@code @JsonCreator} constructor or static factory. The
 * generated codec hands them to the runtime, because Jackson reads parameter names only from what
 * javac's {@code -parameters} records, which the class may have been compiled without.
 *
 * @param type the class
 * @param creator null for the only non-private constructor, {@code "<init>"} for the {@code
 *     JsonCreator} constructor, otherwise the name of the {@code @JsonCreator} static factory
 * @param names the parameter names, in order; never empty
 */
public record ConstructorNames(ClassRef type, @Nullable String creator, List<String> names) {

  /** {@link #creator} of a {@code @JsonCreator} constructor. */
  public static final String CONSTRUCTOR = "<init>";

  /** Copies the names; a constructor that needs them takes at least one parameter. */
  public ConstructorNames {
    names = List.copyOf(names);
    if (names.isEmpty()) {
      throw new IllegalArgumentException("a no-argument constructor needs no names");
    }
  }

  /** The names of the parameters of {@code type}'s only non-private constructor. */
  public ConstructorNames(ClassRef type, List<String> names) {
    this(type, null, names);
  }
}
