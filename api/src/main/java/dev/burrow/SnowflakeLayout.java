package dev.burrow;

import dev.burrow.internal.Printable;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * How a 64-bit Snowflake ID is cut up: from the top, a sign bit that is always 0, then milliseconds
 * since a custom epoch, the worker number, and a per-millisecond sequence.
 *
 * <p>The {@linkplain #defaults() default} is 41 / 10 / 12 bits from 2024-01-01T00:00:00Z: 1024
 * workers, 4096 IDs per millisecond per worker (4.096 million a second), timestamps until 2093.
 * Everything here is a few shifts and masks; instances are immutable.
 */
public final class SnowflakeLayout {

  /** The default epoch, 2024-01-01T00:00:00Z. */
  public static final Instant DEFAULT_EPOCH = Instant.parse("2024-01-01T00:00:00Z");

  private static final int PAYLOAD_BITS = 63;
  private static final int MAX_FIELD_BITS = 31;
  private static final SnowflakeLayout DEFAULTS =
      new SnowflakeLayout(41, 10, 12, DEFAULT_EPOCH.toEpochMilli());

  private final int timestampBits;
  private final int workerBits;
  private final int sequenceBits;
  private final long epochMillis;

  private SnowflakeLayout(int timestampBits, int workerBits, int sequenceBits, long epochMillis) {
    this.timestampBits = timestampBits;
    this.workerBits = workerBits;
    this.sequenceBits = sequenceBits;
    this.epochMillis = epochMillis;
  }

  /** 41-bit milliseconds since {@link #DEFAULT_EPOCH}, 10-bit worker, 12-bit sequence. */
  public static SnowflakeLayout defaults() {
    return DEFAULTS;
  }

  /**
   * A custom layout, checked against the system clock.
   *
   * @param timestampBits bits of milliseconds since {@code epoch}; the three widths add up to 63
   * @param workerBits bits of worker number, 1 to 31 ({@code 2^workerBits} workers)
   * @param sequenceBits bits of per-millisecond sequence, 1 to 31
   * @param epoch time zero of the timestamp field: not before 1970 and not in the future
   * @throws IllegalArgumentException if a width is out of range, the widths do not add up to 63,
   *     the epoch is out of range, or the timestamp field has already run out
   */
  public static SnowflakeLayout of(
      int timestampBits, int workerBits, int sequenceBits, Instant epoch) {
    return of(timestampBits, workerBits, sequenceBits, epoch, System.currentTimeMillis());
  }

  /**
   * {@link #of(int, int, int, Instant)} checked against the time {@code now} instead of the system
   * clock, so that a layout can be checked ahead of time.
   *
   * @throws IllegalArgumentException as {@link #of(int, int, int, Instant)} does
   */
  public static SnowflakeLayout of(
      int timestampBits, int workerBits, int sequenceBits, Instant epoch, Instant now) {
    return of(timestampBits, workerBits, sequenceBits, epoch, millisOf(now));
  }

  private static SnowflakeLayout of(
      int timestampBits, int workerBits, int sequenceBits, Instant epoch, long nowMillis) {
    requireRange("workerBits", workerBits);
    requireRange("sequenceBits", sequenceBits);
    if (timestampBits < 1 || timestampBits + workerBits + sequenceBits != PAYLOAD_BITS) {
      throw new IllegalArgumentException(
          "Snowflake layout bits must add up to 63 (the sign bit stays 0), with each at least 1:"
              + " timestampBits="
              + timestampBits
              + ", workerBits="
              + workerBits
              + ", sequenceBits="
              + sequenceBits);
    }
    if (epoch.isBefore(Instant.EPOCH)) {
      throw new IllegalArgumentException("Snowflake layout epoch " + epoch + " is before 1970");
    }
    long epochMillis = millisOf(epoch);
    if (epochMillis > nowMillis) {
      throw new IllegalArgumentException(
          "Snowflake layout epoch "
              + epoch
              + " is in the future (now "
              + Instant.ofEpochMilli(nowMillis)
              + ")");
    }
    SnowflakeLayout layout =
        new SnowflakeLayout(timestampBits, workerBits, sequenceBits, epochMillis);
    if (nowMillis - epochMillis > layout.maxTimestampOffset()) {
      throw new IllegalArgumentException(
          "Snowflake layout with "
              + timestampBits
              + " timestamp bits from "
              + epoch
              + " ran out at "
              + Instant.ofEpochMilli(layout.lastMillis()));
    }
    return layout;
  }

  /**
   * {@code instant}'s milliseconds since 1970, or the nearest a long holds for an instant beyond
   * them (such as {@link Instant#MAX}), so that the checks refuse it rather than overflow.
   */
  private static long millisOf(Instant instant) {
    try {
      return instant.toEpochMilli();
    } catch (ArithmeticException beyond) {
      return instant.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static void requireRange(String name, int bits) {
    if (bits < 1 || bits > MAX_FIELD_BITS) {
      throw new IllegalArgumentException(
          "Snowflake layout " + name + " must be 1 to " + MAX_FIELD_BITS + ", was " + bits);
    }
  }

  /** Bits of milliseconds since the epoch. */
  public int timestampBits() {
    return timestampBits;
  }

  /** Bits of worker number. */
  public int workerBits() {
    return workerBits;
  }

  /** Bits of per-millisecond sequence. */
  public int sequenceBits() {
    return sequenceBits;
  }

  /** Time zero of the timestamp field. */
  public Instant epoch() {
    return Instant.ofEpochMilli(epochMillis);
  }

  /** Time zero of the timestamp field, in milliseconds since 1970. */
  public long epochMillis() {
    return epochMillis;
  }

  /** How many worker numbers exist: {@code 2^workerBits}. */
  public int workerCount() {
    return 1 << workerBits;
  }

  /** How many IDs one worker can make per millisecond: {@code 2^sequenceBits}. */
  public int sequencesPerMillisecond() {
    return 1 << sequenceBits;
  }

  /** The last millisecond (since 1970) this layout can represent. */
  public long lastMillis() {
    return epochMillis + maxTimestampOffset();
  }

  /** The largest timestamp offset from the epoch, in milliseconds, that fits the layout. */
  public long maxTimestampOffset() {
    return (1L << timestampBits) - 1;
  }

  /**
   * Builds an ID from its parts.
   *
   * @throws IllegalArgumentException if a part does not fit its field
   */
  public long compose(long timestampMillis, int worker, int sequence) {
    long offset = timestampMillis - epochMillis;
    if (offset < 0 || offset > maxTimestampOffset()) {
      throw new IllegalArgumentException(
          "timestamp "
              + Instant.ofEpochMilli(timestampMillis)
              + " is outside this layout's range "
              + epoch()
              + " .. "
              + Instant.ofEpochMilli(lastMillis()));
    }
    if (worker < 0 || worker >= workerCount()) {
      throw new IllegalArgumentException(
          "worker " + worker + " is outside 0.." + (workerCount() - 1));
    }
    if (sequence < 0 || sequence >= sequencesPerMillisecond()) {
      throw new IllegalArgumentException(
          "sequence " + sequence + " is outside 0.." + (sequencesPerMillisecond() - 1));
    }
    return (offset << (workerBits + sequenceBits)) | ((long) worker << sequenceBits) | sequence;
  }

  /**
   * Takes an ID apart into timestamp, worker and sequence.
   *
   * @throws InvalidIdException if {@code id} is negative (no Snowflake ID is)
   */
  public SnowflakeId parse(long id) {
    if (id < 0) {
      throw new InvalidIdException(Long.toString(id), "a Snowflake ID is never negative");
    }
    long sequence = id & ((1L << sequenceBits) - 1);
    long worker = (id >>> sequenceBits) & ((1L << workerBits) - 1);
    long offset = id >>> (sequenceBits + workerBits);
    return new SnowflakeId(id, epochMillis + offset, (int) worker, (int) sequence);
  }

  /**
   * Takes apart an ID in its decimal string form (as a store's generated IDs hold it and as it
   * travels in JSON).
   *
   * @throws InvalidIdException if {@code id} is not the canonical decimal form of a non-negative
   *     64-bit number
   */
  public SnowflakeId parse(String id) {
    long value;
    try {
      value = Long.parseLong(id);
    } catch (NumberFormatException e) {
      throw new InvalidIdException(Printable.of(id), "not a decimal 64-bit Snowflake ID");
    }
    if (value < 0 || !Long.toString(value).equals(id)) {
      throw new InvalidIdException(
          Printable.of(id),
          "a Snowflake ID is a non-negative decimal without sign or leading zeros");
    }
    return parse(value);
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof SnowflakeLayout that
        && timestampBits == that.timestampBits
        && workerBits == that.workerBits
        && sequenceBits == that.sequenceBits
        && epochMillis == that.epochMillis;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(epochMillis) * 31
        + (timestampBits << 10)
        + (workerBits << 5)
        + sequenceBits;
  }

  @Override
  public String toString() {
    return "SnowflakeLayout["
        + timestampBits
        + "/"
        + workerBits
        + "/"
        + sequenceBits
        + " from "
        + epoch()
        + "]";
  }
}
