package dev.burrow.runtime.pg;

import dev.burrow.runtime.lock.InstanceLock;

/**
 * A held lease on one instance in the PostgreSQL backend. Renewed in the background while
 * held; released by {@link #close()}. Writes by its backend from the holding thread carry
 * its fence and are rejected by the database, with {@link LeaseLostException}, once the lease
 * has expired or been taken over.
 */
public final class LeaseLock implements InstanceLock {
  private final Leases leases;
  private final String instanceId;
  private final Leases.Entry entry;
  private final Fence fence;
  private boolean closed;

  LeaseLock(Leases leases, String instanceId, Leases.Entry entry, Fence fence) {
    this.leases = leases;
    this.instanceId = instanceId;
    this.entry = entry;
    this.fence = fence;
  }

  @Override
  public String instanceId() {
    return instanceId;
  }

  /**
   * The fencing epoch of this grant: every later grant of the same instance's lock has a
   * larger one. Hand it to a system outside Burrow that should refuse work from a holder
   * whose lease has since passed to another.
   */
  public long epoch() {
    return fence.epoch();
  }

  /** What this grant's writes carry. */
  Fence fence() {
    return fence;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      leases.release(instanceId, entry);
    }
  }
}
