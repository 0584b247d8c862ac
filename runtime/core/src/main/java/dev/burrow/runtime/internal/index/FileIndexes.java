package dev.burrow.runtime.internal.index;

import dev.burrow.Condition;
import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.IndexedField;
import dev.burrow.InstanceLock;
import dev.burrow.LockTimeoutException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.DirectoryListing;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.lock.SharedLock;
import dev.burrow.runtime.internal.store.IndexDefault;
import dev.burrow.runtime.internal.store.SortKey;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The indexes of one data root's {@code @Indexed} components (see {@link FieldIndex} for one), kept
 * as verified hints.
 *
 * <ul>
 *   <li>Writers call {@link #added} before writing a document and {@link #removed} after, holding
 *       the instance's lock: the entry of the new value is durable before the document is, and the
 *       entry of the old value goes after, so a crash can leave a stale entry but never a missing
 *       one. Only components whose value changes are touched.
 *   <li>{@link #query} walks the entries of one value directory per condition newest first, shard
 *       by shard from the page's position ({@link Candidates}), and reads the documents of the IDs
 *       every condition has an entry for until the page is full: each is verified against every
 *       condition, so a stale entry is never a result. A page costs the shards it walks and the
 *       documents it reads, not the number of instances with the value. A stale entry is removed on
 *       the way, under the instance's lock if it is free (otherwise left for a later query).
 *   <li>An index that is not complete (new, its component's default changed, or damaged) is rebuilt
 *       from the documents before it is used, under the rebuild lock every process takes, and
 *       marked complete only once its entries are durable: a crash during a rebuild leaves it
 *       incomplete, to be rebuilt again. A rebuild that waited the whole lock timeout for that lock
 *       makes the entries its query needs but marks nothing. The indexes of components no longer
 *       {@code @Indexed} are removed.
 *   <li>A store marks {@linkplain FieldIndex#UNMAINTAINED unmaintained} each index its schema does
 *       not declare (all of them under a raw schema), before each document it writes, holding the
 *       {@linkplain #WRITERS writers' lock} shared from the mark until the document is written; a
 *       rebuild under the rebuild lock takes that lock alone to clear the mark before it reads the
 *       documents (or, if writers keep it past a short wait, leaves the index incomplete). So every
 *       document written without an entry is either written before the rebuild reads the documents
 *       or marked after it cleared the mark, however the writer's process ends.
 * </ul>
 *
 * @param <T> the instance type
 */
public final class FileIndexes<T> {
  /** The lock every process takes to rebuild or remove indexes of a root. */
  static final String REBUILD_LOCK = ".indexes";

  /**
   * The lock writers hold shared from marking the indexes their schema does not declare until their
   * document is written, and a rebuild holds alone to clear the mark ({@link SharedLock}).
   */
  static final String WRITERS = ".index-writers";

  /** What the indexes need from the backend that owns the documents. */
  public interface Instances<T> {
    /**
     * Every readable instance, read lazily: an instance that exists throughout is met exactly once.
     * Damaged ones, and documents and shards this process may not read, are skipped and handed to
     * {@code problems} as the walk meets them.
     */
    Iterator<T> all(Consumer<CorruptInstanceException> problems);

    /** The ID of {@code instance}. */
    String id(T instance);

    /**
     * The stored instance, or empty.
     *
     * @throws CorruptInstanceException if its document cannot be read
     */
    Optional<T> find(String id);

    /**
     * The stored instance with the size of its document, or empty: what a query reads.
     *
     * @throws CorruptInstanceException if its document cannot be read
     */
    Optional<Found<T>> read(String id);

    /**
     * The lock {@code name} if it is free now, else null.
     *
     * @throws dev.burrow.InterruptedOperationException if the thread is interrupted already, even
     *     when the lock is free (the interrupt status is kept)
     */
    @Nullable InstanceLock tryLock(String name);

    /** The lock {@code name}, waiting at most {@code timeout}. */
    InstanceLock lock(String name, Duration timeout);

    /** The lock {@code name} that many hold together or one alone. */
    SharedLock shared(String name);

    /** Removes {@code directory} so that no reader sees part of it: moved aside, then deleted. */
    void discard(Path directory) throws IOException;

    /** The JSON document {@code instance} is stored as. */
    byte[] json(T instance);
  }

  /** An instance a query read, and the size of its document in bytes. */
  public record Found<T>(T instance, int bytes) {}

  /**
   * What {@link #repairFromJson} did: components by name, paths removed, directories with entries
   * moved out of the indexes, stale entries removed.
   */
  public record Repair(
      List<String> rebuilt,
      List<String> leftIncomplete,
      List<Path> removed,
      List<Kept> kept,
      long staleRemoved) {}

  /**
   * A directory with entries found in an entry's or a ready marker's place, moved to {@code at}.
   */
  public record Kept(Path entry, Path at) {}

  private final Path dataRoot;
  private final Path root;
  private final Map<String, DeclaredIndex<T>> fields;
  private final boolean declared;
  private final Durability durability;
  private final Instances<T> instances;
  private final Duration lockTimeout;
  private final IndexJournal journal;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final ForeignIndexes foreign;
  private final IndexRebuild<T> rebuilds;
  private final IndexLookup<T> queries;

  private FileIndexes(
      Path dataRoot,
      Path root,
      Map<String, DeclaredIndex<T>> fields,
      boolean declared,
      Durability durability,
      Instances<T> instances,
      Duration lockTimeout) {
    this.dataRoot = dataRoot;
    this.root = root;
    this.fields = fields;
    this.declared = declared;
    this.durability = durability;
    this.instances = instances;
    this.lockTimeout = lockTimeout;
    this.journal = IndexJournal.acquire(dataRoot);
    Set<String> names = new HashSet<>();
    fields.values().forEach(f -> names.add(f.index().directory().getFileName().toString()));
    this.foreign = new ForeignIndexes(root, names);
    this.rebuilds = new IndexRebuild<>(instances, lockTimeout);
    this.queries = new IndexLookup<>(fields, instances, rebuilds);
  }

  /**
   * Whether a complete index under {@code root} (a data root's {@code .burrow/indexes/}) keeps an
   * entry directly in a top-level shard, which only a store that records layout 3 puts there: a
   * root whose marker says it is older must be recorded as layout 3 all the same. Cost: a listing
   * of each complete index, of its value directories and of their top-level shards.
   *
   * @throws StorageException if an index cannot be read
   */
  public static boolean keepEntriesInTops(Path root) {
    try {
      for (Path index : DirectoryListing.entries(root)) {
        if (Files.isDirectory(index, LinkOption.NOFOLLOW_LINKS)
            && FieldIndex.keepsEntriesInTops(index)) {
          return true;
        }
      }
      return false;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw Failures.ofStep("cannot read the indexes in " + root, root, e);
    }
  }

  /**
   * The indexes of {@code schema} under {@code root}, inside {@code dataRoot} (trusted; every
   * directory between it and an entry is checked not to be a link before use), not yet checked:
   * call {@link #open()} before using them, and {@link #close()} once the store closes. Cheap: one
   * look at the data root, which must exist, to hold its {@link IndexJournal}.
   */
  public static <T> FileIndexes<T> of(
      InstanceSchema<T> schema,
      Path dataRoot,
      Path root,
      Durability durability,
      Duration lockTimeout,
      Instances<T> instances) {
    Map<String, DeclaredIndex<T>> fields = new LinkedHashMap<>();
    // What mayKeepEntriesInTops() says of a declared schema with at least this index.
    boolean topsRecorded = durability == Durability.FSYNC;
    for (IndexedField<T, ?> field : schema.indexes()) {
      IndexDefault byDefault = IndexDefault.of(schema, field);
      fields.put(
          field.name(),
          new DeclaredIndex<>(
              field,
              new FieldIndex(
                  dataRoot,
                  root.resolve(IndexNames.of(field.name())),
                  FieldIndex.readyName(byDefault),
                  durability,
                  topsRecorded),
              byDefault));
    }
    return new FileIndexes<>(dataRoot, root, fields, true, durability, instances, lockTimeout);
  }

  /**
   * The indexes under {@code root} as seen by a schema that cannot say which components are indexed
   * (a raw schema moving documents without the user's classes): {@link #open()} keeps them as they
   * are, and every write marks each of them unmaintained first (see the class comment), so that the
   * next store that knows them rebuilds them before use; {@link #repairFromJson} rebuilds them from
   * the documents' JSON. Cheap, and closed, as {@link #of} says.
   */
  public static <T> FileIndexes<T> undeclared(
      Path dataRoot,
      Path root,
      Durability durability,
      Duration lockTimeout,
      Instances<T> instances) {
    return new FileIndexes<>(dataRoot, root, Map.of(), false, durability, instances, lockTimeout);
  }

  /**
   * Whether these indexes may keep entries directly in top-level shards ({@link EntryPlacement}):
   * declared ones, at least one, under {@link Durability#FSYNC}. The backend records that layout in
   * the root's marker when it opens the root for such indexes; indexes for which this is false
   * (under a raw schema: {@link #repairFromJson}) put every entry they make into its leaf, since
   * the root's marker may still name the layout before, whose Burrow removes an entry directly in a
   * top-level shard as a stray.
   */
  public boolean mayKeepEntriesInTops() {
    return declared && !fields.isEmpty() && durability == Durability.FSYNC;
  }

  /**
   * Removes the indexes of components no longer indexed and rebuilds the incomplete ones, reading
   * every document for each (one read per instance per rebuilt index; nothing to do when all are
   * complete). Indexes are removed only under the rebuild lock: without it (another process held it
   * for the whole lock timeout) they are left for a later open, since that process may be
   * rebuilding one of them for a schema that declares it, and would mark it complete with the
   * entries it made before the removal gone.
   *
   * @throws StorageException if an index cannot be read, rebuilt or removed
   */
  public void open() {
    if (!declared || (fields.isEmpty() && !Files.isDirectory(root))) {
      return;
    }
    InstanceLock lock = rebuilds.lock();
    try {
      if (lock != null) {
        removeUndeclared();
      }
      List<IndexRebuild.Target<T>> incomplete = new ArrayList<>();
      for (DeclaredIndex<T> field : fields.values()) {
        field.index().prepare();
        if (!field.index().ready()) {
          incomplete.add(field.rebuild());
        }
      }
      rebuilds.rebuild(incomplete, lock != null, unread -> {});
      foreign.current(); // so that writes list the directory only once it changes
    } catch (IOException e) {
      throw new StorageException(
          "cannot open the indexes under " + root + ": " + Failures.describe(e), e);
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  private void removeUndeclared() throws IOException {
    Set<String> declared = new HashSet<>();
    fields.values().forEach(f -> declared.add(f.index().directory().getFileName().toString()));
    try {
      for (Path entry : DirectoryListing.entries(root)) {
        if (!declared.contains(entry.getFileName().toString())) {
          instances.discard(entry);
        }
      }
    } catch (NoSuchFileException e) {
      // no index was ever made here
    }
  }

  /**
   * Gives back the {@link IndexJournal} these indexes hold ({@link IndexJournal#release}), once the
   * store closes; the second call and later ones do nothing. No write may follow.
   */
  public void close() {
    if (closed.compareAndSet(false, true)) {
      journal.release();
    }
  }

  /**
   * Replays the index journals of processes that are gone ({@link IndexJournal#replayAbandoned}): a
   * missing entry a log names is made again only if its instance's document still holds the value,
   * so an entry that a later write removed (the instance moved on or was deleted) stays removed.
   * Under a schema that cannot say which components are indexed (a tool's), the value is read from
   * the document's JSON as {@link IndexCheck} reads it, by the default the index's ready marker
   * names; an entry of an incomplete index, or of a value that cannot be told, is made again (at
   * worst stale). Under a declared schema, an entry of an index it does not declare is made again
   * unread (at worst stale): {@link #open()} removes that index only under the rebuild lock, and
   * without the lock it stays, marked complete, for a store that declares it. Cost: one document
   * read per missing entry of a declared index the logs name.
   *
   * @throws StorageException if a log cannot be replayed
   */
  public void replayJournal() {
    Map<Path, Optional<String>> readyMarkers = new HashMap<>();
    journal.replayAbandoned(entry -> stillHeld(entry, readyMarkers));
  }

  /** Whether the instance {@code entry} names still holds the value its directory names. */
  private boolean stillHeld(Path entry, Map<Path, Optional<String>> readyMarkers) {
    if (!declared) {
      return stillHeldByJson(entry, readyMarkers);
    }
    List<Path> directories = FieldIndex.directoriesOf(entry);
    Path values = directories.get(1);
    String index = directories.get(0).getFileName().toString();
    String id = entry.getFileName().toString();
    for (DeclaredIndex<T> field : fields.values()) {
      if (field.index().directory().getFileName().toString().equals(index)) {
        return PathSegments.isValid(id) && holds(field, id, values.getFileName());
      }
    }
    // An index this schema does not declare (another schema's, or one no longer declared): its
    // instances cannot tell the value, and their JSON as this schema writes it may lack the
    // component. Dropping the line would leave the index without the entry, and marked complete
    // if open() cannot take the rebuild lock to remove it; made again, the entry is at worst stale.
    return PathSegments.isValid(id);
  }

  /**
   * {@link #stillHeld} for a schema that cannot say which components are indexed; the ready marker
   * of each index is looked up once per replay ({@code readyMarkers}).
   */
  private boolean stillHeldByJson(Path entry, Map<Path, Optional<String>> readyMarkers) {
    List<Path> directories = FieldIndex.directoriesOf(entry);
    Path index = directories.get(0);
    String id = entry.getFileName().toString();
    if (!PathSegments.isValid(id)) {
      return false;
    }
    try {
      String marker = readyMarkers.computeIfAbsent(index, FileIndexes::readyMarkerOf).orElse(null);
      Optional<T> found = instances.find(id);
      if (marker == null || found.isEmpty()) {
        return marker == null;
      }
      Path belongs = IndexCheck.valueDirectory(index, marker, instances.json(found.get()));
      return belongs == null || belongs.getFileName().equals(directories.get(1).getFileName());
    } catch (CorruptInstanceException e) {
      return true;
    }
  }

  /** The name of the ready marker of the index in {@code index}, empty if none or unreadable. */
  private static Optional<String> readyMarkerOf(Path index) {
    try {
      return Optional.ofNullable(FieldIndex.readyMarker(index));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private boolean holds(DeclaredIndex<T> field, String id, Path valueName) {
    try {
      return instances
          .find(id)
          .map(instance -> field.values(instance).getFileName())
          .filter(valueName::equals)
          .isPresent();
    } catch (CorruptInstanceException e) {
      return true;
    }
  }

  /** Whether the schema indexes nothing. */
  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /**
   * Before {@code next} is written over {@code old} (null for a new instance), holding the
   * instance's lock: takes the {@linkplain #WRITERS writers' lock} shared, marks the indexes this
   * schema does not declare unmaintained (one {@code lstat} of {@code .burrow/indexes/} when there
   * is none, one more per such index) and adds, durably, the entry of each component whose value
   * changes, and of each component whose value is its default or whose default has no one key, if
   * its entry is missing (one or two {@code lstat}s each, and one per directory on the way from the
   * data root to an entry found, which a link on that way never stands for): a document written
   * before that component existed is read with the default, which it holds once written, and a
   * store of another default (another release) indexed it by that one, or it is read with a value
   * computed anew; either way its entry may be missing though the value does not change. Under
   * {@link Durability#FSYNC} the entries are made durable together through the {@link
   * IndexJournal}: one flush, and none when no entry is made. Close the hold it returns once the
   * document is written, or its write failed: until then no rebuild clears a mark.
   *
   * @throws LockTimeoutException naming {@code id}, the writers' lock and the rebuild holding it,
   *     if a rebuild held the writers' lock alone for the whole lock timeout; the document must
   *     then not be written
   * @throws StorageException if an index cannot be marked or an entry written; the document must
   *     then not be written
   */
  public SharedLock.Hold added(String id, @Nullable T old, T next) {
    SharedLock.Hold writing = instances.shared(WRITERS).share(lockTimeout);
    if (writing == null) {
      throw new WritersLockTimeoutException(id, lockTimeout);
    }
    boolean marked = false;
    try {
      markUnmaintained(id);
      if (declared) {
        addEntries(id, old, next);
      }
      marked = true;
      return writing;
    } finally {
      if (!marked) {
        writing.close();
      }
    }
  }

  private void addEntries(String id, @Nullable T old, T next) {
    try (IndexJournal.Write write = journal.begin()) {
      for (DeclaredIndex<T> field : fields.values()) {
        @Nullable String key = field.field().keyOf(next);
        if (old == null
            || !Objects.equals(key, field.field().keyOf(old))
            || (field.mayLackEntry(key) && !field.index().holds(field.index().values(key), id))) {
          write.made(add(field.index(), key, id));
        }
      }
      if (durability == Durability.FSYNC) {
        write.commit();
      }
    } catch (IOException e) {
      throw new StorageException(
          "cannot make the index entries of instance '"
              + id
              + "' durable through "
              + journal
              + "; the instance is unchanged: "
              + Failures.describe(e),
          e);
    }
  }

  private static Path add(FieldIndex index, @Nullable String key, String id) {
    Path values = index.values(key);
    try {
      return index.add(values, id);
    } catch (IOException e) {
      throw new StorageException(
          "cannot write the index entry of instance '"
              + id
              + "' in "
              + values
              + "; the instance is unchanged: "
              + Failures.describe(e),
          e);
    }
  }

  /**
   * After {@code next} (null once deleted) was written over {@code old}: removes the entry of each
   * component whose value changed. Call it holding the instance's lock. Never fails: an entry left
   * behind is stale, and queries remove it.
   */
  public void removed(String id, T old, @Nullable T next) {
    for (DeclaredIndex<T> field : fields.values()) {
      @Nullable String key = field.field().keyOf(old);
      if (next == null || !Objects.equals(key, field.field().keyOf(next))) {
        field.index().remove(field.index().values(key), id);
      }
    }
  }

  /**
   * Marks {@linkplain FieldIndex#UNMAINTAINED unmaintained} each index whose entries this store
   * does not write ({@link ForeignIndexes}): under a raw schema every index; under a declared one,
   * each index another schema of the kind made, which a process of that schema would otherwise
   * trust while it misses this store's documents.
   *
   * @throws StorageException if an index cannot be marked; the document must then not be written
   */
  private void markUnmaintained(String id) {
    Path index = root;
    try {
      for (Path found : foreign.current()) {
        index = found;
        FieldIndex.markUnmaintained(found, durability);
      }
    } catch (IOException e) {
      throw new StorageException(
          "cannot mark the index "
              + index
              + ", which this store's schema does not declare, incomplete for the write of"
              + " instance '"
              + PathSegments.printable(id)
              + "': "
              + Failures.describe(e),
          e);
    }
  }

  /**
   * One page of the instances matching every condition, newest first: see the class comment. Like a
   * listing page, it reads no further documents once the matching ones it holds add up to {@code
   * maxPageBytes} (it always reads at least one), so that a page of huge documents cannot exhaust
   * the heap; its {@link Page#next()} then continues after the last one read.
   *
   * @throws IllegalArgumentException if the request's cursor was not made by a listing
   */
  public Page<T> query(List<Condition<T>> conditions, PageRequest request, long maxPageBytes) {
    return queries.page(conditions, request, maxPageBytes);
  }

  /** The number of readable instances matching every condition; reads every candidate. */
  public long count(List<Condition<T>> conditions) {
    return queries.count(conditions);
  }

  /**
   * For tools without the user's classes ({@code burrow ls --where}): the IDs after {@code after},
   * newest first and found lazily, with an entry in every complete index among {@code valueNames}'
   * top-level fields, under one of that field's value directory names ({@link IndexNames#ofKey});
   * null if none of the fields has a complete index (entries may be missing: read every document
   * instead). Reads and writes nothing else: an incomplete or damaged index is left for the next
   * store to rebuild. Entries are hints: the caller verifies each against its document, as {@link
   * #query} does.
   */
  public @Nullable Iterator<String> completeEntries(
      Map<String, List<String>> valueNames, @Nullable SortKey after) {
    List<Candidates> fieldsFound = new ArrayList<>();
    for (Map.Entry<String, List<String>> field : valueNames.entrySet()) {
      Path directory = root.resolve(IndexNames.of(field.getKey()));
      try {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
          continue;
        }
        String marker = FieldIndex.readyMarker(directory);
        if (marker == null) {
          continue;
        }
        FieldIndex index =
            new FieldIndex(dataRoot, directory, marker, durability, mayKeepEntriesInTops());
        List<Candidates> values = new ArrayList<>();
        for (String name : field.getValue()) {
          Path named = directory.resolve(name);
          values.add(Candidates.of(named, index.entriesAsTheyAre(named, after)));
        }
        if (index.ready()) {
          fieldsFound.add(Candidates.anyOf(values));
        }
      } catch (DamagedIndexException | IOException e) {
        // not usable as it is: the other fields, or the documents, answer
      }
    }
    return fieldsFound.isEmpty() ? null : Candidates.allOf(fieldsFound).iterator();
  }

  /**
   * Brings the indexes under the root to the state {@link #open()} and queries leave, for tools
   * without the user's classes ({@code burrow fsck --repair}): each document's entry is placed by
   * the value its JSON ({@code json}) holds, read as {@link IndexCheck} reads it. Reads every
   * document once.
   *
   * <ul>
   *   <li>Under the rebuild lock, what stands in place of an index's or a value's directory but is
   *       not one (a planted link or a file, never followed) is removed, and so is what stands in
   *       place of an entry or a ready marker but is no file (a link, never followed, a FIFO, a
   *       socket, a device; one lstat per entry): the name of a marker removed still names the
   *       default. A directory with entries in such a place is not Burrow's to empty: it is handed
   *       whole to {@code keep}, which moves it out of the indexes (the file store moves it into
   *       its quarantine) and returns where, or null if it went meanwhile; nothing in it is
   *       followed, opened or deleted. Each index with a ready marker (complete, or complete but
   *       for the {@linkplain FieldIndex#UNMAINTAINED unmaintained} mark) is marked incomplete,
   *       rebuilt by the same pass as {@link #open()}'s and marked complete again with the default
   *       its ready marker named, so each document's entry is an empty file again: a crash on the
   *       way leaves it incomplete, for the next store to rebuild, and so do writers that keep the
   *       writers' lock past the rebuild's wait ({@link IndexRebuild#rebuild}); such indexes are
   *       reported left incomplete.
   *   <li>Then the stale entries of those indexes are removed, each under its instance's lock after
   *       reading the document again, as queries do; an instance whose lock stays taken for the
   *       lock timeout keeps its entry, which queries remove later.
   * </ul>
   *
   * <p>An index without a ready marker stays incomplete: documents written before its component
   * existed read as the component's default, whose key only the user's classes know (the ready
   * marker names it). The next store of the user's schema rebuilds it before its first query.
   *
   * @throws LockTimeoutException if another process held the rebuild lock for the whole lock
   *     timeout; nothing was changed
   * @throws StorageException if an index cannot be read or written
   */
  public Repair repairFromJson(Function<T, byte[]> json, Function<Path, @Nullable Path> keep) {
    return new IndexRepair<>(
            dataRoot, root, durability, mayKeepEntriesInTops(), instances, lockTimeout, rebuilds)
        .run(json, keep);
  }
}
