package dev.burrow.runtime.backend;

import dev.burrow.runtime.lock.InstanceLock;
import dev.burrow.runtime.lock.InstanceLocks;
import dev.burrow.runtime.lock.OrderedLocks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Stores the documents of one instance kind. Every method is safe to call from many threads
 * and many processes at once; IDs have already been checked by the caller, and
 * implementations check them again before touching anything.
 *
 * @param <T> the instance type
 */
public interface StorageBackend<T> extends AutoCloseable {

  /**
   * Stores a new instance and creates its directories; atomic: afterwards the instance
   * exists completely or not at all.
   *
   * @throws dev.burrow.InstanceAlreadyExistsException if the ID is taken; nothing is changed
   */
  void insert(T instance);

  /**
   * The stored instance, or empty if there is none.
   *
   * @throws dev.burrow.CorruptInstanceException naming the file or row if it cannot be read
   */
  Optional<T> find(String id);

  /**
   * Replaces the stored instance with {@code next} if, and only if, its stored version is
   * {@code expectedVersion}; the check and the write are one atomic step.
   *
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   * @throws dev.burrow.VersionConflictException if the stored version differs; nothing is written
   */
  void replace(String id, long expectedVersion, T next);

  /**
   * {@link #replace} for a caller that took the instance's lock with {@link #lock} on this
   * thread and read {@code expectedVersion} while holding it: a backend whose locks exclude
   * every other writer knows the version cannot have changed and may write without reading
   * the document again (the filesystem backend saves a read and a decode per update). The
   * default calls {@link #replace}, which checks.
   *
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   * @throws dev.burrow.VersionConflictException if the stored version differs; nothing is written
   */
  default void replaceLocked(String id, long expectedVersion, T next) {
    replace(id, expectedVersion, next);
  }

  /** Every readable instance, newest first, and a report for each one that is not. */
  Listing<T> scan();

  /**
   * Deletes the instance and its directories, all or nothing: once this returns, the
   * instance is gone for every reader, even if removing its files is interrupted.
   *
   * @return false if there was no such instance
   */
  boolean delete(String id);

  /**
   * Takes the instance's exclusive lock, held across threads and processes.
   *
   * @throws dev.burrow.LockTimeoutException naming the instance after {@code timeout}
   */
  InstanceLock lock(String id, Duration timeout);

  /**
   * Takes the exclusive locks of all {@code ids} as one, in one global order, so callers
   * locking overlapping sets in any order never deadlock; closing releases them in reverse
   * order. The default orders by ID and takes each with {@link #lock}; a backend whose locks
   * can collide overrides it with the order its locks need.
   *
   * @throws dev.burrow.LockTimeoutException naming the first instance not free within {@code
   *     timeout}; locks taken so far are released
   */
  default InstanceLock lockAll(Collection<String> ids, Duration timeout) {
    return OrderedLocks.lockAll(ids, timeout, Comparator.naturalOrder(), this::lock);
  }

  /**
   * The directory on this host under which files kept beside the instances live (shared
   * documents); for the filesystem backend, the data root.
   */
  Path localRoot();

  /**
   * Locks held across the threads and processes of this host, for files kept on its disk
   * beside the instances (event logs, shared documents). Their names never collide with
   * instance IDs as long as they contain a character IDs may not ({@code ':'}).
   */
  InstanceLocks localLocks();

  /**
   * The instance's directory on this host's disk, with its declared subdirectories.
   *
   * @throws dev.burrow.InstanceNotFoundException if there is no such instance
   */
  Path instanceDirectory(String id);

  /** Releases resources; stores on the same root in this JVM stay usable. */
  @Override
  void close();
}
