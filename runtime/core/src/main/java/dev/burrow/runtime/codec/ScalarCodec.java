package dev.burrow.runtime.codec;

/**
 * A codec for a value with a single-string form, which can therefore also be a map key.
 *
 * <p>Support for generated code, not a user API: see the {@linkplain dev.burrow.runtime.codec
 * package}.
 *
 * @param <V> the value type
 */
public interface ScalarCodec<V> extends ValueCodec<V> {

  /** The value as a JSON object key. */
  String toKey(V value);

  /**
   * The value written as {@code key}.
   *
   * @throws DocumentFormatException if {@code key} is not a value of this type
   */
  V fromKey(String key);
}
