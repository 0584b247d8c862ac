package dev.burrow.runtime.testing;

import dev.burrow.Condition;
import dev.burrow.EventLog;
import dev.burrow.InstanceDirectory;
import dev.burrow.InstanceFiles;
import dev.burrow.InstanceLock;
import dev.burrow.Listing;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.PruneReport;
import dev.burrow.Query;
import dev.burrow.SessionFactory;
import dev.burrow.SharedFiles;
import dev.burrow.StoreOptions;
import dev.burrow.WorkspaceProvisioner;
import dev.burrow.runtime.StoreEngine;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * A typed store of {@link Counter}s over the engine, shaped like a generated store, for runtime
 * tests that cannot run the annotation processor (it is built after the runtime).
 */
public final class CounterStore implements AutoCloseable {
  private final StoreEngine<Counter> engine;

  public CounterStore(StoreEngine<Counter> engine) {
    this.engine = engine;
  }

  public StoreEngine<Counter> engine() {
    return engine;
  }

  public StoreOptions options() {
    return engine.options();
  }

  public CounterStore withProvisioner(WorkspaceProvisioner<Counter> provisioner) {
    return new CounterStore(engine.withProvisioner(provisioner));
  }

  public Counter create() {
    return engine.create(UnaryOperator.identity());
  }

  public Counter create(UnaryOperator<Counter> initializer) {
    return engine.create(initializer);
  }

  public Counter create(String id) {
    return engine.create(id, UnaryOperator.identity());
  }

  public Counter create(String id, UnaryOperator<Counter> initializer) {
    return engine.create(id, initializer);
  }

  public Counter get(String id) {
    return engine.get(id);
  }

  public Optional<Counter> find(String id) {
    return engine.find(id);
  }

  public Counter update(String id, UnaryOperator<Counter> change) {
    return engine.update(id, change);
  }

  public Counter updateOptimistic(String id, UnaryOperator<Counter> change) {
    return engine.updateOptimistic(id, change);
  }

  public Counter compareAndSet(Counter value) {
    return engine.compareAndSet(value);
  }

  public boolean delete(String id) {
    return engine.delete(id);
  }

  public List<Counter> list() {
    return engine.list();
  }

  public Page<Counter> list(PageRequest request) {
    return engine.list(request);
  }

  public Stream<Counter> stream() {
    return engine.stream();
  }

  public PruneReport prune(Predicate<Counter> which, Consumer<Counter> deleted) {
    return engine.prune(which, deleted);
  }

  public PruneReport deleteOlderThan(Duration age, Consumer<Counter> deleted) {
    return engine.deleteOlderThan(age, deleted);
  }

  public Listing<Counter> scan() {
    return engine.scan();
  }

  public Query<Counter> where(Condition<Counter> condition) {
    return engine.where(condition);
  }

  public InstanceDirectory dirs(String id) {
    return engine.dirs(id);
  }

  public InstanceLock lock(String id) {
    return engine.lock(id, engine.options().lockTimeout());
  }

  public InstanceLock lock(String id, Duration timeout) {
    return engine.lock(id, timeout);
  }

  public InstanceLock lockAll(Collection<String> ids) {
    return engine.lockAll(ids, engine.options().lockTimeout());
  }

  public InstanceLock lockAll(Collection<String> ids, Duration timeout) {
    return engine.lockAll(ids, timeout);
  }

  public <E> EventLog<E> events(String id, Class<E> type) {
    return engine.events(id, type);
  }

  public InstanceFiles files(String id) {
    return engine.files(id);
  }

  public SharedFiles shared() {
    return engine.shared();
  }

  public <P> SessionFactory<Counter, P> sessions(Supplier<P> preparation) {
    return engine.sessions(preparation);
  }

  @Override
  public void close() {
    engine.close();
  }
}
