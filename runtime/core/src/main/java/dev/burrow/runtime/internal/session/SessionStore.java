package dev.burrow.runtime.internal.session;

import dev.burrow.EventLog;
import dev.burrow.InstanceDirectory;
import dev.burrow.InstanceFiles;
import dev.burrow.InstanceLock;
import java.time.Duration;

/**
 * What sessions reach of the store they were made on. The store hands its factories this view of
 * itself, so sessions depend on the operations they use and never on the store's class.
 *
 * @param <T> the instance type
 */
public interface SessionStore<T> {
  /** The name of the store's kind, for messages. */
  String kind();

  /**
   * The check every operation of the store makes first.
   *
   * @throws dev.burrow.MisuseException if the store was closed
   */
  void requireOpen();

  /**
   * Creates an instance with a new ID and fresh defaults.
   *
   * @return its ID
   */
  String create();

  /**
   * The stored instance.
   *
   * @throws dev.burrow.InstanceNotFoundException if there is none
   */
  T get(String id);

  /**
   * The instance's directory on this host and its declared subdirectories.
   *
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   */
  InstanceDirectory dirs(String id);

  /** The instance's files. */
  InstanceFiles files(String id);

  /** The instance's event log of events of type {@code type}. */
  <E> EventLog<E> events(String id, Class<E> type);

  /** Takes the instance's lock, waiting at most {@code timeout}. */
  InstanceLock lock(String id, Duration timeout);

  /** How long {@link #lock} waits when the caller names no timeout. */
  Duration lockTimeout();
}
