package dev.burrow;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * "The indexed component {@link #field()} has the value whose key is {@link #key()}": one term of a
 * {@link Query}, made by {@link IndexedField#equalTo}. Immutable.
 *
 * @param <T> the instance type
 */
public final class Condition<T> {
  private final IndexedField<T, ?> field;
  private final @Nullable String key;

  Condition(IndexedField<T, ?> field, @Nullable String key) {
    this.field = field;
    this.key = key;
  }

  /** The indexed component. */
  public IndexedField<T, ?> field() {
    return field;
  }

  /** The key (stable text form) of the value looked for, or null for "no value". */
  public @Nullable String key() {
    return key;
  }

  /** Whether {@code instance}'s value of the component is the one looked for. */
  public boolean matches(T instance) {
    return Objects.equals(field.keyOf(instance), key);
  }

  /** Equal when they name the same component and key. */
  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof Condition<?> that
        && field.name().equals(that.field.name())
        && Objects.equals(key, that.key);
  }

  @Override
  public int hashCode() {
    return Objects.hash(field.name(), key);
  }

  /** Such as {@code status = "RUNNING"} or {@code branch is null}. */
  @Override
  public String toString() {
    return key == null ? field.name() + " is null" : field.name() + " = \"" + key + "\"";
  }
}
