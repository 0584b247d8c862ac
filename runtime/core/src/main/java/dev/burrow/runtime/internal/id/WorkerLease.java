package dev.burrow.runtime.internal.id;

import dev.burrow.MisuseException;
import dev.burrow.WorkerIdUnavailableException;

/**
 * A worker number held by one Snowflake generator, plus the lease's high-water mark: a time no ID
 * with this worker number can have gone past. Generators record a new mark before they hand out IDs
 * beyond the old one, so whoever takes the number next (after a crash too) starts after it and
 * cannot repeat an ID.
 *
 * <p>Implementations: {@link WorkerIds#fileLeases}, {@link WorkerIds#fixed} and {@link
 * WorkerIds#unsafeHashOfHostAndPid}; a database-backed lease implements the same interface.
 */
public interface WorkerLease extends AutoCloseable {

  /** The worker number, {@code 0 <= workerId < workerCount} as requested. */
  int workerId();

  /**
   * The high-water mark left by previous holders, in milliseconds since 1970: their IDs all have
   * timestamps at or below it. {@link Long#MIN_VALUE} when nothing is known.
   */
  long highWaterMillis();

  /**
   * Records that IDs with timestamps up to {@code timestampMillis} may now exist. Returns only once
   * the mark is stored where a later holder will see it. Called about once a second.
   *
   * @throws dev.burrow.StorageException if the mark cannot be stored; the generator then makes no
   *     ID beyond the previous mark
   * @throws MisuseException if the lease has been released
   * @throws WorkerIdUnavailableException if the lease was lost (taken over by another holder after
   *     it expired); a new number must be leased
   */
  void recordHighWater(long timestampMillis);

  /** Gives the worker number back, keeping its high-water mark. Idempotent. */
  @Override
  void close();

  /**
   * Gives the worker number back after its holder's last ID, lowering the high-water mark to {@code
   * lastIdMillis} where this kind of lease can store that durably, so that the next holder need not
   * wait out the time the mark was recorded ahead of the clock. The caller guarantees that no ID
   * with this number and a later timestamp was or will be made under this lease. The mark is never
   * raised, and never lowered below what previous holders left. Costs at most one durable write; if
   * lowering fails the mark is kept and the number is given back all the same. By default the mark
   * is kept, as by {@link #close()}. Idempotent together with {@link #close()}.
   */
  default void closeAfterLastId(long lastIdMillis) {
    close();
  }
}
