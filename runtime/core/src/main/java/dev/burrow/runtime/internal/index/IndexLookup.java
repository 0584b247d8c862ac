package dev.burrow.runtime.internal.index;

import dev.burrow.Condition;
import dev.burrow.CorruptInstanceException;
import dev.burrow.InstanceLock;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.store.SortKey;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The finders' queries over declared indexes ({@link FileIndexes#query}, {@link
 * FileIndexes#count}): entries are candidates, every candidate is verified against its document,
 * and a stale entry met on the way is removed.
 *
 * @param <T> the instance type
 */
final class IndexLookup<T> {
  /** How often one query removes a damaged value directory before it gives up. */
  private static final int MAX_REPAIRS = 3;

  private final Map<String, DeclaredIndex<T>> fields;
  private final FileIndexes.Instances<T> instances;
  private final IndexRebuild<T> rebuilds;

  IndexLookup(
      Map<String, DeclaredIndex<T>> fields,
      FileIndexes.Instances<T> instances,
      IndexRebuild<T> rebuilds) {
    this.fields = fields;
    this.instances = instances;
    this.rebuilds = rebuilds;
  }

  /**
   * See {@link FileIndexes#query}. A damaged document among the candidates counts toward the page's
   * size as a listing page counts it, so a page reads at most its size of documents that match or
   * are damaged, however many are; a stale entry (its document no longer matches, or is gone) does
   * not count, and is removed on the way. A rebuild of the index that cannot read a document or
   * shard reports it, as a listing does, on the pages from the start (they count toward the size
   * too: a page that fills up among them ends with a cursor saying how many were reported).
   */
  Page<T> page(List<Condition<T>> conditions, PageRequest request, long maxPageBytes) {
    String cursor = request.after();
    SortKey position = cursor == null ? null : SortKey.fromCursor(cursor);
    int reportedBefore = cursor == null ? 0 : SortKey.reportedBefore(cursor);
    List<CorruptInstanceException> problems = new ArrayList<>();
    int[] unread = {0};
    Candidates candidates =
        candidates(
            conditions,
            position,
            problem -> {
              if (position == null
                  && unread[0]++ >= reportedBefore
                  && problems.size() < request.size()) {
                problems.add(problem);
              }
            });
    if (problems.size() == request.size()) {
      String past = SortKey.cursorPast(null, reportedBefore + problems.size());
      return new Page<>(List.of(), problems, PageRequest.after(past, request.size()));
    }
    List<T> items = new ArrayList<>();
    String last = null;
    long bytes = 0;
    while (items.size() + problems.size() < request.size() && bytes < maxPageBytes) {
      String id = candidates.next();
      if (id == null) {
        return new Page<>(items, problems, null);
      }
      last = id;
      Optional<FileIndexes.Found<T>> found = verified(id, conditions, problems);
      if (found.isPresent()) {
        items.add(found.get().instance());
        bytes += found.get().bytes();
      }
    }
    PageRequest next =
        last != null && candidates.next() != null
            ? PageRequest.after(SortKey.of(last).toCursor(), request.size())
            : null;
    return new Page<>(items, problems, next);
  }

  /** See {@link FileIndexes#count}. */
  long count(List<Condition<T>> conditions) {
    long count = 0;
    List<CorruptInstanceException> ignored = new ArrayList<>();
    Candidates candidates = candidates(conditions, null, unread -> {});
    for (String id = candidates.next(); id != null; id = candidates.next()) {
      if (verified(id, conditions, ignored).isPresent()) {
        count++;
      }
    }
    return count;
  }

  /**
   * The IDs with an entry for every condition and after {@code after}, newest first, after
   * rebuilding the incomplete indexes among theirs in one pass; {@code unread} is told of what that
   * pass could not read.
   */
  private Candidates candidates(
      List<Condition<T>> conditions,
      @Nullable SortKey after,
      Consumer<CorruptInstanceException> unread) {
    List<DeclaredIndex<T>> incomplete =
        conditions.stream().map(this::field).distinct().filter(f -> !f.index().ready()).toList();
    if (!incomplete.isEmpty()) {
      rebuildUnderLock(incomplete, unread);
    }
    List<Candidates> each = new ArrayList<>();
    for (Condition<T> condition : conditions) {
      each.add(entries(condition, after));
    }
    return Candidates.allOf(each);
  }

  /**
   * The entries for {@code condition} from after {@code after}; a value directory found damaged is
   * removed and the index rebuilt, a few times at most.
   */
  private Candidates entries(Condition<T> condition, @Nullable SortKey after) {
    DeclaredIndex<T> field = field(condition);
    for (int attempt = 1; ; attempt++) {
      if (attempt > 1 && !field.index().ready()) {
        rebuildUnderLock(List.of(field), unread -> {});
      }
      try {
        Path values = field.index().values(condition.key());
        return Candidates.of(values, field.index().entries(values, after));
      } catch (DamagedIndexException e) {
        try {
          field.index().discardDamaged(e.path());
        } catch (IOException discard) {
          throw new StorageException(
              "cannot remove "
                  + e.path()
                  + ", which is not a directory: "
                  + Failures.describe(discard),
              discard);
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
  private Optional<FileIndexes.Found<T>> verified(
      String id, List<Condition<T>> conditions, List<CorruptInstanceException> problems) {
    Optional<FileIndexes.Found<T>> found;
    try {
      found = instances.read(id);
    } catch (CorruptInstanceException e) {
      problems.add(e);
      return Optional.empty();
    }
    if (found.isPresent() && conditions.stream().allMatch(c -> c.matches(found.get().instance()))) {
      return found;
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
          FieldIndex index = field(condition).index();
          index.remove(index.values(condition.key()), id);
        }
      }
    } catch (CorruptInstanceException e) {
      // a damaged document's entries stay until it is repaired or deleted
    } finally {
      lock.close();
    }
  }

  private DeclaredIndex<T> field(Condition<T> condition) {
    DeclaredIndex<T> field = fields.get(condition.field().name());
    if (field == null) {
      throw new IllegalArgumentException(
          "component '" + condition.field().name() + "' is not indexed");
    }
    return field;
  }

  /** Rebuilds those of {@code fields} still incomplete once the rebuild lock is taken. */
  private void rebuildUnderLock(
      List<DeclaredIndex<T>> fields, Consumer<CorruptInstanceException> unread) {
    InstanceLock lock = rebuilds.lock();
    try {
      List<IndexRebuild.Target<T>> incomplete = new ArrayList<>();
      for (DeclaredIndex<T> field : fields) {
        if (!field.index().ready()) {
          incomplete.add(field.rebuild());
        }
      }
      rebuilds.rebuild(incomplete, lock != null, unread);
    } catch (IOException e) {
      throw new StorageException(
          "cannot rebuild the index of '"
              + fields.stream().map(f -> f.field().name()).collect(Collectors.joining("', '"))
              + "': "
              + Failures.describe(e),
          e);
    } finally {
      if (lock != null) {
        lock.close();
      }
    }
  }
}
