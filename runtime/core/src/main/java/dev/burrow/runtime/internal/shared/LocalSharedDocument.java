package dev.burrow.runtime.internal.shared;

import dev.burrow.InstanceLock;
import dev.burrow.MisuseException;
import dev.burrow.SharedDocument;
import dev.burrow.runtime.internal.json.JsonFile;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A typed JSON document shared by all instances and processes on a data root (configuration,
 * counters, registries). {@link #update} is a read-modify-write under a cross-process lock with an
 * atomic write, so concurrent updates from any thread or process are applied one after another and
 * none is lost; {@link #read} takes no lock and sees the last complete write. A document that does
 * not exist yet reads as the default value.
 *
 * <p>Cost of an update: one lock (two {@code fcntl} calls), one read, one atomic replace (two
 * {@code fsync}s under {@code Durability.FSYNC}). Updates of one document are serialized; different
 * documents never wait for each other. Names differing only in case ({@code Quota}, {@code quota})
 * share one lock: a case-insensitive file system (the default on macOS and Windows) stores them as
 * one file.
 *
 * @param <D> the document type; any type Jackson maps
 */
public final class LocalSharedDocument<D> implements SharedDocument<D> {
  private final String name;
  private final JsonFile<D> file;
  private final InstanceLocks locks;
  private final Duration lockTimeout;
  private final Supplier<D> defaultValue;

  LocalSharedDocument(
      String name,
      JsonFile<D> file,
      InstanceLocks locks,
      Duration lockTimeout,
      Supplier<D> defaultValue) {
    this.name = name;
    this.file = file;
    this.locks = locks;
    this.lockTimeout = lockTimeout;
    this.defaultValue = defaultValue;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Path path() {
    return file.path();
  }

  /**
   * The stored document, or a fresh default value if none was stored yet. Lock-free.
   *
   * @throws dev.burrow.CorruptJsonFileException naming the file if it is damaged
   * @throws MisuseException if the default value supplier returns null
   */
  @Override
  public D read() {
    return file.read().orElseGet(this::fresh);
  }

  /**
   * Reads the document (or a fresh default), applies {@code change} and stores the result
   * atomically, all under the document's cross-process lock.
   *
   * @return the stored value
   * @throws dev.burrow.LockTimeoutException if the lock is not free within the lock timeout
   * @throws dev.burrow.CorruptJsonFileException naming the file if it is damaged; nothing is
   *     written
   * @throws MisuseException if {@code change} or the default value supplier returns null, or {@code
   *     change} a value that Jackson cannot write or whose JSON does not read back; nothing is
   *     written
   * @throws MisuseException if called inside a change of this document on the same thread (whose
   *     result would overwrite what this update wrote); nothing is written
   * @throws dev.burrow.StorageException if the write fails; the old document is intact
   */
  @Override
  public D update(UnaryOperator<D> change) {
    String lockName = "shared:" + name.toLowerCase(Locale.ROOT);
    if (locks.isHeldByCurrentThread(lockName)) {
      // The lock is reentrant: this write would succeed, then be overwritten by the outer change.
      throw new MisuseException(
          "update of shared document '"
              + name
              + "' was called inside a change of that same document; the change's result would"
              + " overwrite what it wrote, so nothing was written: return the new value from the"
              + " change, or update once the change has returned");
    }
    InstanceLock lock = locks.lock(lockName, lockTimeout);
    try {
      D next = change.apply(read());
      if (next == null) {
        throw new MisuseException(
            "the change of shared document '"
                + name
                + "' returned null;"
                + " return the new value");
      }
      file.write(next);
      return next;
    } finally {
      lock.close();
    }
  }

  private D fresh() {
    D value = defaultValue.get();
    if (value == null) {
      throw new MisuseException(
          "the default value supplier of shared document '"
              + name
              + "' returned null; return the value the document reads as until one is stored");
    }
    return value;
  }
}
