package dev.burrow;

import java.time.Duration;

/**
 * Everything one unit of work on one instance needs, handed out by a {@link SessionFactory}: the
 * prepared value, the instance's directories, files, event log and lock. Cheap to create (it holds
 * references; nothing is opened), thread-safe, and needs no closing. Change the instance through
 * the typed store, with {@link #id()}.
 *
 * <p>Once the store is closed, {@link #instance}, {@link #files}, {@link #events} and {@link #lock}
 * throw {@link MisuseException} naming the closed store, as the store does, and so does every use
 * of the files and event logs the session handed out before; {@link #id}, {@link #prepared} and
 * {@link #dirs} return what the session holds.
 *
 * @param <T> the instance type
 * @param <P> the prepared value
 */
public interface Session<T, P> {

  /** The instance's ID. */
  String id();

  /** The value the factory prepared, shared by all its sessions. */
  P prepared();

  /**
   * The instance as stored now.
   *
   * @throws InstanceNotFoundException if it was deleted
   */
  T instance();

  /** The instance's directory and declared subdirectories. */
  InstanceDirectory dirs();

  /**
   * Typed files inside the instance's directory.
   *
   * @throws InstanceNotFoundException if the instance was deleted
   */
  InstanceFiles files();

  /**
   * The instance's event log, with events of type {@code type}.
   *
   * @throws InstanceNotFoundException if the instance was deleted
   */
  <E> EventLog<E> events(Class<E> type);

  /**
   * Takes the instance's lock, waiting at most the store's lock timeout.
   *
   * @throws LockTimeoutException if it is not free in time
   */
  InstanceLock lock();

  /**
   * Takes the instance's lock, waiting at most {@code timeout}; a timeout of more than {@code 2^63
   * - 1} ns (about 292 years, such as {@code ChronoUnit.FOREVER.getDuration()}) waits forever.
   *
   * @throws LockTimeoutException if it is not free in time
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  InstanceLock lock(Duration timeout);
}
