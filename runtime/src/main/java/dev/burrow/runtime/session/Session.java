package dev.burrow.runtime.session;

import dev.burrow.runtime.events.EventLog;
import dev.burrow.runtime.files.InstanceFiles;
import dev.burrow.runtime.lock.InstanceLock;
import dev.burrow.runtime.store.InstanceDirectory;
import dev.burrow.runtime.store.InstanceStore;
import java.time.Duration;
import java.util.function.UnaryOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything one unit of work on one instance needs, handed out by a {@link SessionFactory}:
 * the prepared value, the store, the instance's directories, files, event log and lock.
 * Cheap to create (it holds references; nothing is opened), thread-safe, and needs no
 * closing.
 *
 * @param <T> the instance type
 * @param <P> the prepared value
 */
public final class Session<T, P> {
  private final InstanceStore<T> store;
  private final InstanceDirectory dirs;
  private final P prepared;

  Session(InstanceStore<T> store, InstanceDirectory dirs, P prepared) {
    this.store = store;
    this.dirs = dirs;
    this.prepared = prepared;
  }

  /** The instance's ID. */
  public String id() {
    return dirs.instanceId();
  }

  /** The value the factory prepared, shared by all its sessions. */
  public P prepared() {
    return prepared;
  }

  /** The store. */
  public InstanceStore<T> store() {
    return store;
  }

  /**
   * The instance as stored now.
   *
   * @throws dev.burrow.InstanceNotFoundException if it was deleted
   */
  public T instance() {
    return store.get(id());
  }

  /** Updates the instance under its lock, as {@link InstanceStore#update} does. */
  public T update(UnaryOperator<T> change) {
    return store.update(id(), change);
  }

  /** The instance's directory and declared subdirectories. */
  public InstanceDirectory dirs() {
    return dirs;
  }

  /** Typed files inside the instance's directory. */
  public InstanceFiles files() {
    return InstanceFiles.of(dirs, store.options().durability(),
        JsonMapper.shared());
  }

  /** The instance's event log, with events of type {@code type}. */
  public <E> EventLog<E> events(Class<E> type) {
    return EventLog.of(store, id(), type);
  }

  /** Takes the instance's lock (threads and processes), waiting at most the store's lock timeout. */
  public InstanceLock lock() {
    return store.lock(id());
  }

  /** Takes the instance's lock, waiting at most {@code timeout}. */
  public InstanceLock lock(Duration timeout) {
    return store.lock(id(), timeout);
  }

  @Override
  public String toString() {
    return "Session[" + id() + "]";
  }
}
