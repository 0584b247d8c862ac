package dev.burrow.postgres.internal;

import java.util.concurrent.TimeUnit;

/**
 * One operation's wait, on the store's own connections, for a row lock another transaction holds,
 * until a deadline, in slices: each try's statement waits at most one renewal period ({@link
 * Renewer#periodMillis}, its {@code lock_timeout}), and between two tries the store's held leases
 * are renewed if a round is due. The renewer borrows from the same pool as the writes: while every
 * connection of the pool is held by a statement waiting for a row lock, it gets none, and its
 * leases would expire although their holder never paused.
 */
final class RowLockWait {
  private final Leases leases;
  private final long deadline;

  /** A wait until {@code deadline} ({@link System#nanoTime()}) for the store of {@code leases}. */
  RowLockWait(Leases leases, long deadline) {
    this.leases = leases;
    this.deadline = deadline;
  }

  /** The {@code lock_timeout} of the next try: what is left of the wait, at most a slice. */
  String setting() {
    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    return Statements.lockTimeout(Math.min(left, leases.renewalPeriodMillis()));
  }

  /**
   * After a try whose wait for a row lock ended at its {@code lock_timeout}: renews the store's
   * leases if a round is due, and says whether to try again.
   *
   * @return false, renewing nothing, once the deadline has passed
   */
  boolean next() {
    if (deadline - System.nanoTime() <= 0) {
      return false;
    }
    leases.renewIfDue();
    return true;
  }
}
