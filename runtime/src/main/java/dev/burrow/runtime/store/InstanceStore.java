package dev.burrow.runtime.store;

import dev.burrow.InstanceNotFoundException;
import dev.burrow.VersionConflictException;
import dev.burrow.runtime.backend.Listing;
import dev.burrow.runtime.backend.StorageBackend;
import dev.burrow.runtime.backend.fs.FileSystemBackend;
import dev.burrow.runtime.id.IdGenerator;
import dev.burrow.runtime.id.IdGenerators;
import dev.burrow.runtime.lock.InstanceLock;
import dev.burrow.runtime.pg.PostgresOptions;
import dev.burrow.runtime.pg.PostgresStores;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.PathSegments;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The typed store of one instance kind. Generated {@code XStore} classes wrap it; it is
 * fully usable on its own with a hand-written {@link InstanceSchema}.
 *
 * <p>Guarantees, on every backend:
 *
 * <ul>
 *   <li>IDs are checked ({@link PathSegments}) before anything is touched.
 *   <li>{@code create} never overwrites: an existing ID fails with {@link
 *       dev.burrow.InstanceAlreadyExistsException}.
 *   <li>Every write is atomic, and durable under {@code Durability.FSYNC}.
 *   <li>Every stored document has a version: {@code create} stores 1 and each write adds one;
 *       {@link #compareAndSet} fails on a stale version; {@link #update} runs its change
 *       under the instance's lock (threads and processes), so no update is ever lost.
 *   <li>Writers of different instances never wait for each other.
 * </ul>
 *
 * <p>Thread-safe. Any number of stores, in any number of processes, may share a data root.
 *
 * @param <T> the instance type
 */
public final class InstanceStore<T> implements AutoCloseable {
  private final InstanceSchema<T> schema;
  private final StorageBackend<T> backend;
  private final StoreOptions options;
  private final Supplier<IdGenerator> ids;
  private final @Nullable WorkspaceProvisioner<T> provisioner;

  private InstanceStore(InstanceSchema<T> schema, StorageBackend<T> backend,
      StoreOptions options, Supplier<IdGenerator> ids) {
    this(schema, backend, options, ids, null);
  }

  private InstanceStore(InstanceSchema<T> schema, StorageBackend<T> backend,
      StoreOptions options, Supplier<IdGenerator> ids,
      @Nullable WorkspaceProvisioner<T> provisioner) {
    this.schema = schema;
    this.backend = backend;
    this.options = options;
    this.ids = ids;
    this.provisioner = provisioner;
  }

  /**
   * This store with {@code provisioner} preparing the workspace of every instance it creates
   * and tearing it down on delete; see {@link WorkspaceProvisioner} for the guarantees. The
   * two stores share the backend (closing one closes both); this one is unchanged.
   */
  public InstanceStore<T> withProvisioner(WorkspaceProvisioner<T> provisioner) {
    return new InstanceStore<>(schema, backend, options, ids,
        Objects.requireNonNull(provisioner, "provisioner"));
  }

  /**
   * Opens the store on the filesystem backend at the data root the options or the schema
   * choose (explicit path, else the schema's environment variable, else its default).
   *
   * @throws dev.burrow.StorageException if the root cannot be created or written
   */
  public static <T> InstanceStore<T> open(InstanceSchema<T> schema, StoreOptions options) {
    Path root = DataRoots.resolve(schema.layout(), options.dataRoot());
    FileSystemBackend<T> backend =
        FileSystemBackend.open(schema, root, options.durability(), options.lockTimeout());
    return new InstanceStore<>(schema, backend, options, idGenerator(options, schema, root));
  }

  /**
   * Opens the store on PostgreSQL: documents, versions and locks are shared by every host
   * using the same database; instance directories stay on this host's disk, under the data
   * root the options or the schema choose. Uses {@link PostgresOptions#defaults()}; see
   * {@link PostgresStores#open} for other table prefixes or lease durations.
   *
   * @param dataSource connections to the database, ideally pooled; the JDBC driver is the
   *     caller's
   * @throws dev.burrow.StorageException if the database cannot be reached or written
   */
  public static <T> InstanceStore<T> open(
      InstanceSchema<T> schema, DataSource dataSource, StoreOptions options) {
    return PostgresStores.open(schema, dataSource, options, PostgresOptions.defaults());
  }

  /**
   * Opens the store over another backend, such as a database.
   *
   * @param idGenerator generates IDs for {@link #create()}
   */
  public static <T> InstanceStore<T> open(
      InstanceSchema<T> schema, StorageBackend<T> backend, StoreOptions options,
      IdGenerator idGenerator) {
    return new InstanceStore<>(schema, backend, options, () -> idGenerator);
  }

  /** The configured generator, else the schema's kind, made on first use. */
  private static Supplier<IdGenerator> idGenerator(
      StoreOptions options, InstanceSchema<?> schema, Path root) {
    IdGenerator configured = options.idGenerator();
    if (configured != null) {
      return () -> configured;
    }
    return new Supplier<>() {
      private @Nullable IdGenerator made;

      @Override
      public synchronized IdGenerator get() {
        if (made == null) {
          made = IdGenerators.forKind(schema.layout().idKind(), root);
        }
        return made;
      }
    };
  }

  /** The schema this store reads and writes. */
  public InstanceSchema<T> schema() {
    return schema;
  }

  /** The options the store was opened with. */
  public StoreOptions options() {
    return options;
  }

  /** The backend underneath. */
  public StorageBackend<T> backend() {
    return backend;
  }

  /** Creates an instance with a new, unique, time-ordered ID and fresh defaults. */
  public T create() {
    return create(ids.get().nextId());
  }

  /**
   * Creates an instance with the given ID and fresh defaults, version 1.
   *
   * @throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched
   * @throws dev.burrow.InstanceAlreadyExistsException if the ID is taken; nothing is changed
   */
  public T create(String id) {
    return create(id, UnaryOperator.identity());
  }

  /**
   * Creates an instance with the given ID whose fresh value is first passed through {@code
   * initializer}; the result is stored as version 1 in one atomic step. With a {@link
   * WorkspaceProvisioner}, its workspace is provisioned before this returns, all or nothing.
   *
   * @throws ProvisioningException if provisioning failed; the instance was deleted
   * @throws dev.burrow.InvalidIdException if the ID breaks a rule; nothing is touched
   * @throws dev.burrow.InstanceAlreadyExistsException if the ID is taken; nothing is changed
   * @throws IllegalArgumentException if the initializer changes the ID
   */
  public T create(String id, UnaryOperator<T> initializer) {
    PathSegments.check(id);
    Instant now = options.clock().instant();
    T initialized = requireSameId(id, initializer.apply(schema.fresh(id)));
    T stored = schema.stamp(initialized, 1, now, now);
    if (provisioner == null) {
      backend.insert(stored);
      return stored;
    }
    InstanceLock lock = backend.lock(id, options.lockTimeout());
    try {
      backend.insert(stored);
      provision(provisioner, id, stored);
      return stored;
    } finally {
      lock.close();
    }
  }

  private void provision(WorkspaceProvisioner<T> hooks, String id, T stored) {
    InstanceDirectory dirs = dirs(id);
    try {
      hooks.provision(stored, dirs);
    } catch (RuntimeException e) {
      try {
        hooks.teardown(dirs);
      } catch (RuntimeException teardown) {
        e.addSuppressed(teardown);
      }
      try {
        backend.delete(id);
      } catch (RuntimeException delete) {
        e.addSuppressed(delete);
        throw new ProvisioningException(id, "provisioning failed and the instance could not"
            + " be deleted", e);
      }
      throw new ProvisioningException(id, "provisioning failed and the instance was deleted", e);
    }
  }

  /**
   * The stored instance.
   *
   * @throws InstanceNotFoundException if there is none
   * @throws dev.burrow.CorruptInstanceException naming the file if it cannot be read
   */
  public T get(String id) {
    return find(id).orElseThrow(() -> new InstanceNotFoundException(id));
  }

  /**
   * The stored instance, or empty. Lock-free: a reader sees the last complete write.
   *
   * @throws dev.burrow.CorruptInstanceException naming the file if it cannot be read
   */
  public Optional<T> find(String id) {
    return backend.find(PathSegments.check(id));
  }

  /**
   * Reads the instance, applies {@code change} and writes the result as the next version,
   * all under the instance's lock, so concurrent updates from any thread or process are
   * applied one after another and none is lost. The managed fields (version, created-at,
   * updated-at) are set by the store. {@code change} may run more than once if a write on a
   * database backend loses a race; it should have no side effects.
   *
   * @return the stored value
   * @throws InstanceNotFoundException if there is no such instance
   * @throws dev.burrow.LockTimeoutException if the lock is not free within the lock timeout
   * @throws IllegalArgumentException if {@code change} changes the ID
   */
  public T update(String id, UnaryOperator<T> change) {
    PathSegments.check(id);
    return options.retryPolicy().run(() -> {
      InstanceLock lock = backend.lock(id, options.lockTimeout());
      try {
        T current = backend.find(id).orElseThrow(() -> new InstanceNotFoundException(id));
        T next = next(id, current, change.apply(current));
        backend.replaceLocked(id, schema.version(current), next);
        return next;
      } finally {
        lock.close();
      }
    });
  }

  /**
   * Stores {@code value} as the next version if the stored version is still {@code
   * expectedVersion}; optimistic, takes no lock of its own beyond the write itself.
   *
   * @return the stored value, with version {@code expectedVersion + 1}
   * @throws dev.burrow.VersionConflictException if the stored version differs; nothing is
   *     written
   * @throws InstanceNotFoundException if there is no such instance
   * @throws IllegalArgumentException if {@code value} has another ID
   */
  public T compareAndSet(String id, long expectedVersion, T value) {
    PathSegments.check(id);
    T current = backend.find(id).orElseThrow(() -> new InstanceNotFoundException(id));
    if (schema.version(current) != expectedVersion) {
      throw new VersionConflictException(id, expectedVersion, schema.version(current));
    }
    return write(id, current, value);
  }

  /**
   * Optimistic read-modify-write without a lock: reads the instance, applies {@code change}
   * and stores the result only if nobody wrote in between (compare-and-set on the version);
   * on a conflict it starts over after a backoff, as the options' {@link
   * dev.burrow.runtime.retry.RetryPolicy} says. No update is ever lost. Cheaper than {@link
   * #update} when conflicts are rare (no lock is held while {@code change} runs); under heavy
   * contention work is wasted and the policy may run out. {@code change} may run once per
   * attempt and should have no side effects.
   *
   * @return the stored value
   * @throws VersionConflictException once the retry policy is exhausted, with the number of
   *     attempts made
   * @throws InstanceNotFoundException if there is no such instance
   * @throws IllegalArgumentException if {@code change} changes the ID
   */
  public T updateOptimistic(String id, UnaryOperator<T> change) {
    PathSegments.check(id);
    return options.retryPolicy().run(() -> {
      T current = backend.find(id).orElseThrow(() -> new InstanceNotFoundException(id));
      return write(id, current, change.apply(current));
    });
  }

  private T write(String id, T current, T changed) {
    T next = next(id, current, changed);
    backend.replace(id, schema.version(current), next);
    return next;
  }

  /** {@code changed} stamped as the version after {@code current}'s. */
  private T next(String id, T current, T changed) {
    requireSameId(id, changed);
    Instant now = options.clock().instant();
    Instant createdAt = Objects.requireNonNullElse(schema.createdAt(current), now);
    return schema.stamp(changed, schema.version(current) + 1, createdAt, now);
  }

  private T requireSameId(String id, T value) {
    Objects.requireNonNull(value, "the change returned null");
    if (!id.equals(schema.id(value))) {
      throw new IllegalArgumentException("the value's id '" + schema.id(value)
          + "' differs from the instance id '" + id + "'; an instance's id never changes");
    }
    return value;
  }

  /**
   * Every readable instance, newest first. A damaged document never fails the listing: it
   * is skipped and passed to the options' corruption listener.
   */
  public List<T> list() {
    Listing<T> listing = scan();
    listing.problems().forEach(options.corruptionListener());
    return listing.instances();
  }

  /** Every readable instance, newest first, with a report for each damaged one. */
  public Listing<T> scan() {
    return backend.scan();
  }

  /**
   * Deletes the instance and its whole directory, all or nothing: once this returns the
   * instance is gone for every reader. With a {@link WorkspaceProvisioner}, its teardown runs
   * first, under the instance's lock.
   *
   * @throws ProvisioningException if the teardown failed; the instance is kept
   * @return false if there was no such instance
   */
  public boolean delete(String id) {
    PathSegments.check(id);
    if (provisioner == null) {
      return backend.delete(id);
    }
    InstanceLock lock = backend.lock(id, options.lockTimeout());
    try {
      InstanceDirectory dirs;
      try {
        dirs = dirs(id);
      } catch (InstanceNotFoundException e) {
        return false;
      }
      try {
        provisioner.teardown(dirs);
      } catch (RuntimeException e) {
        throw new ProvisioningException(id, "teardown failed and the instance was kept", e);
      }
      return backend.delete(id);
    } finally {
      lock.close();
    }
  }

  /**
   * The instance's directory and its declared subdirectories.
   *
   * @throws InstanceNotFoundException if there is no such instance
   */
  public InstanceDirectory dirs(String id) {
    Path root = backend.instanceDirectory(PathSegments.check(id));
    return new InstanceDirectory(id, root, schema.layout().subdirectories());
  }

  /** Takes the instance's lock, waiting at most the options' lock timeout. */
  public InstanceLock lock(String id) {
    return lock(id, options.lockTimeout());
  }

  /**
   * Takes the instance's exclusive lock, held across threads and processes until closed;
   * reentrant for the holding thread. Writes by this store from the holding thread go
   * through; writers elsewhere wait.
   *
   * @throws dev.burrow.LockTimeoutException naming the instance after {@code timeout}
   */
  public InstanceLock lock(String id, Duration timeout) {
    return backend.lock(PathSegments.check(id), timeout);
  }

  /** Takes the locks of all {@code ids} at once, waiting at most the options' lock timeout. */
  public InstanceLock lockAll(Collection<String> ids) {
    return lockAll(ids, options.lockTimeout());
  }

  /**
   * Takes the exclusive locks of all {@code ids} as one, held across threads and processes
   * until closed. They are taken in one global order, so callers locking overlapping sets in
   * any order never deadlock; closing releases them in reverse order. Hold no other instance
   * lock while calling it: only the locks of one call are ordered.
   *
   * @throws dev.burrow.InvalidIdException if an ID breaks a rule; nothing is locked
   * @throws dev.burrow.LockTimeoutException naming the first instance not free within {@code
   *     timeout}; locks taken so far are released
   * @throws IllegalArgumentException if {@code ids} is empty
   */
  public InstanceLock lockAll(Collection<String> ids, Duration timeout) {
    ids.forEach(PathSegments::check);
    return backend.lockAll(ids, timeout);
  }

  /** Closes the backend. */
  @Override
  public void close() {
    backend.close();
  }
}
