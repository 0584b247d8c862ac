package dev.burrow.runtime.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The names of the parameters of the constructor or factory through which Jackson creates a class,
 * as the annotation processor read them from source (or a class file's debug information): for
 * Jackson to create a nested class whose class file was compiled without javac's {@code
 * -parameters} and so does not name them (Jackson finds no creator then, or refuses a {@code
 * JsonCreator} with unnamed parameters). The names are used exactly as Jackson would use those
 * {@code -parameters} records: for a parameter whose name the class file does record, Jackson's own
 * is used, and an explicit {@code @JsonProperty} wins over both.
 *
 * <p>Support for generated code, not a user API: see the {@linkplain dev.burrow.runtime.codec
 * package}.
 */
public final class ParameterNames {
  private final Class<?> type;

  /**
   * Which member the names are for: null for the only non-private constructor, {@code "<init>"} for
   * the {@code @JsonCreator} constructor, otherwise the {@code @JsonCreator} static factory of that
   * name.
   */
  private final @Nullable String creator;

  private final List<String> names;

  private static final String CONSTRUCTOR = "<init>";

  /** Named, not imported: the annotations are databind's dependency, not this module's. */
  private static final String JSON_CREATOR = "com.fasterxml.jackson.annotation.JsonCreator";

  private ParameterNames(Class<?> type, @Nullable String creator, List<String> names) {
    this.type = type;
    this.creator = creator;
    this.names = names;
  }

  /**
   * The names of the parameters of {@code type}'s only non-private constructor, in order.
   *
   * @throws IllegalArgumentException if no names are given (a no-argument constructor needs none)
   */
  public static ParameterNames of(Class<?> type, String... names) {
    return create(type, null, names);
  }

  /**
   * The names of the parameters of {@code type}'s constructor annotated {@code @JsonCreator} that
   * takes as many parameters as there are names, in order.
   *
   * @throws IllegalArgumentException if no names are given
   */
  public static ParameterNames ofCreator(Class<?> type, String... names) {
    return create(type, CONSTRUCTOR, names);
  }

  /**
   * The names of the parameters of {@code type}'s static method {@code factory} annotated {@code
   * JsonCreator} that takes as many parameters as there are names, in order.
   *
   * @throws IllegalArgumentException if no names are given
   */
  public static ParameterNames ofFactory(Class<?> type, String factory, String... names) {
    if (Objects.requireNonNull(factory).isEmpty() || factory.equals(CONSTRUCTOR)) {
      throw new IllegalArgumentException("no factory method name: " + factory);
    }
    return create(type, factory, names);
  }

  private static ParameterNames create(Class<?> type, @Nullable String creator, String... names) {
    if (names.length == 0) {
      throw new IllegalArgumentException("no parameter names for " + type.getName());
    }
    return new ParameterNames(Objects.requireNonNull(type), creator, List.of(names));
  }

  Class<?> type() {
    return type;
  }

  /**
   * The name of parameter {@code index} of {@code member}, or null if these names are not for it:
   * it is not the member they name ({@link #type}'s only non-private constructor, or its {@code
   * JsonCreator} constructor or factory), it does not take as many parameters as there are names
   * (the class changed since it was compiled), or the class file names the parameter itself.
   */
  @Nullable String nameOf(Executable member, int index) {
    if (member.getDeclaringClass() != type
        || member.getParameterCount() != names.size()
        || index < 0
        || index >= names.size()
        || member.getParameters()[index].isNamePresent()
        || !isFor(member)) {
      return null;
    }
    return names.get(index);
  }

  private boolean isFor(Executable member) {
    if (creator == null) {
      if (!(member instanceof Constructor<?>) || Modifier.isPrivate(member.getModifiers())) {
        return false;
      }
      long nonPrivate =
          Arrays.stream(type.getDeclaredConstructors())
              .filter(c -> !Modifier.isPrivate(c.getModifiers()))
              .count();
      return nonPrivate == 1;
    }
    boolean kind =
        creator.equals(CONSTRUCTOR)
            ? member instanceof Constructor<?>
            : member instanceof Method method
                && Modifier.isStatic(method.getModifiers())
                && method.getName().equals(creator);
    return kind
        && Arrays.stream(member.getDeclaredAnnotations())
            .anyMatch(a -> a.annotationType().getName().equals(JSON_CREATOR));
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof ParameterNames that
        && that.type == type
        && Objects.equals(that.creator, creator)
        && that.names.equals(names);
  }

  @Override
  public int hashCode() {
    return (type.hashCode() * 31 + Objects.hashCode(creator)) * 31 + names.hashCode();
  }

  @Override
  public String toString() {
    return type.getName() + (creator == null ? "" : "." + creator) + names;
  }
}
