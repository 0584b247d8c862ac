package dev.burrow;

import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An {@link Indexed} component of the instance type {@code T}, whose values have type {@code V}:
 * the generated {@code XIndex} class holds one constant per indexed component. {@link #equalTo}
 * makes the {@link Condition} a store's {@code where} takes.
 *
 * <p>Each value has one <em>key</em>, its stable text form ({@code "RUNNING"} for an enum constant,
 * {@code "42"} for a number, ISO-8601 for times); two values match when their keys are equal, which
 * for every type {@code @Indexed} allows is when they are {@code equals}. Immutable and
 * thread-safe.
 *
 * @param <T> the instance type
 * @param <V> the component's type, {@code @Nullable} when the component is
 */
public final class IndexedField<T, V extends @Nullable Object> {
  private final String name;
  private final Function<T, V> read;
  private final Function<Object, String> key;
  private final boolean nullable;

  @SuppressWarnings("unchecked") // the key function is only ever applied to a V
  private IndexedField(
      String name, Function<T, V> read, Function<?, String> key, boolean nullable) {
    this.name = Objects.requireNonNull(name, "name");
    this.read = Objects.requireNonNull(read, "read");
    this.key = (Function<Object, String>) Objects.requireNonNull(key, "key");
    this.nullable = nullable;
  }

  /**
   * The non-null component {@code name}, read by {@code read}, whose values have the text form
   * {@code key}. For generated code.
   */
  public static <T, V> IndexedField<T, V> of(
      String name, Function<T, V> read, Function<V, String> key) {
    return new IndexedField<>(name, read, key, false);
  }

  /**
   * The nullable component {@code name}, read by {@code read}, whose non-null values have the text
   * form {@code key}. For generated code.
   */
  public static <T, V> IndexedField<T, @Nullable V> ofNullable(
      String name, Function<T, @Nullable V> read, Function<V, String> key) {
    return new IndexedField<T, @Nullable V>(name, read, key, true);
  }

  /** The component's name, which is also its JSON field name. */
  public String name() {
    return name;
  }

  /** Whether null is a value of the component. */
  public boolean nullable() {
    return nullable;
  }

  /**
   * The condition "this component equals {@code value}"; null matches the instances without a
   * value.
   *
   * @throws MisuseException if {@code value} is null and the component is not nullable
   */
  public Condition<T> equalTo(V value) {
    return new Condition<>(this, keyOfValue(value));
  }

  /**
   * The key of {@code instance}'s value of this component, or null if it has none.
   *
   * @throws MisuseException if the value is null and the component is not nullable
   */
  public @Nullable String keyOf(T instance) {
    V value = read.apply(instance);
    if (value == null && !nullable) {
      throw new MisuseException(
          "component '"
              + name
              + "' of the value is null, but it is not @Nullable: give it a value");
    }
    return keyOfValue(value);
  }

  private @Nullable String keyOfValue(@Nullable V value) {
    if (value == null) {
      if (!nullable) {
        throw new MisuseException(
            "component '" + name + "' is not nullable, so no instance has the value null");
      }
      return null;
    }
    return key.apply(value);
  }

  /** The component's name. */
  @Override
  public String toString() {
    return name;
  }
}
