package dev.burrow.runtime;

import dev.burrow.Durability;
import dev.burrow.EventBatch;
import dev.burrow.EventLog;
import dev.burrow.InstanceDirectory;
import dev.burrow.InstanceFiles;
import dev.burrow.InstanceLock;
import dev.burrow.SharedDocument;
import dev.burrow.SharedFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * The event logs, instance files and shared files a store hands out, bound to that store: each
 * operation first runs the store's own check ({@code requireOpen}), so once the store is closed it
 * throws the store's {@link dev.burrow.MisuseException} and touches nothing. An operation that
 * passed the check runs to its end, and its outcome is reported as it is, however the store is
 * closed meanwhile. The accessors that only return what was fixed when the handle was taken (a
 * path, a name, the instance's directory) touch nothing and keep answering, as the store's own
 * {@code options()} does.
 *
 * <p>A write that waits for a lock is checked again once it holds it, right before it writes: a
 * shared document's update before its change runs (here), an event log's append as the store
 * confirms the instance ({@link StoreEngine#events}). So a write waiting for its lock when the
 * store is closed writes nothing.
 */
final class OpenStoreHandles {
  private OpenStoreHandles() {}

  /** {@code log}, refusing every use once the store {@code requireOpen} checks is closed. */
  static <E> EventLog<E> eventLog(EventLog<E> log, Runnable requireOpen) {
    return new OpenEventLog<>(log, requireOpen);
  }

  /** {@code files}, refusing every use once the store {@code requireOpen} checks is closed. */
  static InstanceFiles instanceFiles(InstanceFiles files, Runnable requireOpen) {
    return new OpenInstanceFiles(files, requireOpen);
  }

  /**
   * {@code shared}, and the documents it hands out, refusing every use once the store {@code
   * requireOpen} checks is closed.
   */
  static SharedFiles sharedFiles(SharedFiles shared, Runnable requireOpen) {
    return new OpenSharedFiles(shared, requireOpen);
  }

  private record OpenEventLog<E>(EventLog<E> log, Runnable requireOpen) implements EventLog<E> {
    @Override
    public Path file() {
      return log.file();
    }

    @Override
    public EventLog<E> withDurability(Durability durability) {
      requireOpen.run();
      return new OpenEventLog<>(log.withDurability(durability), requireOpen);
    }

    @Override
    public long append(E event) {
      requireOpen.run();
      return log.append(event);
    }

    @Override
    public EventBatch<E> read(long offset) {
      requireOpen.run();
      return log.read(offset);
    }

    @Override
    public EventBatch<E> read(long offset, int maxEvents) {
      requireOpen.run();
      return log.read(offset, maxEvents);
    }

    @Override
    public String toString() {
      return log.toString();
    }
  }

  private record OpenInstanceFiles(InstanceFiles files, Runnable requireOpen)
      implements InstanceFiles {
    @Override
    public InstanceDirectory directory() {
      return files.directory();
    }

    @Override
    public Path file(String relativePath) {
      requireOpen.run();
      return files.file(relativePath);
    }

    @Override
    public <D> Optional<D> read(String relativePath, Class<D> type) {
      requireOpen.run();
      return files.read(relativePath, type);
    }

    @Override
    public <D> void write(String relativePath, D value) {
      requireOpen.run();
      files.write(relativePath, value);
    }

    @Override
    public String toString() {
      return files.toString();
    }
  }

  private record OpenSharedFiles(SharedFiles shared, Runnable requireOpen) implements SharedFiles {
    @Override
    public Path directory() {
      return shared.directory();
    }

    @Override
    public <D> SharedDocument<D> document(String name, Class<D> type, Supplier<D> defaultValue) {
      requireOpen.run();
      return new OpenSharedDocument<>(shared.document(name, type, defaultValue), requireOpen);
    }

    @Override
    public <D> String createUnique(String folder, D content) {
      requireOpen.run();
      return shared.createUnique(folder, content);
    }

    @Override
    public <D> Optional<D> readUnique(String folder, String id, Class<D> type) {
      requireOpen.run();
      return shared.readUnique(folder, id, type);
    }

    @Override
    public List<String> listUnique(String folder) {
      requireOpen.run();
      return shared.listUnique(folder);
    }

    @Override
    public InstanceLock lock(String name) {
      requireOpen.run();
      return shared.lock(name);
    }

    @Override
    public String toString() {
      return shared.toString();
    }
  }

  private record OpenSharedDocument<D>(SharedDocument<D> document, Runnable requireOpen)
      implements SharedDocument<D> {
    @Override
    public String name() {
      return document.name();
    }

    @Override
    public Path path() {
      return document.path();
    }

    @Override
    public D read() {
      requireOpen.run();
      return document.read();
    }

    /**
     * Checks the store before the update and again under the document's lock, before {@code change}
     * runs: an update that waited for the lock while the store was closed writes nothing.
     */
    @Override
    public D update(UnaryOperator<D> change) {
      requireOpen.run();
      Objects.requireNonNull(change, "change");
      return document.update(
          current -> {
            requireOpen.run();
            return change.apply(current);
          });
    }

    @Override
    public String toString() {
      return document.toString();
    }
  }
}
