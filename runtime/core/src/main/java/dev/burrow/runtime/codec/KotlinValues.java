package dev.burrow.runtime.codec;

import org.jspecify.annotations.Nullable;

/**
 * Reads the properties of Kotlin classes whose types have nullable type arguments, such as {@code
 * List<String?>}. The getter kotlinc compiles declares {@code List<String>}: a class file has no
 * way to say that the elements may be null, so Java code that holds the value as the Kotlin type
 * says, {@code List<@Nullable String>}, names that type here.
 *
 * <p>Support for generated code, not a user API: see the {@linkplain dev.burrow.runtime.codec
 * package}.
 */
public final class KotlinValues {
  private KotlinValues() {}

  /**
   * {@code value}, the value of a Kotlin property, as its Kotlin type {@code T}: the same object,
   * checked to be a {@code type}, whose type arguments admit null where the Kotlin type's do.
   *
   * @throws ClassCastException if {@code value} is not a {@code type}
   */
  // The cast changes only the nullness of type arguments, which the getter's class file does not
  // carry and the JVM never checks; the caller names the property's own Kotlin type.
  @SuppressWarnings("unchecked")
  public static <T> T withNullableArguments(Object value, Class<? super T> type) {
    if (!type.isInstance(value)) {
      throw new ClassCastException(value.getClass().getName() + " is not a " + type.getName());
    }
    return (T) value;
  }

  /** Like {@link #withNullableArguments}, for a property that may hold null. */
  public static <T> @Nullable T withNullableArgumentsOrNull(
      @Nullable Object value, Class<? super T> type) {
    return value == null ? null : withNullableArguments(value, type);
  }
}
