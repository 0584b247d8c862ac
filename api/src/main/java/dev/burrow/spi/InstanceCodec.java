package dev.burrow.spi;

/**
 * Turns values into their stored JSON document (UTF-8) and back.
 *
 * <p>{@link #decode} throws a {@link RuntimeException} that says what is wrong when the bytes are
 * not a valid document (malformed JSON, wrong types, a missing required field, an unknown field
 * under {@code UnknownFields.FAIL}); the runtime reports it as a {@link
 * dev.burrow.CorruptInstanceException} naming the file. A component missing from the document gets
 * its default, so documents written before the component existed still read.
 *
 * @param <T> the instance type
 */
public interface InstanceCodec<T> {

  /** The value as a flat, human-readable JSON object in UTF-8. */
  byte[] encode(T instance);

  /** The value stored in {@code json}. */
  T decode(byte[] json);
}
