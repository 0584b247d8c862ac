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
  private final InstanceLock hold;
  private final Fence fence;

  LeaseLock(InstanceLock hold, Fence fence) {
    this.hold = hold;
    this.fence = fence;
  }

  @Override
  public List<String> instanceIds() {
    return hold.instanceIds();
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

  /**
   * Ends this hold; the thread's last hold releases the lease row.
   *
   * @throws MisuseException if the calling thread does not hold the lock (it stays held)
   */
  @Override
  public void close() {
    hold.close();
  }
}
