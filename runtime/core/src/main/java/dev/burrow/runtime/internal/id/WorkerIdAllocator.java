package dev.burrow.runtime.internal.id;

import dev.burrow.WorkerIdUnavailableException;

/**
 * Hands out worker numbers to Snowflake generators. Implementations must never give the same number
 * to two live holders; see {@link WorkerIds} for the ones Burrow provides.
 */
public interface WorkerIdAllocator {

  /**
   * Takes a worker number below {@code workerCount} for the caller until the lease is closed (or
   * the process ends).
   *
   * @throws WorkerIdUnavailableException if every number is taken
   * @throws dev.burrow.StorageException if the allocator's storage fails
   */
  WorkerLease acquire(int workerCount);
}
