package dev.burrow.runtime;

import dev.burrow.Backend;
import dev.burrow.Condition;
import dev.burrow.CorruptExportException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.EventLog;
import dev.burrow.ExportSummary;
import dev.burrow.IdGenerator;
import dev.burrow.ImportSummary;
import dev.burrow.InstanceDirectory;
import dev.burrow.InstanceFiles;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.InvalidIdException;
import dev.burrow.Listing;
import dev.burrow.MisuseException;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.ProvisioningException;
import dev.burrow.PruneReport;
import dev.burrow.PruneStoppedException;
import dev.burrow.Query;
import dev.burrow.SessionFactory;
import dev.burrow.SharedFiles;
import dev.burrow.StoreOptions;
import dev.burrow.VersionConflictException;
import dev.burrow.WorkspaceProvisioner;
import dev.burrow.runtime.internal.events.FileEventLog;
import dev.burrow.runtime.internal.files.DirectoryFiles;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.jfr.CreateEvent;
import dev.burrow.runtime.internal.jfr.DeleteEvent;
import dev.burrow.runtime.internal.jfr.GetEvent;
import dev.burrow.runtime.internal.jfr.UpdateEvent;
import dev.burrow.runtime.internal.jfr.VersionConflictEvent;
import dev.burrow.runtime.internal.json.FilesMapper;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.internal.session.PreparingSessionFactory;
import dev.burrow.runtime.internal.shared.LocalSharedFiles;
import dev.burrow.runtime.internal.store.CheckedSchema;
import dev.burrow.runtime.internal.store.CheckedStreams;
import dev.burrow.runtime.internal.store.DataRoots;
import dev.burrow.runtime.internal.store.HostContext;
import dev.burrow.runtime.internal.store.IndexQuery;
import dev.burrow.runtime.internal.store.Prune;
import dev.burrow.runtime.internal.store.Retries;
import dev.burrow.runtime.internal.store.Waits;
import dev.burrow.runtime.internal.transfer.Copier;
import dev.burrow.runtime.internal.transfer.Exporter;
import dev.burrow.runtime.internal.transfer.Importer;
import dev.burrow.runtime.internal.transfer.TransferView;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.PathSegments;
import dev.burrow.spi.StorageBackend;
import dev.burrow.spi.StorageBackendFactory;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * The untyped engine behind every generated {@code XStore}: <b>support for generated code, not an
 * API for users</b>. It may change in any release; use the generated store.
 *
 * <p>It checks every ID once ({@link PathSegments}), stamps versions and timestamps, runs
 * provisioning hooks and retries, and leaves reading and writing to a {@link StorageBackend}, to
 * which it hands the schema wrapped in a check of its own: no write is acknowledged that cannot be
 * read back, and no version is read that no write can follow. Thread-safe.
 *
 * <p>Each method throws what the generated store's method of the same name documents (every one a
 * {@link dev.burrow.BurrowException} but for the documented {@code IllegalArgumentException}s); the
 * Javadoc here names only what differs.
 *
 * @param <T> the instance type
 */
public final class StoreEngine<T> implements AutoCloseable {
  private static final int LISTING_PAGE = 500;
  private static final String UPDATED = "updated";

  private final InstanceSchema<T> schema;
  private final StorageBackend<T> backend;
  private final StoreOptions options;
  private final HostContext host;
  private final IdGenerator ids;
  private final @Nullable WorkspaceProvisioner<T> provisioner;

  /** Whether this store (or, for a {@link #withBackend} view, the view) was closed. */
  private final AtomicBoolean closed;

  /**
   * Whether the store that opened the backend was closed: the same flag as {@link #closed} for that
   * store, its flag for every {@link #withBackend} view of it, which cannot outlive it.
   */
  private final AtomicBoolean opener;

  /** The changes this root's stores are running, on each thread. */
  private final ChangesInProgress changing;

  private StoreEngine(
      InstanceSchema<T> schema,
      StorageBackend<T> backend,
      StoreOptions options,
      HostContext host,
      IdGenerator ids,
      @Nullable WorkspaceProvisioner<T> provisioner,
      AtomicBoolean closed,
      AtomicBoolean opener) {
    this.schema = schema;
    this.backend = backend;
    this.options = options;
    this.host = host;
    this.ids = ids;
    this.provisioner = provisioner;
    this.closed = closed;
    this.opener = opener;
    this.changing = new ChangesInProgress(host.root());
  }

  /**
   * Opens the store on the filesystem backend at the data root the options or the schema choose
   * (explicit path, else the schema's environment variable, else its default), fixed as the
   * directory it leads to now ({@link DataRoots#fixed}).
   *
   * @throws dev.burrow.StorageException if the root cannot be created or written
   */
  public static <T> StoreEngine<T> open(InstanceSchema<T> schema, StoreOptions options) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(options, "options");
    return openOn(schema, FileSystemBackend::open, options);
  }

  /**
   * Opens the store on {@code backend}; this host's data root (for instance directories and local
   * files) is the one the options or the schema choose, fixed as the directory it leads to now
   * ({@link DataRoots#fixed}): a link on its way pointed elsewhere later changes nothing for the
   * store.
   *
   * @throws MisuseException if {@code backend} does not implement {@link StorageBackendFactory}
   *     (the SPI every backend implements)
   * @throws dev.burrow.StorageException if the backend cannot be opened
   */
  public static <T> StoreEngine<T> open(
      InstanceSchema<T> schema, Backend backend, StoreOptions options) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(backend, "backend");
    Objects.requireNonNull(options, "options");
    if (!(backend instanceof StorageBackendFactory factory)) {
      throw new MisuseException(
          "cannot open a store of kind '"
              + schema.layout().name()
              + "' on "
              + backend.getClass().getName()
              + ": a Backend passed to open must implement "
              + StorageBackendFactory.class.getName()
              + ", the SPI that opens a backend's storage");
    }
    return openOn(schema, factory, options);
  }

  private static <T> StoreEngine<T> openOn(
      InstanceSchema<T> schema, StorageBackendFactory backend, StoreOptions options) {
    Path root = DataRoots.fixed(DataRoots.resolve(schema.layout(), options.dataRoot()));
    StorageBackend<T> opened = backend.open(CheckedSchema.of(schema), root, options);
    HostContext host;
    IdGenerator generator;
    try {
      TempFiles temps = TempFiles.forRoot(root);
      if (!(opened instanceof FileSystemBackend)) {
        // The filesystem backend sweeps this temporary area itself with the other leftovers of
        // crashes, or leaves them all for fsck to name (FileSystemBackend.openLeavingLeftovers).
        temps.sweep();
      }
      host =
          new HostContext(
              root,
              temps,
              InstanceLocks.forRoot(root),
              options.durability(),
              options.lockTimeout());
      IdGenerator configured = options.idGenerator();
      generator = configured != null ? configured : opened.idGenerator();
    } catch (RuntimeException | Error e) {
      closeAfterFailedOpen(opened, e);
      throw e;
    }
    AtomicBoolean closed = new AtomicBoolean();
    return new StoreEngine<>(schema, opened, options, host, generator, null, closed, closed);
  }

  /**
   * Closes a backend whose store could not be opened around it (so that its threads, such as a
   * lease renewer, do not outlive the failed open); a failure to close is added to {@code failure}.
   */
  private static void closeAfterFailedOpen(StorageBackend<?> opened, Throwable failure) {
    try {
      opened.close();
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /**
   * This store with {@code provisioner} preparing the workspace of every instance it creates and
   * tearing it down on delete. Both share the backend (closing one closes both). Neither hook is
   * called with a directory or declared subdirectory planted as a link or another file: a create
   * whose provisioning fails or cannot run for that is undone and throws {@link
   * ProvisioningException}, a delete refused for that keeps the instance ({@link
   * WorkspaceProvisioner} states the rules). A create whose instance was published but whose flush
   * failed ({@link OutcomeUnknownException}) is provisioned all the same, as readers already see
   * the instance, and then throws that exception; if provisioning fails, it is undone as above and
   * the {@link ProvisioningException} carries the unknown outcome as suppressed.
   */
  public StoreEngine<T> withProvisioner(WorkspaceProvisioner<T> provisioner) {
    return new StoreEngine<>(
        schema,
        backend,
        options,
        host,
        ids,
        Objects.requireNonNull(provisioner, "provisioner"),
        closed,
        opener);
  }

  /**
   * This store with its documents read and written through {@code view} of its backend (such as a
   * database backend bound to the caller's transaction); everything else is shared. Closing the
   * result closes only the view, never the store underneath; once that store is closed, the view
   * refuses every operation as the store does.
   */
  public StoreEngine<T> withBackend(UnaryOperator<StorageBackend<T>> view) {
    return new StoreEngine<>(
        schema,
        Objects.requireNonNull(view.apply(backend), "view"),
        options,
        host,
        ids,
        provisioner,
        new AtomicBoolean(),
        opener);
  }

  /** The schema this store reads and writes. */
  public InstanceSchema<T> schema() {
    return schema;
  }

  /** The options the store was opened with. */
  public StoreOptions options() {
    return options;
  }

  /**
   * This host's data root: the directory the chosen root led to when the store opened, links
   * resolved ({@link DataRoots#fixed}), where the store works for its whole life.
   */
  public Path localRoot() {
    return host.root();
  }

  /** Creates an instance with a new ID, initialized by {@code initializer}, as version 1. */
  public T create(UnaryOperator<T> initializer) {
    open();
    Objects.requireNonNull(initializer, "initializer");
    return insert(generatedId(), initializer);
  }

  /**
   * The generator's next ID, checked as an ID given to {@link #create(String, UnaryOperator)} is,
   * before anything is written.
   *
   * @throws MisuseException if the generator returned null or no valid instance ID
   */
  private String generatedId() {
    String id = ids.nextId();
    if (id == null) {
      throw new MisuseException(
          "the store's ID generator (StoreOptions.withIdGenerator) returned null; nothing was"
              + " created");
    }
    try {
      return PathSegments.check(id);
    } catch (InvalidIdException e) {
      throw new MisuseException(
          "the store's ID generator (StoreOptions.withIdGenerator) returned no valid instance ID:"
              + " "
              + e.getMessage()
              + "; nothing was created",
          e);
    }
  }

  /** Creates instance {@code id}, initialized by {@code initializer}, as version 1. */
  public T create(String id, UnaryOperator<T> initializer) {
    open();
    checkId(id);
    return insert(id, Objects.requireNonNull(initializer, "initializer"));
  }

  private T insert(String id, UnaryOperator<T> initializer) {
    changing.refuseInside("create", id);
    return new CreateEvent()
        .record(kind(), id, () -> provisionedInsert(id, initializer), created -> "created");
  }

  private T provisionedInsert(String id, UnaryOperator<T> initializer) {
    Instant now = now();
    T initialized =
        requireSameId(
            id,
            changing.during(id, () -> initializer.apply(schema.fresh(id, 1, now, now))),
            "initializer");
    T stored = schema.stamp(initialized, 1, now, now);
    WorkspaceProvisioner<T> hooks = provisioner;
    if (hooks == null) {
      backend.insert(stored);
      return stored;
    }
    InstanceLock lock = backend.lock(id, options.lockTimeout());
    try {
      OutcomeUnknownException unknown = null;
      try {
        backend.insert(stored);
      } catch (OutcomeUnknownException e) {
        // The instance is in place and readers see it, though it may not survive a power cut:
        // provision it as any published instance, so that it is never left without its workspace.
        unknown = e;
      }
      try {
        provision(hooks, id, stored);
      } catch (ProvisioningException e) {
        if (unknown != null) {
          e.addSuppressed(unknown);
        }
        throw e;
      }
      if (unknown != null) {
        throw unknown;
      }
      return stored;
    } finally {
      lock.close();
    }
  }

  /**
   * Runs {@code hooks.provision} on the new instance {@code id}, once its directories are checked
   * ({@link #hookDirectory}). If they are refused, or the hook throws, the instance is deleted
   * (after a failed hook, {@code teardown} runs first if the directories still pass the check) and
   * a {@link ProvisioningException} says so.
   */
  private void provision(WorkspaceProvisioner<T> hooks, String id, T stored) {
    InstanceDirectory dirs;
    try {
      dirs = hookDirectory(id);
    } catch (RuntimeException e) {
      throw undoCreate(id, "provisioning did not run", e);
    }
    try {
      hooks.provision(stored, dirs);
    } catch (Throwable e) { // also a checked exception a Kotlin hook may throw, or an error
      try {
        hooks.teardown(hookDirectory(id));
      } catch (Throwable teardown) {
        e.addSuppressed(teardown);
      }
      throw undoCreate(id, "provisioning failed", e);
    }
  }

  /**
   * Deletes the instance whose provisioning {@code what} ({@code e}); the exception to throw, which
   * says whether the instance was deleted, could not be, or was but may come back after a power cut
   * (the delete's outcome unknown, added to {@code e} as suppressed).
   */
  private ProvisioningException undoCreate(String id, String what, Throwable e) {
    try {
      backend.delete(id);
    } catch (OutcomeUnknownException delete) {
      e.addSuppressed(delete);
      return new ProvisioningException(
          id,
          what
              + " and the instance was deleted, but flushing its removal failed, so the deletion"
              + " may not survive a power cut (outcome unknown)",
          e);
    } catch (RuntimeException delete) {
      e.addSuppressed(delete);
      return new ProvisioningException(id, what + " and the instance could not be deleted", e);
    }
    return new ProvisioningException(id, what + " and the instance was deleted", e);
  }

  /** The stored instance; throws {@link InstanceNotFoundException} if there is none. */
  public T get(String id) {
    return find(id).orElseThrow(() -> new InstanceNotFoundException(id));
  }

  /** The stored instance, or empty. */
  public Optional<T> find(String id) {
    open();
    checkId(id);
    return new GetEvent()
        .record(
            kind(), id, () -> backend.find(id), found -> found.isPresent() ? "found" : "not found");
  }

  /** Read-modify-write owned by the backend, under the instance's lock or row lock. */
  public T update(String id, UnaryOperator<T> change) {
    open();
    checkId(id);
    Objects.requireNonNull(change, "change");
    changing.refuseInside("update", id);
    return retried(
        "update",
        id,
        () -> backend.update(id, current -> next(id, current, changed(id, current, change))));
  }

  /**
   * Optimistic read-modify-write: compare-and-set on the version, retried by the policy. The write
   * keeps the stored creation time as {@link #compareAndSet} does, so an instance deleted and
   * created again at the version read meanwhile keeps its own.
   */
  public T updateOptimistic(String id, UnaryOperator<T> change) {
    open();
    checkId(id);
    Objects.requireNonNull(change, "change");
    changing.refuseInside("updateOptimistic", id);
    return retried(
        "updateOptimistic",
        id,
        () -> {
          T current = backend.find(id).orElseThrow(() -> new InstanceNotFoundException(id));
          T checked = requireSameId(id, changed(id, current, change), "change");
          Instant now = now();
          return backend.replaceKeepingCreatedAt(
              id, schema.version(current), stored -> stamped(current, checked, stored, now));
        });
  }

  /** What {@code change} makes of {@code current}, refusing writes of {@code id} meanwhile. */
  private @Nullable T changed(String id, T current, UnaryOperator<T> change) {
    return changing.during(id, () -> change.apply(current));
  }

  /** {@code attempt}, retried by the policy, recorded as one update event of {@code method}. */
  private T retried(String method, String id, Supplier<T> attempt) {
    return new UpdateEvent(method)
        .record(kind(), id, () -> Retries.run(options.retryPolicy(), attempt), updated -> UPDATED);
  }

  /**
   * Stores {@code value} as the next version if its own version is still the stored one, keeping
   * the stored creation time, which the backend reads in the same atomic step as the version check
   * (no read more): an instance deleted and created again meanwhile keeps its own.
   */
  public T compareAndSet(T value) {
    open();
    Objects.requireNonNull(value, "value");
    String id = checkId(Objects.requireNonNull(schema.id(value), "the id of value"));
    long version = schema.version(value);
    CheckedSchema.requireStorable(id, version);
    changing.refuseInside("compareAndSet", id);
    return new UpdateEvent("compareAndSet")
        .record(
            kind(),
            id,
            () -> {
              try {
                Instant now = now();
                return backend.replaceKeepingCreatedAt(
                    id, version, stored -> following(value, stored, now));
              } catch (VersionConflictException e) {
                VersionConflictEvent.record(e);
                throw e;
              }
            },
            updated -> UPDATED);
  }

  /**
   * {@code value} stamped as the next version at {@code now}, created at {@code storedCreatedAt} if
   * there is one to keep, else at {@code value}'s own creation time, else now.
   */
  private T following(T value, @Nullable Instant storedCreatedAt, Instant now) {
    Instant createdAt =
        storedCreatedAt != null
            ? storedCreatedAt
            : Objects.requireNonNullElse(schema.createdAt(value), now);
    return schema.stamp(value, schema.version(value) + 1, createdAt, now);
  }

  /** {@code changed} stamped as the version after {@code current}'s. */
  private T next(String id, T current, @Nullable T changed) {
    return stamped(current, requireSameId(id, changed, "change"), null, now());
  }

  /**
   * {@code checked} stamped at {@code now} as the version after {@code current}'s, created at
   * {@code storedCreatedAt} if there is one to keep, else at {@code current}'s creation time, else
   * now.
   */
  private T stamped(T current, T checked, @Nullable Instant storedCreatedAt, Instant now) {
    Instant createdAt =
        storedCreatedAt != null
            ? storedCreatedAt
            : Objects.requireNonNullElse(schema.createdAt(current), now);
    return schema.stamp(checked, schema.version(current) + 1, createdAt, now);
  }

  /**
   * The time on the store's clock, for a write to stamp or a prune by age to count from.
   *
   * @throws MisuseException if the clock returned null; nothing was written
   */
  private Instant now() {
    Instant now = options.clock().instant();
    if (now == null) {
      throw new MisuseException(
          "the store's clock (StoreOptions.withClock) returned null; nothing was written");
    }
    return now;
  }

  private T requireSameId(String id, @Nullable T value, String what) {
    if (value == null) {
      throw new MisuseException(
          "the "
              + what
              + " for instance '"
              + id
              + "' returned null;"
              + " return the changed value");
    }
    if (!id.equals(schema.id(value))) {
      throw new MisuseException(
          "the "
              + what
              + " changed the id of instance '"
              + id
              + "' to '"
              + PathSegments.printable(schema.id(value))
              + "'; an instance's id never changes");
    }
    return value;
  }

  /**
   * Deletes the instance and its directory; false if there was none. With a provisioner, its {@code
   * teardown} runs first, under the instance's lock, once the directory and its declared
   * subdirectories are checked to be real directories or missing ({@link WorkspaceProvisioner}).
   *
   * @throws dev.burrow.UnsafePathException if a declared subdirectory is a symbolic link or not a
   *     directory; the teardown did not run and the instance is kept
   * @throws ProvisioningException if the teardown fails; the instance is kept
   */
  public boolean delete(String id) {
    open();
    checkId(id);
    changing.refuseInside("delete", id);
    return new DeleteEvent()
        .record(
            kind(), id, () -> provisionedDelete(id), deleted -> deleted ? "deleted" : "not found");
  }

  private boolean provisionedDelete(String id) {
    WorkspaceProvisioner<T> hooks = provisioner;
    if (hooks == null) {
      return backend.delete(id);
    }
    InstanceLock lock = backend.lock(id, options.lockTimeout());
    try {
      InstanceDirectory dirs;
      try {
        dirs = hookDirectory(id);
      } catch (InstanceNotFoundException e) {
        return false;
      }
      try {
        hooks.teardown(dirs);
      } catch (Throwable e) { // also a checked exception a Kotlin hook may throw, or an error
        throw new ProvisioningException(id, "teardown failed and the instance was kept", e);
      }
      return backend.delete(id);
    } finally {
      lock.close();
    }
  }

  /**
   * Deletes every instance {@code which} chooses, walking the listing lazily: memory is about one
   * page whatever the number of instances, and the report counts what it kept but names only the
   * first {@link PruneReport#MAX_EXAMPLES} of each kind. Each chosen instance is deleted as {@link
   * #delete} does it (its lock taken, its workspace torn down), after {@code which} has been asked
   * again under the lock, so a concurrent change that makes it no longer chosen keeps it. A chosen
   * instance that cannot be deleted never stops the prune: one whose lock is not free within the
   * store's lock timeout is counted as locked, a damaged one as damaged (and handed to the store's
   * corruption listener, as a listing does), and one whose delete failed otherwise as failed, with
   * the exception that says what happened to it. {@code deleted} is told of each instance as it is
   * deleted; an exception thrown by {@code which} or {@code deleted} ends the prune and is thrown
   * as it is.
   *
   * <p>Cost: one read per instance, one delete per chosen one.
   *
   * @throws PruneStoppedException carrying the report so far, if the listing cannot be read, the
   *     backend cannot be reached, the thread is interrupted or the store was closed meanwhile
   */
  public PruneReport prune(Predicate<? super T> which, Consumer<? super T> deleted) {
    open();
    Objects.requireNonNull(which, "which");
    Objects.requireNonNull(deleted, "deleted");
    return new Prune<>(backend, schema, options, this::delete, this::open)
        .run(LISTING_PAGE, which, deleted);
  }

  /**
   * Deletes every instance created more than {@code age} ago by the store's clock ({@code
   * createdAt} before now minus {@code age}), as {@link #prune} does; instances of a type without a
   * {@code @CreatedAt} component have no age and are kept. An age reaching back before the earliest
   * instant ({@link Instant#MIN}) deletes nothing, since nothing can have been created before it;
   * the instances are still read and counted.
   *
   * @throws IllegalArgumentException if {@code age} is negative
   */
  public PruneReport deleteOlderThan(Duration age, Consumer<? super T> deleted) {
    Objects.requireNonNull(age, "age");
    if (age.isNegative()) {
      throw new IllegalArgumentException(
          "deleteOlderThan needs an age of zero or more, got " + age);
    }
    Instant cutoff = Prune.cutoff(now(), age);
    return prune(
        instance -> {
          Instant created = schema.createdAt(instance);
          return created != null && created.isBefore(cutoff);
        },
        deleted);
  }

  /** One page of the listing, newest first. */
  public Page<T> list(PageRequest request) {
    open();
    return backend.list(Objects.requireNonNull(request, "request"));
  }

  /** Every readable instance, newest first; damaged ones go to the corruption listener. */
  public List<T> list() {
    Listing<T> listing = scan();
    listing.problems().forEach(options.corruptionListener());
    return listing.items();
  }

  /** Every readable instance, newest first, with a report for each damaged one. */
  public Listing<T> scan() {
    open();
    List<T> instances = new ArrayList<>();
    List<CorruptInstanceException> problems = new ArrayList<>();
    backend.walk(LISTING_PAGE, problems::add).forEachRemaining(instances::add);
    return new Listing<>(instances, problems);
  }

  /**
   * Every readable instance, newest first, read lazily one page at a time; damaged ones go to the
   * corruption listener as they are met. No file, connection or lock is held between pages (each
   * page is read and released at once), so a stream left unfinished or unclosed holds nothing. Once
   * the store is closed, the stream throws {@link MisuseException} at its next element.
   */
  public Stream<T> stream() {
    open();
    return CheckedStreams.of(backend.walk(LISTING_PAGE, options.corruptionListener()), this::open);
  }

  /**
   * The instances whose indexed component matches {@code condition}, newest first; {@link
   * Query#and} adds conditions. Cheap: reads nothing until the query runs.
   *
   * @throws MisuseException if the condition's component is not one of the schema's indexes
   */
  public Query<T> where(Condition<T> condition) {
    open();
    return IndexQuery.of(new QueryRunner(), Objects.requireNonNull(condition, "condition"));
  }

  /**
   * Writes every readable instance to {@code documents} as JSON Lines (the export format {@code
   * docs/cli.md} describes), and, unless {@code directories} is null, the files of their
   * directories on this host as a tar stream. Streams one page at a time; damaged instances are
   * left out and reported to the corruption listener, and writers deleting instances meanwhile
   * never fail it (those it then leaves out are counted in {@link ExportSummary#deleted}, as the
   * generated store's {@code exportTo} says). Only regular files are archived: links (never
   * followed), FIFOs, sockets and devices are counted in {@link ExportSummary#skipped}. Each file
   * is read whole before its entry is written, so the archive stays readable whatever a file does
   * meanwhile; cost: a file of up to 1 MiB is held in memory, a larger one is spooled to an
   * owner-only temporary file in {@code java.io.tmpdir}, deleted right after, so it is read twice
   * and needs that much temporary space. A file of an instance's directory that cannot be read, or
   * fails while it is read, stops the export with a {@link StorageException} naming it, before the
   * closing line that an import requires is written. Closing this store meanwhile stops the export
   * with a {@link MisuseException} at its next page or instance, also before that line. The streams
   * are flushed, not closed.
   */
  public ExportSummary exportTo(OutputStream documents, @Nullable OutputStream directories) {
    open();
    return Exporter.export(
        new TransferView<>(schema, backend, host, this::open),
        Objects.requireNonNull(documents, "documents"),
        directories,
        options.corruptionListener(),
        null);
  }

  /**
   * Reads an export of this kind into this store: idempotent and resumable, as the generated
   * store's {@code importFrom} says; unless {@code directories} is null, then the files of the
   * instances' directories. The summary's {@link ImportSummary#damaged} counts the instances this
   * store lacks for damage: the damaged instances the export's closing line says it left out, and
   * each instance this store holds damaged, whose document is not written over (also counted in
   * {@link ImportSummary#skipped}). The streams are read to their end (the archive's past its end
   * blocks), not closed.
   *
   * @throws MisuseException once this store is closed, also meanwhile: what came before is imported
   * @throws CorruptExportException at a damaged line or archive entry, an export of another kind,
   *     or a stream cut short; what came before it is imported
   * @throws dev.burrow.StorageException if reading a stream or writing a file fails: what came
   *     before it is imported, and an import run again finishes the rest
   */
  public ImportSummary importFrom(InputStream documents, @Nullable InputStream directories) {
    open();
    return Importer.importInto(
        new TransferView<>(schema, backend, host, this::open),
        Objects.requireNonNull(documents, "documents"),
        directories,
        skipped -> {});
  }

  /**
   * Copies every readable instance of this store, with its ID, version and timestamps, into {@code
   * target} (typically on another backend), and the files of their directories where the target
   * keeps them elsewhere; as idempotent and resumable as an import. A damaged instance is left
   * behind, reported to the corruption listener and counted in {@link ImportSummary#damaged}; so is
   * an instance {@code target} holds damaged, whose document is not written over (also counted in
   * {@link ImportSummary#skipped}), so that {@code damaged() == 0} means the target got every
   * instance.
   *
   * @throws MisuseException once this store or {@code target} is closed, also meanwhile: what came
   *     before is copied
   */
  public ImportSummary copyTo(StoreEngine<T> target) {
    return copyTo(target, () -> {});
  }

  /** {@link #copyTo(StoreEngine)}, running {@code eachCopied} after each instance it copies. */
  public ImportSummary copyTo(StoreEngine<T> target, Runnable eachCopied) {
    open();
    target.open();
    return Copier.copy(
        new TransferView<>(schema, backend, host, this::open),
        new TransferView<>(target.schema, target.backend, target.host, target::open),
        true,
        options.corruptionListener(),
        Objects.requireNonNull(eachCopied, "eachCopied"));
  }

  /** The instance's directory on this host and its declared subdirectories. */
  public InstanceDirectory dirs(String id) {
    open();
    return directory(checkId(id));
  }

  private InstanceDirectory directory(String id) {
    return new InstanceDirectory(
        id, backend.instanceDirectory(id), schema.layout().subdirectories());
  }

  /**
   * The instance's directory as the provisioning hooks get it: checked right before, so that a link
   * or file planted in place of the directory or of a declared subdirectory never reaches a hook
   * ({@link DirectoryFiles#checked}).
   *
   * @throws dev.burrow.UnsafePathException naming the planted path
   */
  private InstanceDirectory hookDirectory(String id) {
    return DirectoryFiles.checked(host.root(), directory(id));
  }

  /**
   * Takes the instance's lock, waiting at most {@code timeout}; a timeout beyond {@code
   * Long.MAX_VALUE} nanoseconds (about 292 years) waits forever.
   *
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public InstanceLock lock(String id, Duration timeout) {
    open();
    return backend.lock(checkId(id), Waits.timeout(timeout, "timeout"));
  }

  /**
   * Takes the locks of all {@code ids} in one global order, waiting at most {@code timeout} (as
   * {@link #lock} counts it).
   *
   * @throws IllegalArgumentException if {@code timeout} is negative
   * @throws MisuseException if {@code ids} is empty
   */
  public InstanceLock lockAll(Collection<String> ids, Duration timeout) {
    open();
    Objects.requireNonNull(ids, "ids");
    Duration limit = Waits.timeout(timeout, "timeout");
    if (ids.isEmpty()) {
      throw new MisuseException("lockAll needs at least one instance id");
    }
    for (String id : ids) {
      PathSegments.check(Objects.requireNonNull(id, "ids must not contain null"));
    }
    return backend.lockAll(ids, limit);
  }

  /**
   * The instance's event log of events of type {@code type}. Each append first has the backend
   * confirm the instance ({@link StorageBackend#confirmInstanceDirectory}), through this engine's
   * backend (a view's: in the caller's transaction). Once this store is closed, every use of the
   * log but {@link EventLog#file} throws {@link MisuseException} and touches nothing; an append
   * that was waiting for the log's lock is refused once it holds it, before it writes.
   */
  public <E> EventLog<E> events(String id, Class<E> type) {
    InstanceDirectory dirs = dirs(id);
    return OpenStoreHandles.eventLog(
        FileEventLog.of(host, dirs, Objects.requireNonNull(type, "type"), confirming(dirs)),
        this::open);
  }

  /**
   * The instance's files. Each use of the handle has the backend confirm the instance first ({@link
   * StorageBackend#confirmInstanceDirectory}), as each append to an event log does. Once this store
   * is closed, every use of the handle but {@link InstanceFiles#directory} throws {@link
   * MisuseException} and touches nothing.
   */
  public InstanceFiles files(String id) {
    InstanceDirectory dirs = dirs(id);
    return OpenStoreHandles.instanceFiles(
        DirectoryFiles.of(
            host.root(),
            dirs,
            options.durability(),
            FilesMapper.INSTANCE,
            host.temps(),
            confirming(dirs)),
        this::open);
  }

  /**
   * What the handles of the instance in {@code dirs} run to confirm it (its files at the start of
   * each use, its event log under the log's lock right before each append): the check that this
   * store is still open, then the backend's confirmation of the instance.
   */
  private Runnable confirming(InstanceDirectory dirs) {
    return () -> {
      open();
      backend.confirmInstanceDirectory(dirs.instanceId());
    };
  }

  /**
   * The files shared by every instance on this host's data root. Once this store is closed, every
   * use of them, and of the documents they hand out, but the accessors of a path or name throws
   * {@link MisuseException} and touches nothing; a document's update that was waiting for its lock
   * is refused once it holds it, before its change runs.
   */
  public SharedFiles shared() {
    open();
    return OpenStoreHandles.sharedFiles(LocalSharedFiles.of(host), this::open);
  }

  /** A factory of sessions that share what {@code preparation} returns. */
  public <P> SessionFactory<T, P> sessions(Supplier<P> preparation) {
    open();
    return PreparingSessionFactory.of(
        new EngineSessionStore<>(this), Objects.requireNonNull(preparation, "preparation"));
  }

  /**
   * {@code id}, checked once here, at the boundary, before anything is touched.
   *
   * @throws NullPointerException naming the parameter {@code id} if it is null
   * @throws dev.burrow.InvalidIdException if it breaks a rule of {@link PathSegments}
   */
  private static String checkId(String id) {
    return PathSegments.check(Objects.requireNonNull(id, "id"));
  }

  private String kind() {
    return schema.layout().name();
  }

  /**
   * The check every operation makes first.
   *
   * @throws MisuseException if this store, or the store this view was made from, was closed
   */
  private void open() {
    if (closed.get() || opener.get()) {
      throw new MisuseException(
          "the store of kind '" + schema.layout().name() + "' was closed; open a new one");
    }
  }

  /**
   * The check every operation makes first, for what this store hands out (its sessions).
   *
   * @throws MisuseException if this store, or the store this view was made from, was closed
   */
  void requireOpen() {
    open();
  }

  /** Runs this store's queries on its backend. */
  private final class QueryRunner implements IndexQuery.Runner<T> {
    @Override
    public Condition<T> check(Condition<T> condition) {
      String name = condition.field().name();
      if (schema.indexes().stream().noneMatch(field -> field.name().equals(name))) {
        throw new MisuseException(
            "component '"
                + name
                + "' of "
                + schema.type().getSimpleName()
                + " is not @Indexed, so it cannot be queried; annotate it with @Indexed");
      }
      return condition;
    }

    @Override
    public Page<T> page(List<Condition<T>> conditions, PageRequest request) {
      open();
      return backend.query(conditions, request);
    }

    @Override
    public long count(List<Condition<T>> conditions) {
      open();
      return backend.count(conditions);
    }

    @Override
    public Consumer<CorruptInstanceException> corruptionListener() {
      return options.corruptionListener();
    }

    @Override
    public void requireOpen() {
      open();
    }
  }

  /** Closes the backend; later calls throw {@link MisuseException}. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      backend.close();
    }
  }
}
