package dev.burrow.runtime.internal.filestore;

import dev.burrow.BurrowException;
import dev.burrow.Condition;
import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.IdGenerator;
import dev.burrow.InstanceAlreadyExistsException;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.MisuseException;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.VersionConflictException;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.ModificationStamps;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.Parents;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.id.IdGenerators;
import dev.burrow.runtime.internal.index.FileIndexes;
import dev.burrow.runtime.internal.index.IndexCheck;
import dev.burrow.runtime.internal.index.IndexJournal;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.internal.lock.SharedLock;
import dev.burrow.runtime.internal.shard.InstanceWalk;
import dev.burrow.runtime.internal.shard.ShardDirectories;
import dev.burrow.runtime.internal.shard.Shards;
import dev.burrow.runtime.internal.store.CheckedSchema;
import dev.burrow.runtime.internal.store.SortKey;
import dev.burrow.runtime.internal.transfer.KindDescription;
import dev.burrow.runtime.internal.transfer.ManagedFieldsMismatchException;
import dev.burrow.runtime.internal.transfer.RawSchema;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.PathSegments;
import dev.burrow.spi.StorageBackend;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
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
 * the shards).
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
 *       them, so its memory stays bounded.
 *   <li>A read racing a delete sees the instance or nothing, never a damaged instance.
 *   <li>The indexes of {@code @Indexed} components live under {@code .burrow/indexes/} ({@link
 *       FileIndexes}): every write adds the entries of changed values before the document and
 *       removes the old ones after it, under the instance's lock, and marks the indexes its schema
 *       does not declare before it; queries verify every hit.
 *   <li>Opening the backend sweeps crash leftovers ({@link #sweep}; {@link #openLeavingLeftovers}
 *       leaves them for {@code fsck} to name): abandoned staging directories (each under its
 *       instance's lock, so work in progress in another process is left alone), trash, and the
 *       temporary files of processes that are gone ({@link TempFiles}). It never looks into an
 *       instance directory; and it replays the index journals of processes that are gone ({@link
 *       IndexJournal}). Cost: a listing of {@code .burrow/staging/}, {@code .burrow/trash/}, {@code
 *       .burrow/tmp/} and {@code .burrow/journal/}, proportional to what crashes left there, not to
 *       the number of instances.
 * </ul>
 */
public final class FileSystemBackend<T> implements StorageBackend<T> {
  /**
   * Documents larger than this are reported as corrupt instead of read into memory; the store
   * writes none ({@link CheckedSchema}).
   */
  public static final int MAX_DOCUMENT_BYTES = CheckedSchema.MAX_DOCUMENT_BYTES;

  /** How many times a read racing deletes and creates of its instance looks again. */
  private static final int MAX_READ_ATTEMPTS = 16;

  /**
   * A listing or query page reads no further documents once those it read add up to this many bytes
   * (it always reads at least one), so that a page of huge documents cannot exhaust the heap; its
   * {@link Page#next()} then continues after the last one read.
   */
  public static final int MAX_PAGE_BYTES = 8 * 1024 * 1024;

  /** A document as read: the instance, the size of its file and the file's modification time. */
  private record Read<T>(T instance, int bytes, FileTime modified) {}

  private final InstanceSchema<T> schema;
  private final FileLayout layout;
  private final Durability durability;
  private final Duration lockTimeout;
  private final InstanceLocks locks;
  private final FileIndexes<T> indexes;
  private final ShardDirectories shards;
  private final DocumentCache documents;
  private final TrashRemover trash;
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
   * they are, for {@code fsck} to name them ({@link #leftovers}) and its repair to sweep them. The
   * layout upgrade and the replay of dead processes' index journals run as at every open: the
   * indexes are not whole without them.
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
    FileLayout layout = FileLayout.prepare(dataRoot, durability);
    FileSystemBackend<T> backend = new FileSystemBackend<>(schema, layout, durability, lockTimeout);
    KindDescription kind = KindDescription.of(schema);
    int sharded =
        backend.indexes.mayKeepEntriesInTops()
            ? KindMarker.ENTRIES_IN_TOPS_LAYOUT
            : KindMarker.SHARDED_LAYOUT;
    int version = backend.underMarkerLock(() -> KindMarker.claimOrCheck(layout, kind, sharded));
    LayoutUpgrade.run(layout, backend.shards, backend.locks, lockTimeout);
    if (version == KindMarker.FLAT_LAYOUT) {
      backend.underMarkerLock(
          () -> {
            KindMarker.record(layout, kind, sharded);
            return sharded;
          });
    }
    if (leftovers == Leftovers.SWEEP) {
      backend.sweep();
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
    underLock(id, () -> publish(id, instance, target));
  }

  private void publish(String id, T instance, Path target) {
    if (instanceExists(target)) {
      throw new InstanceAlreadyExistsException(id);
    }
    Path staged = FileLayout.uniqueEntry(layout.staging(), id);
    boolean published = false;
    SharedLock.Hold writing = indexes.added(id, null, instance);
    try {
      layout.checkWay(staged);
      OwnerOnly.createDirectory(staged);
      byte[] content = schema.codec().encode(instance);
      BasicFileAttributes written =
          AtomicFiles.writeNewFile(
              staged.resolve(FileLayout.DOCUMENT),
              content,
              durability,
              ModificationStamps.next(null));
      for (String subdirectory : schema.layout().subdirectories()) {
        OwnerOnly.createDirectory(staged.resolve(PathSegments.check(subdirectory)));
      }
      flush(staged);
      moveIntoShard(staged, target);
      published = true;
      documents.remember(id, new SafeFiles.Seen(content, written));
      shards.flushAfterAdding(ShardDirectories.leafOf(target));
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      throw new InstanceAlreadyExistsException(id);
    } catch (IOException e) {
      if (published) {
        throw new OutcomeUnknownException(
            id,
            "create of instance '"
                + id
                + "' at "
                + target
                + ": the instance exists now, but flushing its shard directories failed, so it"
                + " may not survive a power cut (outcome unknown): "
                + Failures.describe(e),
            e);
      }
      throw new StorageException(
          "create of instance '" + id + "' at " + target + " failed: " + Failures.describe(e), e);
    } finally {
      writing.close();
      if (!published) {
        layout.deleteQuietly(staged);
      }
    }
  }

  /**
   * Whether an instance directory is at {@code target}, looked at only once no shard on its way is
   * a link (through a link, another tree's instance would be seen).
   *
   * @throws BurrowException if a directory on the way is a link or not a directory
   */
  private boolean instanceExists(Path target) {
    try {
      layout.checkWay(target);
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new StorageException("cannot read " + target + ": " + Failures.describe(e), e);
    }
    return FileLayout.exists(target);
  }

  /**
   * Renames {@code staged} to {@code target}, making its shard where missing, and again if a delete
   * removes the shard as it empties it in between.
   */
  private void moveIntoShard(Path staged, Path target) throws IOException {
    for (int attempt = 1; ; attempt++) {
      try {
        layout.paths().move(staged, target);
        return;
      } catch (NoSuchFileException e) {
        if (attempt == ShardDirectories.MAX_RACES) {
          throw e;
        }
      }
      try {
        ShardDirectories.make(ShardDirectories.leafOf(target));
      } catch (NoSuchFileException e) {
        // The top-level shard was removed as it emptied: make it again.
      }
    }
  }

  @Override
  public Optional<T> find(String id) {
    return load(id).map(Read::instance);
  }

  /** Whether a read keeps what it read in the {@link DocumentCache}. */
  private enum Reading {
    /** A read of one instance keeps its document: a read or a write of it is likely next. */
    ONE,
    /**
     * A listing, stream or index rebuild uses what is kept and keeps nothing: passing over every
     * instance of a large root, it would push out what reads of one instance keep.
     */
    SCAN
  }

  private Optional<Read<T>> load(String id) {
    return load(id, Reading.ONE);
  }

  /**
   * Reads instance {@code id}: from the {@link DocumentCache} if its document is still the file
   * read before, through the checked way otherwise. A document missing because a delete moved the
   * instance away while it was being read is not there (empty), not damaged: the directory is
   * looked at again, and the document read again as long as deletes and creates of the same ID keep
   * replacing the directory ({@link DirectoryLook}; at most {@link #MAX_READ_ATTEMPTS} reads).
   */
  private Optional<Read<T>> load(String id, Reading reading) {
    Path directory = layout.instanceDirectory(id);
    Path document = directory.resolve(FileLayout.DOCUMENT);
    SafeFiles.Seen cached = documents.find(id, document);
    if (cached != null) {
      return Optional.of(decode(id, document, cached));
    }
    @Nullable DirectoryLook seenWithoutDocument = null;
    for (int attempt = 1; ; attempt++) {
      SafeFiles.Seen seen;
      try {
        SafeFiles.checkWay(layout.root(), document);
        seen = SafeFiles.readSeen(document, MAX_DOCUMENT_BYTES);
      } catch (NoSuchFileException e) {
        DirectoryLook now = DirectoryLook.of(directory);
        if (now == null) {
          return Optional.empty();
        }
        if (!now.equals(seenWithoutDocument) && attempt < MAX_READ_ATTEMPTS) {
          seenWithoutDocument = now;
          continue;
        }
        throw corrupt(document, "the instance directory has no " + FileLayout.DOCUMENT, e);
      } catch (SafeFiles.RefusedFileException e) {
        if (!e.path().equals(document) && !e.path().equals(directory)) {
          throw CheckedPaths.refused(e);
        }
        throw corrupt(document, refusalOf(e, directory), e);
      } catch (AccessDeniedException e) {
        throw corrupt(document, "it cannot be read: permission denied", e);
      } catch (IOException e) {
        throw new StorageException("cannot read " + document + ": " + Failures.describe(e), e);
      }
      Read<T> read = decode(id, document, seen);
      if (reading == Reading.ONE) {
        documents.remember(id, seen);
      }
      return Optional.of(read);
    }
  }

  private Read<T> decode(String id, Path document, SafeFiles.Seen seen) {
    return new Read<>(
        decode(id, document, seen.bytes()),
        seen.bytes().length,
        seen.attributes().lastModifiedTime());
  }

  /**
   * What a look at an instance directory found missing its document: which directory (its file key)
   * as it was then (its modification time). Deletes and creates racing a read replace the
   * directory, which changes both; a directory that stays the same across two reads without its
   * document is damaged.
   */
  private record DirectoryLook(@Nullable Object fileKey, FileTime modified) {
    static @Nullable DirectoryLook of(Path directory) {
      BasicFileAttributes attributes;
      try {
        attributes = SafeFiles.lstat(directory);
      } catch (IOException e) {
        throw new StorageException("cannot read " + directory + ": " + Failures.describe(e), e);
      }
      return attributes == null
          ? null
          : new DirectoryLook(attributes.fileKey(), attributes.lastModifiedTime());
    }
  }

  /** Why the document cannot be read, for a refusal of the document or its directory. */
  private static String refusalOf(SafeFiles.RefusedFileException e, Path directory) {
    return e.path().equals(directory)
        ? "its instance directory " + e.reason().replaceFirst("^it ", "")
        : e.reason();
  }

  private T decode(String id, Path document, byte[] bytes) {
    if (bytes.length == 0) {
      throw corrupt(document, "the file is empty", null);
    }
    T instance;
    try {
      instance = schema.codec().decode(bytes);
    } catch (MisuseException e) {
      throw e; // the set-up cannot read any document of the kind (a closed module): not damage
    } catch (RuntimeException | StackOverflowError e) {
      throw corrupt(
          document, "not a valid " + RawSchema.documentName(schema) + ": " + e.getMessage(), e);
    }
    if (!id.equals(schema.id(instance))) {
      String why =
          "its id '"
              + PathSegments.printable(schema.id(instance))
              + "' does not match its directory '"
              + id
              + "'";
      throw corrupt(document, why, new ManagedFieldsMismatchException(why));
    }
    return instance;
  }

  private static CorruptInstanceException corrupt(
      Path document, String reason, @Nullable Throwable cause) {
    return new CorruptInstanceException(document.toString(), reason, cause);
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
          Read<T> current = load(id).orElseThrow(() -> new InstanceNotFoundException(id));
          long storedVersion = schema.version(current.instance());
          if (storedVersion != expectedVersion) {
            throw new VersionConflictException(id, expectedVersion, storedVersion);
          }
          T written = next.apply(schema.createdAt(current.instance()));
          write(id, current, written);
          return written;
        });
  }

  @Override
  public T update(String id, UnaryOperator<T> change) {
    InstanceLock lock = lock(id, lockTimeout);
    try {
      Read<T> current = load(id).orElseThrow(() -> new InstanceNotFoundException(id));
      T next = change.apply(current.instance());
      write(id, current, next);
      return next;
    } finally {
      lock.close();
    }
  }

  /**
   * Writes {@code next} over {@code current}, between adding and removing index entries, stamped
   * after {@code current}'s file.
   */
  private void write(String id, Read<T> current, T next) {
    SharedLock.Hold writing = indexes.added(id, current.instance(), next);
    try {
      write(id, next, ModificationStamps.next(current.modified()));
    } finally {
      writing.close();
    }
    indexes.removed(id, current.instance(), next);
  }

  private void write(String id, T next, FileTime stamp) {
    Path document = layout.document(id);
    byte[] content = schema.codec().encode(next);
    try {
      layout.checkWay(document);
    } catch (IOException e) {
      throw new StorageException("cannot write " + document + ": " + Failures.describe(e), e);
    }
    boolean remembered = false;
    try {
      BasicFileAttributes written =
          AtomicFiles.write(document, content, durability, layout.temps(), stamp);
      documents.remember(id, new SafeFiles.Seen(content, written));
      remembered = true;
    } catch (OutcomeUnknownException e) {
      throw new OutcomeUnknownException(
          id, "write of instance '" + id + "': " + e.getMessage(), e.getCause());
    } finally {
      if (!remembered) {
        documents.forget(id);
      }
    }
  }

  /**
   * One page, newest first. The order comes from the directory names (the IDs), found shard by
   * shard ({@link InstanceWalk}), so only the page's documents are read, and the names listed are
   * those of the shards the page spans. A damaged document is reported on the page where its ID
   * falls; an entry that is no instance is reported on the page that enters its directory first,
   * and something in place of a shard on the page that reaches the shard's place.
   */
  @Override
  public Page<T> list(PageRequest request) {
    String cursor = request.after();
    List<CorruptInstanceException> problems = new ArrayList<>();
    InstanceWalk walk = walkFrom(cursor == null ? null : SortKey.fromCursor(cursor), problems::add);
    List<T> items = new ArrayList<>(Math.min(request.size(), 64));
    String last = null;
    long bytes = 0;
    while (items.size() < request.size() && bytes < MAX_PAGE_BYTES) {
      String id = walk.next();
      if (id == null) {
        break;
      }
      last = id;
      try {
        Optional<Read<T>> found = load(id, Reading.SCAN);
        if (found.isPresent()) {
          items.add(found.get().instance());
          bytes += found.get().bytes();
        }
      } catch (CorruptInstanceException e) {
        problems.add(e);
      }
    }
    PageRequest next =
        last != null && walk.hasNext()
            ? PageRequest.after(SortKey.of(last).toCursor(), request.size())
            : null;
    return new Page<>(items, problems, next);
  }

  /**
   * A walk of the instances from {@code after} on, once {@code instances/} is a real directory: one
   * swapped for a link would have the walk list another tree (its shards are each looked at before
   * the walk enters them).
   *
   * @throws BurrowException if {@code instances/} is a link or not a directory
   */
  private InstanceWalk walkFrom(
      @Nullable SortKey after, Consumer<CorruptInstanceException> problems) {
    try {
      layout.paths().checkDirectory(layout.instances());
    } catch (NoSuchFileException e) {
      // nothing to walk: the walk finds no shard
    } catch (IOException e) {
      throw new StorageException(
          "cannot list " + layout.instances() + ": " + Failures.describe(e), e);
    }
    return new InstanceWalk(layout.instances(), after, problems);
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
    return walkAfter(null, problems);
  }

  /**
   * Every instance after the position {@code after} (from the newest if null), newest first, read
   * one at a time as {@link #walk(int, Consumer)} does. Each damaged instance is handed to {@code
   * problems} when the walk meets it, between the instances it lies between, and each entry that is
   * no instance when the walk enters its directory from its beginning.
   */
  public Iterator<T> walkAfter(
      @Nullable SortKey after, Consumer<CorruptInstanceException> problems) {
    InstanceWalk walk = walkFrom(after, problems);
    return new Iterator<>() {
      private @Nullable T next;

      @Override
      public boolean hasNext() {
        while (next == null) {
          String id = walk.next();
          if (id == null) {
            return false;
          }
          try {
            next = load(id, Reading.SCAN).map(Read::instance).orElse(null);
          } catch (CorruptInstanceException e) {
            problems.accept(e);
          }
        }
        return true;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        T found = Objects.requireNonNull(next);
        next = null;
        return found;
      }
    };
  }

  @Override
  public boolean delete(String id) {
    Path directory = layout.instanceDirectory(id);
    InstanceLock lock = lock(id, lockTimeout);
    boolean moved = false;
    try {
      Optional<T> indexed = indexes.isEmpty() ? Optional.empty() : findReadable(id);
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
   * Waits until the trees of the instances deleted on this root so far are removed from the trash
   * ({@link TrashRemover}), and drops the documents this store kept ({@link DocumentCache}). The
   * lock file stays open for the JVM's lifetime: closing it would drop locks that other stores on
   * the same root hold.
   */
  @Override
  public void close() {
    trash.awaitIdle();
    documents.clear();
  }

  /** An entry a repair moved from the instances into the quarantine. */
  public record Quarantined(Path entry, Path target) {}

  /**
   * Moves a damaged entry out of the instances, into {@code .burrow/quarantine/<name>~<random>},
   * where nothing lists it and nothing deletes it: the directory of an instance whose document is
   * damaged ({@code location} is the document, as a {@link CorruptInstanceException} names it, or
   * the directory), or a stray entry a listing reported (a name that is no shard or no ID, a file
   * where a directory should be, an instance in the wrong shard). An instance is moved under its
   * lock, and only if its document is still damaged then (a writer may have repaired or deleted it
   * meanwhile); a document this process may not read is not damaged and stays. A shard is never
   * moved. The quarantine and the way to it must be real directories, as every path of Burrow's is
   * checked right before use. Flushes both directories at this backend's durability.
   *
   * @return what was moved where, or null if there was nothing to move (the instance is readable,
   *     gone, or may not be read)
   * @throws IllegalArgumentException if {@code location} is not an instance or a stray entry of
   *     this root's instances
   * @throws BurrowException if the quarantine or a directory on the way is a link or not a
   *     directory; nothing is moved
   * @throws StorageException if the move fails; the entry is then where it was
   */
  public @Nullable Quarantined quarantine(Path location) {
    Path entry = location.toAbsolutePath().normalize();
    if (String.valueOf(entry.getFileName()).equals(FileLayout.DOCUMENT)
        && entry.getParent() != null) {
      entry = entry.getParent();
    }
    String name = String.valueOf(entry.getFileName());
    if (PathSegments.isValid(name) && entry.equals(layout.instanceDirectory(name))) {
      InstanceLock lock = lock(name, lockTimeout);
      try {
        find(name);
        return null;
      } catch (CorruptInstanceException damaged) {
        return Failures.isPermissionDenied(damaged) ? null : moveToQuarantine(entry, name);
      } finally {
        lock.close();
      }
    }
    if (!isStray(entry)) {
      throw new IllegalArgumentException(
          location
              + " is neither an instance nor a stray entry of the instances of data root "
              + layout.root());
    }
    return moveToQuarantine(entry, name);
  }

  /**
   * Whether {@code entry} lies in {@code instances/} or its shards where only shards and instance
   * directories belong, and is not a shard on the way to its instances.
   */
  private boolean isStray(Path entry) {
    if (!entry.startsWith(layout.instances()) || entry.equals(layout.instances())) {
      return false;
    }
    Path relative = layout.instances().relativize(entry);
    int depth = relative.getNameCount();
    if (depth >= 3) {
      return depth == 3;
    }
    if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
      return true;
    }
    Shards.Key top = Shards.parse(relative.getName(0).toString(), 1);
    if (depth == 1) {
      return top == null;
    }
    Shards.Key leaf = Shards.parse(relative.getName(1).toString(), 2);
    return top == null || leaf == null || !Shards.topOf(leaf).equals(top);
  }

  private @Nullable Quarantined moveToQuarantine(Path entry, String name) {
    if (!FileLayout.exists(entry)) {
      return null;
    }
    // A stray's own name may be too long or hostile to carry a suffix; the report maps it.
    Path target =
        FileLayout.uniqueEntry(layout.quarantine(), PathSegments.isValid(name) ? name : "stray");
    try {
      layout.paths().makeDirectories(layout.quarantine(), durability);
      layout.paths().move(entry, target);
      shards.flushAfterRemoving(Parents.of(entry));
      flush(layout.quarantine());
      return new Quarantined(entry, target);
    } catch (IOException e) {
      throw new StorageException(
          "cannot move " + entry + " to " + target + ": " + Failures.describe(e), e);
    }
  }

  /**
   * A check of this root's indexes against its documents, for tools without the user's classes (see
   * {@link IndexCheck}); reads only.
   *
   * @throws StorageException if an index directory cannot be read
   */
  public IndexCheck checkIndexes() {
    return IndexCheck.of(layout.root(), layout.indexes());
  }

  /**
   * Rebuilds every complete index from the documents' JSON and removes its stale entries, for tools
   * without the user's classes; incomplete indexes stay so (see {@link
   * FileIndexes#repairFromJson}). A directory with entries planted in place of an index entry or a
   * ready marker is moved into the quarantine whole, as a damaged instance is, never looked into.
   *
   * @throws StorageException if an index cannot be read or written, or such a directory cannot be
   *     moved (it is then where it was)
   */
  public FileIndexes.Repair repairIndexes() {
    return indexes.repairFromJson(
        schema.codec()::encode,
        planted -> {
          Quarantined moved = moveToQuarantine(planted, "index-entry");
          return moved == null ? null : moved.target();
        });
  }

  /**
   * What is wrong with Burrow's own files under {@code .burrow/} (see {@link Bookkeeping}); empty
   * if nothing is. Reads and changes nothing else.
   *
   * @throws StorageException if one of its directories cannot be read
   */
  public List<Bookkeeping.Finding> checkBookkeeping() {
    return Bookkeeping.check(layout, layout.paths()::entries);
  }

  /**
   * Removes what crashes left behind: staging directories of creates that never finished, trash of
   * deletes that were interrupted, and the temporary files of processes that are gone. Work in
   * progress in another process holds the instance's lock or its session's lease and is skipped.
   * The rules are those of {@link #leftovers}, which removes nothing.
   *
   * @return what it removed; what cannot be removed now is left for the next sweep, and not listed
   */
  public List<Leftover> sweep() {
    List<Leftover> found = new ArrayList<>();
    layout.temps().sweep().forEach(at -> found.add(new Leftover(at, Leftover.Kind.TEMPORARY)));
    forEachAbandonedStaging(
        staged -> {
          layout.deleteQuietly(staged);
          found.add(new Leftover(staged, Leftover.Kind.STAGING));
        });
    layout.trash().sweep().forEach(at -> found.add(new Leftover(at, Leftover.Kind.TRASH)));
    found.removeIf(leftover -> FileLayout.exists(leftover.location()));
    return found;
  }

  /**
   * What {@link #sweep} would remove now, by the same rules, removing nothing: for {@code fsck},
   * which names them. Each abandoned staging directory is found under its instance's lock and each
   * session of the temporary area under its lease, both released at once, so work in progress in a
   * live process is not among them; anything in the trash is (see {@link Trash#leftovers}). A
   * process opening the root meanwhile may sweep what is listed. Cost: as the sweep's listings.
   *
   * @throws BurrowException if a directory of the sweep's, or one on the way to it, is a symbolic
   *     link or not a directory
   * @throws StorageException if one of them cannot be listed
   */
  public List<Leftover> leftovers() {
    List<Leftover> found = new ArrayList<>();
    layout.temps().leftovers().forEach(at -> found.add(new Leftover(at, Leftover.Kind.TEMPORARY)));
    forEachAbandonedStaging(staged -> found.add(new Leftover(staged, Leftover.Kind.STAGING)));
    layout.trash().leftovers().forEach(at -> found.add(new Leftover(at, Leftover.Kind.TRASH)));
    return found;
  }

  /**
   * Hands each staging directory whose create no live process is running to {@code action}, under
   * its instance's lock (an entry whose name is no ID has no lock and no create).
   */
  private void forEachAbandonedStaging(Consumer<Path> action) {
    for (Path staged : layout.paths().entries(layout.staging())) {
      withLockIfFree(FileLayout.idOfEntry(staged), () -> action.accept(staged));
    }
  }

  /**
   * What {@link #sweepForRepair} removed: the planted entries, with what each was and where each
   * moved one went, and the leftovers it swept.
   */
  public record RepairSweep(List<TempFiles.PlantedEntry> planted, List<Leftover> swept) {}

  /**
   * The {@link #sweep}, after removing what only a person puts under {@code .burrow/} where the
   * sweep never opens or names it: a lease that is not a regular file and anything but a directory
   * in a session directory's place (see {@link TempFiles#removePlanted}); one that is a directory
   * with entries is moved into the quarantine, as a damaged instance is. Each entry of {@code
   * .burrow/workers/} that is no worker's lease or mark ({@link Bookkeeping#workerStrays}) is moved
   * into the quarantine too, whatever it is (a rename: a link is moved itself, nothing is opened,
   * followed or deleted). For a repair, which counts each entry removed or moved as damage it
   * repaired, and each leftover swept.
   *
   * @return the entries removed or moved, with what each was and where each moved one went, and the
   *     leftovers swept
   * @throws StorageException if an entry cannot be moved; it is then where it was
   */
  public RepairSweep sweepForRepair() {
    List<TempFiles.PlantedEntry> removed =
        new ArrayList<>(
            layout
                .temps()
                .removePlanted(
                    lease -> {
                      Quarantined moved = moveToQuarantine(lease, "lease");
                      return moved == null ? null : moved.target();
                    }));
    for (Bookkeeping.Finding stray : Bookkeeping.workerStrays(layout, layout.paths()::entries)) {
      Quarantined moved = moveToQuarantine(stray.location(), "worker-file");
      if (moved != null) {
        removed.add(new TempFiles.PlantedEntry(stray.location(), stray.reason(), moved.target()));
      }
    }
    return new RepairSweep(removed, sweep());
  }

  /** The instance, or empty if there is none or it cannot be read. */
  private Optional<T> findReadable(String id) {
    try {
      return find(id);
    } catch (CorruptInstanceException e) {
      return Optional.empty();
    }
  }

  /** The documents and locks of this root, as the indexes see them. */
  private final class IndexedDocuments implements FileIndexes.Instances<T> {
    @Override
    public Iterator<T> all() {
      return walk(PageRequest.MAX_SIZE, problem -> {});
    }

    @Override
    public String id(T instance) {
      return schema.id(instance);
    }

    @Override
    public Optional<T> find(String id) {
      return FileSystemBackend.this.find(id);
    }

    @Override
    public Optional<FileIndexes.Found<T>> read(String id) {
      return load(id).map(loaded -> new FileIndexes.Found<>(loaded.instance(), loaded.bytes()));
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

  private void withLockIfFree(String id, Runnable action) {
    if (!PathSegments.isValid(id)) {
      action.run();
      return;
    }
    InstanceLock lock = locks.tryLock(id);
    if (lock != null) {
      try {
        action.run();
      } finally {
        lock.close();
      }
    }
  }

  private void flush(Path directory) throws IOException {
    if (durability == Durability.FSYNC) {
      AtomicFiles.forceDirectory(directory);
    }
  }
}
