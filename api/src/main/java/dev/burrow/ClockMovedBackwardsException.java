package dev.burrow;

import java.time.Duration;
import java.time.Instant;

/**
 * Thrown when a Snowflake generator starts with the clock further behind its worker lease's
 * high-water mark than it is allowed to wait. Starting anyway could repeat IDs the previous holder
 * of the worker number handed out. Fix the clock, or allow a longer start-up wait.
 */
public class ClockMovedBackwardsException extends BurrowException {
  private static final long serialVersionUID = 1L;

  private final int worker;
  private final long highWaterMillis;
  private final long clockMillis;

  /**
   * Creates the exception.
   *
   * @param worker the leased worker number
   * @param highWaterMillis the lease's high-water mark, milliseconds since 1970
   * @param clockMillis the clock at start-up, milliseconds since 1970
   * @param maxWait the longest start-up wait the generator was allowed
   */
  public ClockMovedBackwardsException(
      int worker, long highWaterMillis, long clockMillis, Duration maxWait) {
    super(
        "clock "
            + Instant.ofEpochMilli(clockMillis)
            + " is "
            + (highWaterMillis - clockMillis)
            + " ms behind the high-water mark "
            + Instant.ofEpochMilli(highWaterMillis)
            + " of Snowflake worker "
            + worker
            + ", more than the allowed start-up wait of "
            + maxWait.toMillis()
            + " ms");
    this.worker = worker;
    this.highWaterMillis = highWaterMillis;
    this.clockMillis = clockMillis;
  }

  /** The leased worker number. */
  public int worker() {
    return worker;
  }

  /** The lease's high-water mark, milliseconds since 1970. */
  public long highWaterMillis() {
    return highWaterMillis;
  }

  /** The clock at start-up, milliseconds since 1970. */
  public long clockMillis() {
    return clockMillis;
  }
}
