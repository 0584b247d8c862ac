package dev.burrow;

import java.time.Instant;

/**
 * A Snowflake ID taken apart by {@link #parse(String)} or {@link SnowflakeLayout#parse(long)}.
 *
 * @param value the 64-bit ID itself (never negative)
 * @param timestampMillis when it was generated, in milliseconds since 1970 (the layout's epoch
 *     already added)
 * @param worker the worker number of the generator that made it
 * @param sequence its position among the IDs of that worker and millisecond
 */
public record SnowflakeId(long value, long timestampMillis, int worker, int sequence) {

  /**
   * Takes apart an ID made with the default layout ({@link SnowflakeLayout#defaults()}), as every
   * store's {@code create()} makes them.
   *
   * @throws InvalidIdException if {@code id} is not the decimal form of a non-negative 64-bit
   *     number
   */
  public static SnowflakeId parse(String id) {
    return SnowflakeLayout.defaults().parse(id);
  }

  /** {@link #timestampMillis()} as an instant. */
  public Instant timestamp() {
    return Instant.ofEpochMilli(timestampMillis);
  }

  /** The decimal string form, as IDs travel in JSON and name directories. */
  @Override
  public String toString() {
    return Long.toString(value);
  }
}
