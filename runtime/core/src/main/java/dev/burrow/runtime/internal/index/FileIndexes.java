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
import dev.burrow.runtime.internal.store.IndexDefault;
import dev.burrow.runtime.internal.store.SortKey;
import dev.burrow.spi.InstanceSchema;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 *   <li>{@link #query} lists one value directory per condition, intersects them, and reads the
 *       candidates' documents newest first until the page is full: each is verified against every
 *       condition, so a stale entry is never a result. A stale entry is removed on the way, under
 *       the instance's lock if it is free (otherwise left for a later query).
 *   <li>An index that is not complete (new, its component's default changed, or damaged) is rebuilt
 *       from the documents before it is used, under a lock shared by every process, and marked
 *       complete only once its entries are durable: a crash during a rebuild leaves it incomplete,
 *       to be rebuilt again. The indexes of components no longer {@code @Indexed} are removed.
 * </ul>
 *
 * @param <T> the instance type
 */
public final class FileIndexes<T> {
  /** The lock every process takes to rebuild or remove indexes of a root. */
  static final String REBUILD_LOCK = ".indexes";

  /** How often one query removes a damaged value directory before it gives up. */
  private static final int MAX_REPAIRS = 3;

  /** What the indexes need from the backend that owns the documents. */
  public interface Instances<T> {
    /**
     * Every readable instance, read lazily (damaged ones are skipped): an instance that exists
     * throughout is met exactly once.
     */
    Iterator<T> all();

    /** The ID of {@code instance}. */
    String id(T instance);

    /**
     * The stored instance, or empty.
     *
     * @throws CorruptInstanceException if its document cannot be read
     */
    Optional<T> find(String id);

    /** The lock {@code name} if it is free now, else null. */
    @Nullable InstanceLock tryLock(String name);

    /** The lock {@code name}, waiting at most {@code timeout}. */
    InstanceLock lock(String name, Duration timeout);

    /** Removes {@code directory} so that no reader sees part of it: moved aside, then deleted. */
    void discard(Path directory) throws IOException;
  }

  private final Path root;
  private final Map<String, FieldIndex<T>> fields;
  private final boolean declared;
  private final Durability durability;
  private final Instances<T> instances;
  private final Duration lockTimeout;

  private FileIndexes(
      Path root,
      Map<String, FieldIndex<T>> fields,
      boolean declared,
      Durability durability,
      Instances<T> instances,
      Duration lockTimeout) {
    this.root = root;
    this.fields = fields;
    this.declared = declared;
    this.durability = durability;
    this.instances = instances;
    this.lockTimeout = lockTimeout;
  }

  /**
   * The indexes of {@code schema} under {@code root}, inside {@code dataRoot} (trusted; every
   * directory between it and an entry is checked not to be a link before use), not yet checked:
   * call {@link #open()} before using them. Cheap: touches no file.
   */
  public static <T> FileIndexes<T> of(
      InstanceSchema<T> schema,
      Path dataRoot,
      Path root,
      Durability durability,
      Duration lockTimeout,
      Instances<T> instances) {
    Map<String, FieldIndex<T>> fields = new LinkedHashMap<>();
    for (IndexedField<T, ?> field : schema.indexes()) {
      fields.put(
          field.name(),
          new FieldIndex<>(
              field,
              dataRoot,
              root.resolve(IndexNames.of(field.name())),
              IndexDefault.of(schema, field),
              durability));
    }
    return new FileIndexes<>(root, fields, true, durability, instances, lockTimeout);
  }

  /**
   * The indexes under {@code root} as seen by a schema that cannot say which components are indexed
   * (a raw schema moving documents without the user's classes): {@link #open()} keeps them as they
   * are, and every write marks each of them incomplete, before and after the document is written,
   * so that the next store that knows them rebuilds them before use (a rebuild that ran meanwhile
   * cannot have seen the document). Cheap: touches no file.
   */
  public static <T> FileIndexes<T> undeclared(
      Path root, Durability durability, Duration lockTimeout, Instances<T> instances) {
    return new FileIndexes<>(root, Map.of(), false, durability, instances, lockTimeout);
  }

  /**
   * Removes the indexes of components no longer indexed and rebuilds the incomplete ones, reading
   * every document for each (one read per instance per rebuilt index; nothing to do when all are
   * complete).
   *
   * @throws StorageException if an index cannot be read, rebuilt or removed
   */
  public void open() {
    if (!declared || (fields.isEmpty() && !Files.isDirectory(root))) {
      return;
    }
    InstanceLock lock = rebuildLock();
    try {
      removeUndeclared();
      List<FieldIndex<T>> incomplete = new ArrayList<>();
      for (FieldIndex<T> field : fields.values()) {
        field.prepare();
        if (!field.ready()) {
          incomplete.add(field);
        }
      }
      rebuild(incomplete);
    } catch (IOException e) {
      throw new StorageException("cannot open the indexes under " + root + ": " + e, e);
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  private void removeUndeclared() throws IOException {
    Set<String> declared = new HashSet<>();
    fields.values().forEach(f -> declared.add(f.directory().getFileName().toString()));
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path entry : entries) {
        if (!declared.contains(entry.getFileName().toString())) {
          instances.discard(entry);
        }
      }
    } catch (NoSuchFileException e) {
      // no index was ever made here
    }
  }

  /** Whether the schema indexes nothing. */
  public boolean isEmpty() {
    return fields.isEmpty();
  }

  /**
   * Before {@code next} is written over {@code old} (null for a new instance): adds, durably, the
   * entry of each component whose value changes. Call it holding the instance's lock.
   *
   * @throws StorageException if an entry cannot be written; the document must then not be written
   */
  public void added(String id, @Nullable T old, T next) {
    if (!declared) {
      markAllIncomplete();
      return;
    }
    for (FieldIndex<T> field : fields.values()) {
      @Nullable String key = field.field().keyOf(next);
      if (old == null || !Objects.equals(key, field.field().keyOf(old))) {
        try {
          field.add(key, id, true);
        } catch (IOException e) {
          throw new StorageException(
              "cannot write the index entry of instance '"
                  + id
                  + "' in "
                  + field.values(key)
                  + "; the instance is unchanged: "
                  + e,
              e);
        }
      }
    }
  }

  /**
   * After instance {@code id} was created, with the entries {@link #added} gave it: nothing to do,
   * unless the indexes are undeclared (then each is marked incomplete again).
   *
   * @throws StorageException if an undeclared index cannot be marked incomplete
   */
  public void created(String id) {
    if (!declared) {
      markAllIncomplete();
    }
  }

  /**
   * After {@code next} (null once deleted) was written over {@code old}: removes the entry of each
   * component whose value changed. Call it holding the instance's lock. Never fails: an entry left
   * behind is stale, and queries remove it.
   */
  public void removed(String id, T old, @Nullable T next) {
    if (!declared) {
      markAllIncomplete();
      return;
    }
    for (FieldIndex<T> field : fields.values()) {
      @Nullable String key = field.field().keyOf(old);
      if (next == null || !Objects.equals(key, field.field().keyOf(next))) {
        field.remove(key, id);
      }
    }
  }

  /**
   * One page of the instances matching every condition, newest first: see the class comment.
   *
   * @throws IllegalArgumentException if the request's cursor was not made by a listing
   */
  public Page<T> query(List<Condition<T>> conditions, PageRequest request) {
    String cursor = request.after();
    SortKey after = cursor == null ? null : SortKey.fromCursor(cursor);
    List<SortKey> candidates = candidates(conditions, after);
    List<T> items = new ArrayList<>();
    List<CorruptInstanceException> problems = new ArrayList<>();
    int read = 0;
    while (read < candidates.size() && items.size() < request.size()) {
      verified(candidates.get(read++).id(), conditions, problems).ifPresent(items::add);
    }
    PageRequest next =
        read < candidates.size()
            ? PageRequest.after(candidates.get(read - 1).toCursor(), request.size())
            : null;
    return new Page<>(items, problems, next);
  }

  /** The number of readable instances matching every condition; reads every candidate. */
  public long count(List<Condition<T>> conditions) {
    long count = 0;
    List<CorruptInstanceException> ignored = new ArrayList<>();
    for (SortKey candidate : candidates(conditions, null)) {
      if (verified(candidate.id(), conditions, ignored).isPresent()) {
        count++;
      }
    }
    return count;
  }

  /** The IDs with an entry for every condition and after {@code after}, newest first. */
  private List<SortKey> candidates(List<Condition<T>> conditions, @Nullable SortKey after) {
    List<List<String>> lists = new ArrayList<>();
    for (Condition<T> condition : conditions) {
      lists.add(ids(condition));
    }
    lists.sort(Comparator.comparingInt(List::size));
    Set<String> common = new HashSet<>(lists.get(0));
    for (List<String> other : lists.subList(1, lists.size())) {
      common.retainAll(new HashSet<>(other));
    }
    List<SortKey> keys = new ArrayList<>(common.size());
    for (String id : common) {
      SortKey key = SortKey.of(id);
      if (after == null || key.compareTo(after) > 0) {
        keys.add(key);
      }
    }
    keys.sort(null);
    return keys;
  }

  /**
   * The IDs with an entry for {@code condition}, after rebuilding its index if needed; a value
   * directory found damaged is removed and the index rebuilt, a few times at most.
   */
  private List<String> ids(Condition<T> condition) {
    FieldIndex<T> field = field(condition);
    for (int attempt = 1; ; attempt++) {
      if (!field.ready()) {
        rebuildUnderLock(field);
      }
      try {
        return field.ids(condition.key());
      } catch (DamagedIndexException e) {
        try {
          field.discardDamaged(e.path());
        } catch (IOException discard) {
          throw new StorageException(
              "cannot remove " + e.path() + ", which is not a directory: " + discard, discard);
        }
        if (attempt == MAX_REPAIRS) {
          throw new StorageException(
              e.path()
                  + " is replaced by something that is not a directory every time Burrow removes"
                  + " it; another process is planting it",
              e);
        }
      }
    }
  }

  /** The instance if it matches every condition; removes the entries that turn out stale. */
  private Optional<T> verified(
      String id, List<Condition<T>> conditions, List<CorruptInstanceException> problems) {
    Optional<T> instance;
    try {
      instance = instances.find(id);
    } catch (CorruptInstanceException e) {
      problems.add(e);
      return Optional.empty();
    }
    if (instance.isPresent() && conditions.stream().allMatch(c -> c.matches(instance.get()))) {
      return instance;
    }
    repair(id, conditions);
    return Optional.empty();
  }

  /**
   * Removes the entries of {@code id} under {@code conditions} that its document, read again under
   * its lock, does not match. Skipped if the instance is locked: its writer may be adding one.
   */
  private void repair(String id, List<Condition<T>> conditions) {
    InstanceLock lock = instances.tryLock(id);
    if (lock == null) {
      return;
    }
    try {
      Optional<T> current = instances.find(id);
      for (Condition<T> condition : conditions) {
        if (current.isEmpty() || !condition.matches(current.get())) {
          field(condition).remove(condition.key(), id);
        }
      }
    } catch (CorruptInstanceException e) {
      // a damaged document's entries stay until it is repaired or deleted
    } finally {
      lock.close();
    }
  }

  private FieldIndex<T> field(Condition<T> condition) {
    FieldIndex<T> field = fields.get(condition.field().name());
    if (field == null) {
      throw new IllegalArgumentException(
          "component '" + condition.field().name() + "' is not indexed");
    }
    return field;
  }

  private void rebuildUnderLock(FieldIndex<T> field) {
    InstanceLock lock = rebuildLock();
    try {
      if (!field.ready()) {
        rebuild(List.of(field));
      }
    } catch (IOException e) {
      throw new StorageException(
          "cannot rebuild the index of '" + field.field().name() + "': " + e, e);
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  /**
   * Removes the ready marker of every index under the root (never following a link), under the
   * rebuild lock so that no rebuild is between reading the documents and marking its index ready:
   * the next store of a schema that declares them rebuilds them (reading every document once)
   * before it answers a query. Cost without indexes: one failed directory open.
   *
   * @throws StorageException if a marker cannot be removed; the document must then not be written
   */
  public void markAllIncomplete() {
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    InstanceLock lock = rebuildLock();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
      for (Path index : entries) {
        if (Files.isDirectory(index, LinkOption.NOFOLLOW_LINKS)) {
          FieldIndex.markIncomplete(index, durability);
        }
      }
    } catch (NoSuchFileException e) {
      // no index was ever made here
    } catch (IOException e) {
      throw new StorageException("cannot mark the indexes under " + root + " incomplete: " + e, e);
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }

  /**
   * The rebuild lock, or null if another process held it for the whole lock timeout: then this one
   * rebuilds too, which is safe (entries are idempotent), only slower.
   */
  private @Nullable InstanceLock rebuildLock() {
    try {
      return instances.lock(REBUILD_LOCK, lockTimeout);
    } catch (LockTimeoutException e) {
      return null;
    }
  }

  /**
   * Adds the entries of every readable document to {@code incomplete} in one pass over the
   * documents, flushes every value directory touched, then marks each index complete. No instance
   * lock is needed: a writer that changes a document meanwhile has added its own entries first, so
   * the rebuild can only add stale ones.
   */
  private void rebuild(List<FieldIndex<T>> incomplete) throws IOException {
    if (incomplete.isEmpty()) {
      return;
    }
    List<Set<Path>> touched = new ArrayList<>();
    incomplete.forEach(field -> touched.add(new HashSet<>()));
    for (Iterator<T> all = instances.all(); all.hasNext(); ) {
      T instance = all.next();
      String id = instances.id(instance);
      for (int i = 0; i < incomplete.size(); i++) {
        FieldIndex<T> field = incomplete.get(i);
        @Nullable String key = field.field().keyOf(instance);
        field.add(key, id, false);
        touched.get(i).add(field.values(key));
      }
    }
    for (int i = 0; i < incomplete.size(); i++) {
      incomplete.get(i).flushAll(touched.get(i));
      incomplete.get(i).markReady();
    }
  }
}
