package dev.burrow.runtime.internal.id;

import dev.burrow.ClockMovedBackwardsException;
import dev.burrow.IdGenerator;
import dev.burrow.MisuseException;
import dev.burrow.SnowflakeLayout;
import dev.burrow.WorkerIdUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Makes 64-bit Snowflake IDs (see {@link SnowflakeLayout}) for one leased worker number: unique as
 * long as no other live generator holds the same number with the same layout, and increasing: each
 * ID is greater than every ID this generator returned before the call began.
 *
 * <p><b>Hot path.</b> One atomic increment of the packed timestamp and sequence of the last ID (a
 * compare-and-set once per millisecond to start a new one) and one {@link System#nanoTime()}; no
 * lock, no retry loop under contention, nothing that pins a virtual thread.
 *
 * <p><b>Time.</b> Timestamps come from a logical clock anchored on the wall clock at start and
 * advanced by the monotonic clock (moved forward to the wall clock about once a second, never
 * back), so stepping the wall clock backwards never moves IDs backwards.
 *
 * <p><b>Overflow.</b> When a millisecond's sequence numbers run out, the generator borrows the next
 * millisecond, up to {@linkplain Builder#maxLead the lead} ahead of the clock (4 ms by default); a
 * caller whose ID would be further ahead parks until the clock catches up. A worker therefore makes
 * at most {@link SnowflakeLayout#sequencesPerMillisecond()} IDs per millisecond on average (4.096
 * million a second with the default layout).
 *
 * <p><b>Start-up.</b> The lease's high-water mark bounds every timestamp a previous holder of the
 * number may have used (the generator records its own mark about a second ahead, one small write
 * per second). If the clock at start is at or below the mark, the generator waits until it is past
 * it. A mark up to that second and {@linkplain Builder#maxLead the lead} ahead is what a holder
 * that just stopped left (on this host or another), and is waited out; a clock further behind than
 * that is waited for at most {@linkplain Builder#maxStartupWait the start-up wait} (1 s by
 * default), so start-up waits at most about 2 s by default. A larger gap means the clock moved
 * backwards and {@link Builder#build()} throws {@link ClockMovedBackwardsException} instead of
 * risking a repeated ID.
 */
public final class SnowflakeGenerator implements IdGenerator, AutoCloseable {
  private static final long RESERVE_AHEAD_MILLIS = 1_000L;
  private static final long RENEW_BEFORE_MILLIS = RESERVE_AHEAD_MILLIS / 2;

  private static final String CLOCK_ADVICE =
      "; no ID was made. Set this host's clock right, or choose IdKind.UUID_V7";

  private final SnowflakeLayout layout;
  private final WorkerLease lease;
  private final LogicalClock clock;
  private final long epochMillis;
  private final int sequenceBits;
  private final int workerBits;
  private final long sequenceMask;
  private final long workerPart;
  private final long maxOffset;
  private final long maxLeadMillis;

  /** The last ID's timestamp offset (since the epoch) and sequence, packed. */
  private final AtomicLong last;

  private final ReentrantLock reserveLock = new ReentrantLock();

  /** Offset up to which the lease has a recorded high-water mark. */
  private volatile long reservedUntil = Long.MIN_VALUE;

  /** Offset from which the hot path records a new mark. */
  private volatile long renewFrom = Long.MIN_VALUE;

  /** Guarded by {@link #reserveLock}. */
  private boolean closed;

  /**
   * Whether recording a mark ever failed: the lease may then be lost, so its mark is never lowered.
   * Guarded by {@link #reserveLock}.
   */
  private boolean markUnsure;

  private SnowflakeGenerator(Builder builder) {
    this.layout = builder.layout;
    this.clock = new LogicalClock(builder.clock);
    this.epochMillis = layout.epochMillis();
    this.sequenceBits = layout.sequenceBits();
    this.workerBits = layout.workerBits();
    this.sequenceMask = (1L << sequenceBits) - 1;
    this.maxOffset = layout.maxTimestampOffset();
    this.maxLeadMillis = builder.maxLead.toMillis();
    this.lease = builder.workers.acquire(layout.workerCount());
    try {
      this.workerPart = (long) lease.workerId() << sequenceBits;
      long start = startMillis(builder.maxStartupWait) - epochMillis;
      this.last = new AtomicLong((start << sequenceBits) - 1); // as if (start - 1) were full
      reserve(start);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  /** Starts configuring a generator whose worker number comes from {@code workers}. */
  public static Builder builder(WorkerIdAllocator workers) {
    return new Builder(workers);
  }

  private long startMillis(Duration maxStartupWait) {
    long now = clock.millis();
    long highWater = lease.highWaterMillis();
    if (now <= highWater) {
      Duration allowed = maxStartupWait.plusMillis(RESERVE_AHEAD_MILLIS + maxLeadMillis);
      if (highWater + 1 - now > allowed.toMillis()) {
        throw new ClockMovedBackwardsException(lease.workerId(), highWater, now, allowed);
      }
      now = clock.awaitMillis(highWater + 1);
    }
    if (now < epochMillis) {
      throw new MisuseException(
          "the clock reads "
              + Instant.ofEpochMilli(now)
              + ", before the epoch "
              + layout.epoch()
              + " of the Snowflake layout"
              + CLOCK_ADVICE);
    }
    return now;
  }

  /**
   * Returns a new ID, greater than every ID this generator returned before this call began.
   *
   * @throws MisuseException if the layout's timestamp field has run out (the clock is past it)
   * @throws MisuseException if the generator was closed
   * @throws dev.burrow.StorageException if the lease's high-water mark cannot be recorded
   */
  public long next() {
    long now = clock.millis() - epochMillis;
    long candidate = TimestampCounter.claim(last, now, sequenceBits, now << sequenceBits);
    long offset = candidate >>> sequenceBits;
    if (offset > now + maxLeadMillis) {
      clock.awaitMillis(epochMillis + offset - maxLeadMillis);
    }
    if (offset >= renewFrom) {
      reserve(offset);
    }
    return ((candidate & ~sequenceMask) << workerBits) | workerPart | (candidate & sequenceMask);
  }

  /** {@link #next()} in decimal, the form IDs take in JSON and directory names. */
  @Override
  public String nextId() {
    return Long.toString(next());
  }

  /** Makes sure the lease's high-water mark covers {@code offset} before it is used. */
  private void reserve(long offset) {
    if (offset > maxOffset) {
      throw new MisuseException(
          "the clock reads "
              + Instant.ofEpochMilli(epochMillis + offset)
              + ", past "
              + Instant.ofEpochMilli(layout.lastMillis())
              + ", where the timestamps of the Snowflake layout run out"
              + CLOCK_ADVICE);
    }
    if (offset <= reservedUntil) {
      if (!reserveLock.tryLock()) {
        return; // covered already, and another thread is renewing
      }
    } else {
      reserveLock.lock();
    }
    try {
      if (closed) {
        throw new MisuseException(
            "this Snowflake generator (worker " + lease.workerId() + ") was closed");
      }
      if (offset >= renewFrom) {
        long until = Math.min(offset + RESERVE_AHEAD_MILLIS, maxOffset);
        try {
          lease.recordHighWater(epochMillis + until);
        } catch (RuntimeException e) {
          markUnsure = true;
          throw e;
        }
        reservedUntil = until;
        renewFrom = until - RENEW_BEFORE_MILLIS;
      }
    } finally {
      reserveLock.unlock();
    }
  }

  /** The leased worker number in every ID this generator makes. */
  public int workerId() {
    return lease.workerId();
  }

  /** The layout of this generator's IDs. */
  public SnowflakeLayout layout() {
    return layout;
  }

  /**
   * Releases the worker lease. Later calls to {@link #next()} throw {@link MisuseException}. The
   * next holder of the number starts after every ID made here: the lease's high-water mark is
   * lowered to the timestamp of the last ID made (where the lease kind can, see {@link
   * WorkerLease#closeAfterLastId}), so a holder taking the number right away starts at once; if
   * recording a mark ever failed, the mark is kept as it is and the next holder waits it out. Costs
   * one durable write of the mark for a file lease, one statement for a database lease.
   */
  @Override
  public void close() {
    reserveLock.lock();
    try {
      if (!closed) {
        closed = true;
        reservedUntil = Long.MIN_VALUE;
        renewFrom = Long.MIN_VALUE;
        // A call of next() that read renewFrom before the line above has already advanced last,
        // and one that reads it after goes to reserve() and fails, so last bounds every ID made.
        if (markUnsure) {
          lease.close();
        } else {
          lease.closeAfterLastId(epochMillis + (last.get() >> sequenceBits));
        }
      }
    } finally {
      reserveLock.unlock();
    }
  }

  @Override
  public String toString() {
    return "SnowflakeGenerator[worker " + lease.workerId() + ", " + layout + "]";
  }

  /** Options of a {@link SnowflakeGenerator}; every one has a default. */
  public static final class Builder {
    private final WorkerIdAllocator workers;
    private SnowflakeLayout layout = SnowflakeLayout.defaults();
    private IdClock clock = IdClock.system();
    private Duration maxLead = Duration.ofMillis(4);
    private Duration maxStartupWait = Duration.ofSeconds(1);

    private Builder(WorkerIdAllocator workers) {
      this.workers = workers;
    }

    /** The ID layout; {@link SnowflakeLayout#defaults()} unless set. */
    public Builder layout(SnowflakeLayout layout) {
      this.layout = layout;
      return this;
    }

    /** The time source; {@link IdClock#system()} unless set. */
    public Builder clock(IdClock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * How far ahead of the clock a burst may borrow timestamps once a millisecond's sequence
     * numbers are used up, in whole milliseconds; 4 ms unless set, 0 to never borrow. IDs made in a
     * burst carry a timestamp up to this much later than the moment they were made. The lead also
     * keeps a generator at full speed through scheduling delays shorter than it: a thread woken
     * late can still use the milliseconds it slept through.
     */
    public Builder maxLead(Duration maxLead) {
      if (maxLead.isNegative()) {
        throw new IllegalArgumentException("maxLead must not be negative, was " + maxLead);
      }
      this.maxLead = maxLead;
      return this;
    }

    /**
     * The longest {@link #build()} waits for a clock behind the lease's high-water mark, beyond the
     * second and the lead by which a previous holder's mark runs ahead of its clock (see the class
     * comment); 1 s unless set. A larger gap throws {@link ClockMovedBackwardsException}.
     */
    public Builder maxStartupWait(Duration maxStartupWait) {
      if (maxStartupWait.isNegative()) {
        throw new IllegalArgumentException(
            "maxStartupWait must not be negative, was " + maxStartupWait);
      }
      this.maxStartupWait = maxStartupWait;
      return this;
    }

    /**
     * Acquires a worker number and starts the generator.
     *
     * @throws WorkerIdUnavailableException if no worker number is free
     * @throws ClockMovedBackwardsException if the clock is further behind the lease's high-water
     *     mark than the start-up wait allows
     * @throws MisuseException if the clock is before the layout's epoch
     * @throws dev.burrow.StorageException if the lease cannot be written
     */
    public SnowflakeGenerator build() {
      return new SnowflakeGenerator(this);
    }
  }
}
