package dev.burrow.runtime.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The names of the parameters of a class's only non-private constructor, as the annotation
 * processor read them from source: for Jackson to create a nested class whose class file was
 * compiled without javac's {@code -parameters} and so does not name them (Jackson finds no creator
 * then). The names are used exactly as Jackson would use those {@code -parameters} records: for a
 * parameter whose name the class file does record, Jackson's own is used.
 *
 * <p>Support for generated code, not a user API: see the {@linkplain dev.burrow.runtime.codec
 * package}.
 */
public final class ParameterNames {
  private final Class<?> type;
  private final List<String> names;

  private ParameterNames(Class<?> type, List<String> names) {
    this.type = type;
    this.names = names;
  }

  /**
   * The names of the parameters of {@code type}'s only non-private constructor, in order.
   *
   * @throws IllegalArgumentException if no names are given (a no-argument constructor needs none)
   */
  public static ParameterNames of(Class<?> type, String... names) {
    if (names.length == 0) {
      throw new IllegalArgumentException("no parameter names for " + type.getName());
    }
    return new ParameterNames(Objects.requireNonNull(type), List.of(names));
  }

  Class<?> type() {
    return type;
  }

  /**
   * The name of parameter {@code index} of {@code constructor}, or null if these names are not for
   * it: it is not {@link #type}'s only non-private constructor, it does not take as many parameters
   * as there are names (the class changed since it was compiled), or the class file names the
   * parameter itself.
   */
  @Nullable String nameOf(Constructor<?> constructor, int index) {
    if (constructor.getDeclaringClass() != type
        || constructor.getParameterCount() != names.size()
        || index < 0
        || index >= names.size()
        || Modifier.isPrivate(constructor.getModifiers())
        || constructor.getParameters()[index].isNamePresent()) {
      return null;
    }
    long nonPrivate =
        Arrays.stream(type.getDeclaredConstructors())
            .filter(c -> !Modifier.isPrivate(c.getModifiers()))
            .count();
    return nonPrivate == 1 ? names.get(index) : null;
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ParameterNames that && that.type == type && that.names.equals(names);
  }

  @Override
  public int hashCode() {
    return type.hashCode() * 31 + names.hashCode();
  }

  @Override
  public String toString() {
    return type.getName() + names;
  }
}
