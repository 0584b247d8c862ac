package dev.burrow.runtime.internal.session;

import dev.burrow.EventLog;
import dev.burrow.InstanceDirectory;
import dev.burrow.InstanceFiles;
import dev.burrow.InstanceLock;
import dev.burrow.Session;
import dev.burrow.SessionFactory;
import java.time.Duration;

/**
 * Everything one unit of work on one instance needs, handed out by a {@link SessionFactory}: the
 * prepared value, the store, the instance's directories, files, event log and lock. Cheap to create
 * (it holds references; nothing is opened), thread-safe, and needs no closing.
 *
 * @param <T> the instance type
 * @param <P> the prepared value
 */
public final class DefaultSession<T, P> implements Session<T, P> {
  private final SessionStore<T> store;
  private final InstanceDirectory dirs;
  private final P prepared;

  DefaultSession(SessionStore<T> store, InstanceDirectory dirs, P prepared) {
    this.store = store;
    this.dirs = dirs;
    this.prepared = prepared;
  }

  @Override
  public String id() {
    return dirs.instanceId();
  }

  @Override
  public P prepared() {
    return prepared;
  }

  /**
   * The instance as stored now.
   *
   * @throws dev.burrow.InstanceNotFoundException if it was deleted
   */
  @Override
  public T instance() {
    return store.get(id());
  }

  @Override
  public InstanceDirectory dirs() {
    return dirs;
  }

  @Override
  public InstanceFiles files() {
    return store.files(id());
  }

  @Override
  public <E> EventLog<E> events(Class<E> type) {
    return store.events(id(), type);
  }

  @Override
  public InstanceLock lock() {
    return store.lock(id(), store.lockTimeout());
  }

  @Override
  public InstanceLock lock(Duration timeout) {
    return store.lock(id(), timeout);
  }

  @Override
  public String toString() {
    return "DefaultSession[" + id() + "]";
  }
}
