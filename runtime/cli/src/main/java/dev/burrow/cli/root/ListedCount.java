package dev.burrow.cli.root;

import dev.burrow.Condition;
import dev.burrow.CorruptInstanceException;
import dev.burrow.IdGenerator;
import dev.burrow.InstanceLock;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.spi.StorageBackend;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A backend that tells a listener how many instances each page of its listing handed out, and
 * otherwise does exactly what the backend it wraps does: how {@code migrate} counts the instances
 * the store engine's copy has read, without a hook in the engine.
 */
final class ListedCount<T> implements StorageBackend<T> {
  private final StorageBackend<T> backend;
  private volatile @Nullable LongConsumer listener;

  ListedCount(StorageBackend<T> backend) {
    this.backend = backend;
  }

  /** Runs {@code action}, telling {@code listened} the size of each page listed meanwhile. */
  <R> R listening(LongConsumer listened, Supplier<R> action) {
    listener = listened;
    try {
      return action.get();
    } finally {
      listener = null;
    }
  }

  @Override
  public Page<T> list(PageRequest request) {
    Page<T> page = backend.list(request);
    LongConsumer listening = listener;
    if (listening != null) {
      listening.accept(page.items().size());
    }
    return page;
  }

  @Override
  public void insert(T instance) {
    backend.insert(instance);
  }

  @Override
  public Optional<T> find(String id) {
    return backend.find(id);
  }

  @Override
  public T update(String id, UnaryOperator<T> change) {
    return backend.update(id, change);
  }

  @Override
  public void replace(String id, long expectedVersion, T next) {
    backend.replace(id, expectedVersion, next);
  }

  @Override
  public boolean delete(String id) {
    return backend.delete(id);
  }

  @Override
  public Page<T> query(List<Condition<T>> conditions, PageRequest request) {
    return backend.query(conditions, request);
  }

  @Override
  public long count(List<Condition<T>> conditions) {
    return backend.count(conditions);
  }

  @Override
  public Iterator<T> walk(int pageSize, Consumer<CorruptInstanceException> problems) {
    return backend.walk(pageSize, problems);
  }

  @Override
  public InstanceLock lock(String id, Duration timeout) {
    return backend.lock(id, timeout);
  }

  @Override
  public InstanceLock lockAll(Collection<String> ids, Duration timeout) {
    return backend.lockAll(ids, timeout);
  }

  @Override
  public Path instanceDirectory(String id) {
    return backend.instanceDirectory(id);
  }

  @Override
  public IdGenerator idGenerator() {
    return backend.idGenerator();
  }

  @Override
  public void close() {
    backend.close();
  }
}
