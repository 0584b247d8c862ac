package dev.burrow.postgres.internal;

import dev.burrow.InstanceLock;
import dev.burrow.MisuseException;
import java.util.List;
import java.util.OptionalLong;

/**
 * A held lease on one instance in the PostgreSQL backend. Renewed in the background while held;
 * released by {@link #close()}. Writes by its backend from the holding thread carry its fence and
 * are rejected by the database, with {@link dev.burrow.LockLostException}, once the lease has
 * expired or been taken over.
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
  public List<String> instanceIds() {
    return List.of(instanceId);
  }

  /**
   * The fencing epoch of this grant: every later grant of the same instance's lock has a larger
   * one. Hand it to a system outside Burrow that should refuse work from a holder whose lease has
   * since passed to another.
   */
  @Override
  public OptionalLong fencingToken() {
    return OptionalLong.of(fence.epoch());
  }

  /** What this grant's writes carry. */
  Fence fence() {
    return fence;
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    if (!entry.lock.isHeldByCurrentThread()) {
      throw new MisuseException(
          "the lock of instance '"
              + instanceId
              + "' was closed by a"
              + " thread that does not hold it; close it on the thread that took it (it stays"
              + " held)");
    }
    closed = true;
    leases.release(instanceId, entry);
  }
}
