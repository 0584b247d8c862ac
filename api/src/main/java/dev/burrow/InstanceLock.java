package dev.burrow;

import java.util.List;
import java.util.OptionalLong;

/**
 * An exclusive lock on one instance (or on several, taken in one global order), held across threads
 * and processes (and, on a database backend, across hosts) until {@link #close()}.
 *
 * <p>The lock is reentrant for the thread that holds it, and must be closed by that thread,
 * typically with try-with-resources. Closing twice is harmless; closing from another thread throws
 * {@link MisuseException} and leaves the lock held.
 *
 * <p>Closing the store that handed out the lock does not close the lock: close it all the same,
 * which still releases it, without throwing for the closed store. A closed store hands out no new
 * lock.
 */
public interface InstanceLock extends AutoCloseable {

  /** The locked instances' IDs, in the order they were locked. */
  List<String> instanceIds();

  /**
   * The fencing token of this grant, where the backend issues one (PostgreSQL leases): every later
   * grant of the same instance's lock has a larger one, so a system outside Burrow can refuse work
   * from a holder whose lock has since passed to another. Empty on the filesystem backend, whose
   * locks cannot be lost while the process lives, and for a lock of several instances taken by
   * {@code lockAll}, whose grants each have a token of their own: to read one, take that instance's
   * lock again inside it (reentrant, the same grant).
   */
  default OptionalLong fencingToken() {
    return OptionalLong.empty();
  }

  /**
   * Releases the lock. A release that fails (the OS refusing to unlock a file lock, the database
   * unreachable for a lease) is logged, never thrown, so it never replaces the outcome of the work
   * done under the lock: a file lock is released again before this process next takes it (until
   * then, or until the process ends, other processes may find it held), a lease lapses or is
   * reclaimed by its holder.
   *
   * @throws MisuseException if called from a thread that does not hold it; the lock stays held
   */
  @Override
  void close();
}
