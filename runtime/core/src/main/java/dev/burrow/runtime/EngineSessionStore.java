package dev.burrow.runtime;

import dev.burrow.EventLog;
import dev.burrow.InstanceDirectory;
import dev.burrow.InstanceFiles;
import dev.burrow.InstanceLock;
import dev.burrow.runtime.internal.session.SessionStore;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** What sessions reach of {@code engine}: each call is the engine's own. */
record EngineSessionStore<T>(StoreEngine<T> engine) implements SessionStore<T> {
  @Override
  public String kind() {
    return engine.schema().layout().name();
  }

  @Override
  public void requireOpen() {
    engine.requireOpen();
  }

  @Override
  public String create() {
    return engine.schema().id(engine.create(UnaryOperator.identity()));
  }

  @Override
  public T get(String id) {
    return engine.get(id);
  }

  @Override
  public InstanceDirectory dirs(String id) {
    return engine.dirs(id);
  }

  @Override
  public InstanceFiles files(String id) {
    return engine.files(id);
  }

  @Override
  public <E> EventLog<E> events(String id, Class<E> type) {
    return engine.events(id, type);
  }

  @Override
  public InstanceLock lock(String id, Duration timeout) {
    return engine.lock(id, timeout);
  }

  @Override
  public Duration lockTimeout() {
    return engine.options().lockTimeout();
  }
}
