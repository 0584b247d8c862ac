package dev.burrow.runtime.internal.transfer;

import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * A file's modification time as an archive (or a copy's source) gives it, with its precision: the
 * real time is at or after {@code time} and before {@code time} plus {@code precisionNanos}. An
 * archive that gives whole seconds only (a ustar header, another tool's pax record without a
 * fraction, a Burrow archive of a file whose time has none) says only which second; a Burrow
 * archive of a file with a fraction of a second gives the nanosecond.
 *
 * @param time the time as given, rounded down to its precision
 * @param precisionNanos what its last digit counts, in nanoseconds: 1 to 1,000,000,000
 */
record ArchivedTime(FileTime time, long precisionNanos) {
  private static final long SECOND = 1_000_000_000L;

  /** A time given in whole seconds only. */
  static ArchivedTime wholeSeconds(long seconds) {
    return new ArchivedTime(FileTime.from(seconds, TimeUnit.SECONDS), SECOND);
  }

  /** A time given to the nanosecond, as a file system gives it to a copy. */
  static ArchivedTime exact(FileTime time) {
    return new ArchivedTime(time, 1);
  }

  /**
   * Whether {@code held} is later than every time this one may stand for: at or after {@code time}
   * plus its precision. For a time to the nanosecond, whether {@code held} is later than it.
   */
  boolean isBefore(FileTime held) {
    Instant given = time.toInstant();
    return given.isBefore(Instant.MAX.minusNanos(precisionNanos))
        && !held.toInstant().isBefore(given.plusNanos(precisionNanos));
  }

  /** Whether this time is given to the nanosecond and {@code held} is that very time. */
  boolean isExactly(FileTime held) {
    return precisionNanos == 1 && held.toInstant().equals(time.toInstant());
  }

  /** Whether {@code held} is before the start of the second this time falls in. */
  boolean isInASecondAfter(FileTime held) {
    return held.toInstant().isBefore(Instant.ofEpochSecond(time.toInstant().getEpochSecond()));
  }
}
