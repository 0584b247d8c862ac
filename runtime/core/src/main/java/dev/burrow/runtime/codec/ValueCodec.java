package dev.burrow.runtime.codec;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * Writes and reads one non-null value of type {@code V} with Jackson's streaming API.
 * Implementations are stateless and thread-safe. {@code null} is handled by the caller.
 *
 * <p>Support for generated code, not a user API: see the {@linkplain dev.burrow.runtime.codec
 * package}.
 *
 * @param <V> the value type
 */
public interface ValueCodec<V> {

  /** Writes {@code value} at the generator's current position. */
  void write(JsonGenerator out, V value);

  /**
   * Reads the value that starts at the parser's current token, which is not {@code VALUE_NULL}, and
   * leaves the parser on the value's last token.
   *
   * @throws DocumentFormatException if the token does not hold a value of this type
   */
  V read(JsonParser in);
}
