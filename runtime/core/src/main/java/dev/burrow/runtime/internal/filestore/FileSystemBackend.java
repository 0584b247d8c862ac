package dev.burrow.runtime.internal.filestore;

import dev.burrow.BurrowException;
import dev.burrow.Condition;
import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.IdGenerator;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.VersionConflictException;
import dev.burrow.runtime.internal.filestore.DocumentReader.Read;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.id.IdGenerators;
import dev.burrow.runtime.internal.index.FileIndexes;
import dev.burrow.runtime.internal.index.IndexJournal;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.internal.lock.SharedLock;
import dev.burrow.runtime.internal.shard.InstanceWalk;
import dev.burrow.runtime.internal.shard.ShardDirectories;
import dev.burrow.runtime.internal.shard.Shards;
import dev.burrow.runtime.internal.store.CheckedSchema;
import dev.burrow.runtime.internal.store.SortKey;
import dev.burrow.runtime.internal.transfer.KindDescription;
import dev.burrow.runtime.internal.transfer.RawSchema;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.PathSegments;
import dev.burrow.spi.StorageBackend;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Stores each instance as a directory with an {@code instance.json} document, in two levels of
 * shards named after a prefix of its ID (see {@link FileLayout} for the tree, {@link Shards} for
 * the shards). This class opens the root, takes an instance's lock around each write, checks the
 * stored version, and deletes; it hands the rest to the classes that do it: {@link DocumentReader}
 * reads, {@link InstanceListing} lists, {@link DocumentWriter} creates and replaces, {@link
 * RootMaintenance} sweeps and repairs ({@link #maintenance}).
 *
 * <ul>
 *   <li>Create builds the whole instance directory in {@code .burrow/staging/}, flushes it, and
 *       renames it into its shard under the instance's lock: the instance appears complete or not
 *       at all, and an existing one is never overwritten.
 *   <li>Replace checks the stored version and writes with {@link AtomicFiles#write} under the
 *       instance's lock.
 *   <li>Delete renames the directory into {@code .burrow/trash/} (the instance is gone at once) and
 *       returns; a background thread removes the tree ({@link TrashRemover}), and {@link #close}
 *       waits for it. An interrupted removal is finished by a later sweep. A shard left empty is
 *       removed.
 *   <li>Listing walks the shards newest first ({@link InstanceWalk}), so a page reads only its own
 *       documents and a walk over everything holds one shard's names, never the whole root.
 *   <li>Every path is checked right before use ({@link SafeFiles}): a symbolic link in place of
 *       {@code instances/}, a shard, an instance directory, {@code .burrow/staging} or {@code
 *       .burrow/trash} is refused, so no write or move can be led outside the root; listings skip
 *       such shards and report them; a document that is a link, a FIFO, a socket, a device or a
 *       directory is reported as a corrupt instance without being opened (opening a FIFO would
 *       block); documents over {@link #MAX_DOCUMENT_BYTES} are reported without being read; a
 *       listing or query page stops reading documents once it holds {@link #MAX_PAGE_BYTES} of
 *       them, so its memory stays bounded; a listing page counts damaged documents toward its size
 *       and their bytes toward that bound too.
 *   <li>A read racing a delete sees the instance or nothing, never a damaged instance.
 *   <li>The indexes of {@code @Indexed} components live under {@code .burrow/indexes/} ({@link
 *       FileIndexes}): every write adds the entries of changed values before the document and
 *       removes the old ones after it, under the instance's lock, and marks the indexes its schema
 *       does not declare before it; queries verify every hit.
 *   <li>Opening the backend sweeps crash leftovers ({@link RootMaintenance#sweep}; {@link
 *       #openLeavingLeftovers} leaves them for {@code fsck} to name): abandoned staging directories
 *       (each under its instance's lock, so work in progress in another process is left alone),
 *       trash, and the temporary files of processes that are gone ({@link TempFiles}). It never
 *       looks into an instance directory; and it replays the index journals of processes that are
 *       gone ({@link IndexJournal}). Cost: a listing of {@code .burrow/staging/}, {@code
 *       .burrow/trash/}, {@code .burrow/tmp/} and {@code .burrow/journal/}, proportional to what
 *       crashes left there, not to the number of instances.
 * </ul>
 */
public final class FileSystemBackend<T> implements StorageBackend<T> {
  /**
   * Documents larger than this are reported as corrupt instead of read into memory; the store
   * writes none ({@link CheckedSchema}).
   */
  public static final int MAX_DOCUMENT_BYTES = CheckedSchema.MAX_DOCUMENT_BYTES;

  /**
   * A listing or query page reads no further documents once those it read add up to this many bytes
   * (it always reads at least one; a listing page counts damaged documents too), so that a page of
   * huge documents cannot exhaust the heap; its {@link Page#next()} then continues after the last
   * one read.
   */
  public static final int MAX_PAGE_BYTES = 8 * 1024 * 1024;

  private final InstanceSchema<T> schema;
  private final FileLayout layout;
  private final Durability durability;
  private final Duration lockTimeout;
  private final InstanceLocks locks;
  private final FileIndexes<T> indexes;
  private final ShardDirectories shards;
  private final DocumentCache documents;
  private final TrashRemover trash;
  private final DocumentReader<T> reader;
  private final DocumentWriter<T> writer;
  private final InstanceListing<T> listing;
  private final RootMaintenance<T> maintenance;
  private volatile @Nullable IdGenerator ids;

  private FileSystemBackend(
      InstanceSchema<T> schema, FileLayout layout, Durability durability, Duration lockTimeout) {
    this.schema = schema;
    this.layout = layout;
    this.durability = durability;
    this.lockTimeout = lockTimeout;
    this.locks = InstanceLocks.forRoot(layout.root());
    this.indexes =
        RawSchema.isRaw(schema)
            ? FileIndexes.undeclared(
                layout.root(), layout.indexes(), durability, lockTimeout, new IndexedDocuments())
            : FileIndexes.of(
                schema,
                layout.root(),
                layout.indexes(),
                durability,
                lockTimeout,
                new IndexedDocuments());
    this.shards = new ShardDirectories(layout.instances(), durability);
    this.documents = DocumentCache.forRoot(layout.root(), layout.temps());
    this.trash = TrashRemover.forRoot(layout);
    this.reader = new DocumentReader<>(schema, layout, documents);
    this.listing = new InstanceListing<>(layout, reader);
    this.writer = new DocumentWriter<>(schema, layout, durability, indexes, shards, documents);
    this.maintenance =
        new RootMaintenance<>(
            schema, layout, durability, locks, lockTimeout, shards, indexes, reader);
  }

  /**
   * Opens (creating if needed) the data root for {@code schema}'s kind, moves instance directories
   * of the layout before sharding into their shards ({@link LayoutUpgrade}), and sweeps crash
   * leftovers.
   *
   * @param options the store's options: its durability, and the lock timeout internal writes wait
   *     for an instance's lock
   * @throws dev.burrow.MisuseException if the root belongs to another kind
   * @throws dev.burrow.NewerFormatException if the root is in the layout of a newer Burrow
   * @throws StorageException if the root cannot be created or written, or contains symbolic links
   *     where Burrow's directories should be
   */
  public static <T> FileSystemBackend<T> open(
      InstanceSchema<T> schema, Path dataRoot, StoreOptions options) {
    return open(schema, dataRoot, options.durability(), options.lockTimeout());
  }

  /** {@link #open(InstanceSchema, Path, StoreOptions)} with the two options it uses. */
  public static <T> FileSystemBackend<T> open(
      InstanceSchema<T> schema, Path dataRoot, Durability durability, Duration lockTimeout) {
    return open(schema, dataRoot, durability, lockTimeout, Leftovers.SWEEP);
  }

  /**
   * {@link #open(InstanceSchema, Path, StoreOptions)} without the sweep: crash leftovers stay where
   * they are, for {@code fsck} to name them ({@link RootMaintenance#leftovers}) and its repair to
   * sweep them. The layout upgrade and the replay of dead processes' index journals run as at every
   * open: the indexes are not whole without them.
   */
  public static <T> FileSystemBackend<T> openLeavingLeftovers(
      InstanceSchema<T> schema, Path dataRoot, StoreOptions options) {
    return open(schema, dataRoot, options.durability(), options.lockTimeout(), Leftovers.LEAVE);
  }

  /** What an open does with crash leftovers. */
  private enum Leftovers {
    SWEEP,
    LEAVE
  }

  private static <T> FileSystemBackend<T> open(
      InstanceSchema<T> schema,
      Path dataRoot,
      Durability durability,
      Duration lockTimeout,
      Leftovers leftovers) {
    KindMarker.refuseUnknownLayout(FileLayout.at(dataRoot));
    FileLayout layout = FileLayout.prepare(dataRoot, durability);
    FileSystemBackend<T> backend = new FileSystemBackend<>(schema, layout, durability, lockTimeout);
    try {
      return backend.finishOpen(schema, layout, lockTimeout, leftovers);
    } catch (RuntimeException | Error e) {
      backend.indexes.close(); // no store holds its journal: the next open makes a new one
      throw e;
    }
  }

  /** The rest of {@link #open(InstanceSchema, Path, Durability, Duration, Leftovers)}. */
  private FileSystemBackend<T> finishOpen(
      InstanceSchema<T> schema, FileLayout layout, Duration lockTimeout, Leftovers leftovers) {
    FileSystemBackend<T> backend = this;
    KindDescription kind = KindDescription.of(schema);
    int sharded =
        backend.indexes.mayKeepEntriesInTops()
            ? KindMarker.ENTRIES_IN_TOPS_LAYOUT
            : KindMarker.SHARDED_LAYOUT;
    int version = backend.underMarkerLock(() -> KindMarker.claimOrCheck(layout, kind, sharded));
    LayoutUpgrade.run(layout, backend.shards, backend.locks, lockTimeout);
    if (version == KindMarker.FLAT_LAYOUT) {
      // A marker edited or restored to say flat must not hide entries that only layout 3 keeps.
      int upgraded =
          FileIndexes.keepEntriesInTops(layout.indexes())
              ? KindMarker.ENTRIES_IN_TOPS_LAYOUT
              : sharded;
      // Read again: another store upgrading at the same time may have recorded a higher layout.
      backend.underMarkerLock(() -> KindMarker.recordUpgraded(layout, kind, upgraded));
    }
    if (leftovers == Leftovers.SWEEP) {
      backend.maintenance.sweep();
    }
    backend.indexes.replayJournal();
    backend.indexes.open();
    return backend;
  }

  private int underMarkerLock(IntSupplier action) {
    InstanceLock lock = locks.lock(KindMarker.LOCK_NAME, lockTimeout);
    try {
      return action.getAsInt();
    } finally {
      lock.close();
    }
  }

  /**
   * The kind recorded in the data root's marker {@code .burrow/store.json} by the stores that
   * opened it, or null if none did (or only a Burrow from before descriptions were recorded): what
   * a tool without the user's classes opens the root as, through a {@link
   * dev.burrow.runtime.internal.transfer.RawSchema}. Creates nothing: null also where there is no
   * data root at all.
   *
   * @throws StorageException if the marker cannot be read
   */
  public static @Nullable KindDescription describedKind(Path dataRoot) {
    return KindMarker.describedKind(FileLayout.at(dataRoot));
  }

  /** The data root. */
  public Path dataRoot() {
    return layout.root();
  }

  /**
   * Where the directory of instance {@code id} is under {@code dataRoot}, in its shards, whether or
   * not it exists; for tools and tests that look at the tree from outside.
   */
  public static Path instanceDirectory(Path dataRoot, String id) {
    return dataRoot.resolve("instances").resolve(Shards.relativePath(PathSegments.check(id)));
  }

  @Override
  public void insert(T instance) {
    String id = schema.id(instance);
    Path target = layout.instanceDirectory(id);
    underLock(id, () -> writer.publish(id, instance, target));
  }

  @Override
  public Optional<T> find(String id) {
    return reader.find(id);
  }

  @Override
  public void replace(String id, long expectedVersion, T next) {
    replaceKeepingCreatedAt(id, expectedVersion, storedCreatedAt -> next);
  }

  /**
   * Under the instance's lock, reads the stored document once, for the version check and the
   * creation time both; a damaged one throws, as for {@link #replace}.
   */
  @Override
  public T replaceKeepingCreatedAt(
      String id, long expectedVersion, Function<@Nullable Instant, T> next) {
    return underLock(
        id,
        () -> {
          Read<T> current = reader.load(id).orElseThrow(() -> new InstanceNotFoundException(id));
          long storedVersion = schema.version(current.instance());
          if (storedVersion != expectedVersion) {
            throw new VersionConflictException(id, expectedVersion, storedVersion);
          }
          T written = next.apply(schema.createdAt(current.instance()));
          writer.overwrite(id, current, written);
          return written;
        });
  }

  @Override
  public T update(String id, UnaryOperator<T> change) {
    InstanceLock lock = lock(id, lockTimeout);
    try {
      Read<T> current = reader.load(id).orElseThrow(() -> new InstanceNotFoundException(id));
      T next = change.apply(current.instance());
      writer.overwrite(id, current, next);
      return next;
    } finally {
      lock.close();
    }
  }

  /** One page, newest first, reading only the page's documents ({@link InstanceListing#list}). */
  @Override
  public Page<T> list(PageRequest request) {
    return listing.list(request);
  }

  /**
   * Matching instances, newest first, from the indexes; see {@link FileIndexes} for how hits are
   * verified. A page stops reading documents at {@link #MAX_PAGE_BYTES}, as a listing page does.
   */
  @Override
  public Page<T> query(List<Condition<T>> conditions, PageRequest request) {
    return indexes.query(conditions, request, MAX_PAGE_BYTES);
  }

  @Override
  public long count(List<Condition<T>> conditions) {
    return indexes.count(conditions);
  }

  /**
   * For tools without the user's classes: the hits of the complete indexes of top-level fields; see
   * {@link FileIndexes#completeEntries}.
   */
  public @Nullable Iterator<String> completeIndexEntries(
      Map<String, List<String>> valueNames, @Nullable SortKey after) {
    return indexes.completeEntries(valueNames, after);
  }

  /**
   * Every instance, newest first, read one at a time while one walk keeps its place in the shards:
   * memory is one shard's names, whatever {@code pageSize} and the number of instances.
   */
  @Override
  public Iterator<T> walk(int pageSize, Consumer<CorruptInstanceException> problems) {
    return listing.walkAfter(null, problems);
  }

  /**
   * Every instance after the position {@code after} (from the newest if null), newest first, read
   * one at a time as {@link #walk(int, Consumer)} does ({@link InstanceListing#walkAfter}).
   */
  public Iterator<T> walkAfter(
      @Nullable SortKey after, Consumer<CorruptInstanceException> problems) {
    return listing.walkAfter(after, problems);
  }

  @Override
  public boolean delete(String id) {
    Path directory = layout.instanceDirectory(id);
    InstanceLock lock = lock(id, lockTimeout);
    boolean moved = false;
    try {
      Optional<T> indexed = indexes.isEmpty() ? Optional.empty() : reader.findReadable(id);
      Path grave = layout.trash().graveFor(id);
      if (!layout.trash().moveAside(directory, grave, durability)) {
        return false;
      }
      moved = true;
      documents.forget(id);
      boolean gone = false;
      try {
        shards.flushAfterRemoving(ShardDirectories.leafOf(directory));
        gone = true;
      } finally {
        trash.remove(grave);
        ShardDirectories.removeIfEmpty(ShardDirectories.leafOf(directory));
        if (gone) {
          // A delete whose outcome is unknown may come back after a power cut: its entries stay,
          // until a query finds its document gone and removes them as stale.
          indexed.ifPresent(old -> indexes.removed(id, old, null));
        }
      }
      return true;
    } catch (IOException e) {
      if (moved) {
        throw new OutcomeUnknownException(
            id,
            "delete of instance '"
                + id
                + "' at "
                + directory
                + ": the instance is gone now, but flushing its shard directory failed, so after a power cut it may come back (outcome unknown): "
                + Failures.describe(e),
            e);
      }
      throw new StorageException(
          "delete of instance '"
              + id
              + "' at "
              + directory
              + " failed; the instance is intact: "
              + Failures.describe(e),
          e);
    } finally {
      lock.close();
    }
  }

  private void underLock(String id, Runnable action) {
    underLock(
        id,
        () -> {
          action.run();
          return id;
        });
  }

  private <R> R underLock(String id, Supplier<R> action) {
    InstanceLock lock = lock(id, lockTimeout);
    try {
      return action.get();
    } finally {
      lock.close();
    }
  }

  @Override
  public InstanceLock lock(String id, Duration timeout) {
    return locks.lock(id, timeout);
  }

  @Override
  public InstanceLock lockAll(Collection<String> ids, Duration timeout) {
    return locks.lockAll(ids, timeout);
  }

  /**
   * The generator of the schema's ID kind for this root, made on first use: Snowflake with a worker
   * number leased under {@code .burrow/workers/}, or UUIDv7.
   */
  @Override
  public IdGenerator idGenerator() {
    IdGenerator made = ids;
    if (made == null) {
      synchronized (this) {
        made = ids;
        if (made == null) {
          made = IdGenerators.forKind(schema.layout().idKind(), layout.root());
          ids = made;
        }
      }
    }
    return made;
  }

  /**
   * The instance's directory, handed out only once it and every directory on the way to it from the
   * root are real directories: a shard planted as a link would otherwise lead the caller's files
   * outside the root.
   *
   * @throws InstanceNotFoundException if there is no such directory
   * @throws BurrowException if it, or a directory on the way, is a link or not a directory
   */
  @Override
  public Path instanceDirectory(String id) {
    Path directory = layout.instanceDirectory(id);
    try {
      layout.paths().checkDirectory(directory);
    } catch (NoSuchFileException e) {
      throw new InstanceNotFoundException(id);
    } catch (IOException e) {
      throw new StorageException("cannot look at " + directory + ": " + Failures.describe(e), e);
    }
    return directory;
  }

  /**
   * Nothing to confirm, at no cost: a delete takes the instance's directory away on the one root
   * there is before it returns, so an append finding it missing says the instance is gone ({@link
   * dev.burrow.runtime.internal.files.DeletedInstance}), and one created again has its directory at
   * the same path.
   */
  @Override
  public void confirmInstanceDirectory(String id) {
    // the directory is the instance's whenever it is there
  }

  /**
   * Waits until the trees of the instances deleted on this root so far are removed from the trash
   * ({@link TrashRemover}), drops the documents this store kept ({@link DocumentCache}) and gives
   * back the root's index journal ({@link FileIndexes#close}). The lock file stays open for the
   * JVM's lifetime: closing it would drop locks that other stores on the same root hold.
   */
  @Override
  public void close() {
    trash.awaitIdle();
    documents.clear();
    indexes.close();
  }

  /** What {@code fsck} and its repair do to this root besides reading instances. */
  public RootMaintenance<T> maintenance() {
    return maintenance;
  }

  /** The documents and locks of this root, as the indexes see them. */
  private final class IndexedDocuments implements FileIndexes.Instances<T> {
    @Override
    public Iterator<T> all(Consumer<CorruptInstanceException> problems) {
      return walk(PageRequest.MAX_SIZE, problems);
    }

    @Override
    public String id(T instance) {
      return schema.id(instance);
    }

    @Override
    public Optional<T> find(String id) {
      return reader.find(id);
    }

    @Override
    public Optional<FileIndexes.Found<T>> read(String id) {
      return reader
          .load(id)
          .map(loaded -> new FileIndexes.Found<>(loaded.instance(), loaded.bytes()));
    }

    @Override
    public @Nullable InstanceLock tryLock(String name) {
      return locks.tryLock(name);
    }

    @Override
    public InstanceLock lock(String name, Duration timeout) {
      return locks.lock(name, timeout);
    }

    @Override
    public SharedLock shared(String name) {
      return locks.shared(name);
    }

    @Override
    public void discard(Path directory) throws IOException {
      Path grave = layout.trash().graveFor(directory.getFileName().toString());
      if (layout.trash().moveAside(directory, grave, durability)) {
        layout.deleteQuietly(grave);
      }
    }

    @Override
    public byte[] json(T instance) {
      return schema.codec().encode(instance);
    }
  }
}
