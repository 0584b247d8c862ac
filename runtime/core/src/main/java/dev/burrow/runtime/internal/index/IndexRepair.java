package dev.burrow.runtime.internal.index;

import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.LockTimeoutException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.DirectoryListing;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.shard.InstanceWalk;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * {@link FileIndexes#repairFromJson}: brings every index under a root back to what a rebuild
 * leaves, placing each document's entry by the value its JSON holds, for tools without the user's
 * classes. Entries go directly in top-level shards only where the indexes may keep them there
 * ({@link FileIndexes#mayKeepEntriesInTops}, never under a raw schema): a tool leaves the root's
 * layout as it is, and a Burrow of the layout before removes such entries as strays.
 *
 * @param <T> the instance type
 */
final class IndexRepair<T> {
  private final Path dataRoot;
  private final Path root;
  private final Durability durability;
  private final boolean topsRecorded;
  private final FileIndexes.Instances<T> instances;
  private final Duration lockTimeout;
  private final IndexRebuild<T> rebuilds;

  IndexRepair(
      Path dataRoot,
      Path root,
      Durability durability,
      boolean topsRecorded,
      FileIndexes.Instances<T> instances,
      Duration lockTimeout,
      IndexRebuild<T> rebuilds) {
    this.dataRoot = dataRoot;
    this.root = root;
    this.durability = durability;
    this.topsRecorded = topsRecorded;
    this.instances = instances;
    this.lockTimeout = lockTimeout;
    this.rebuilds = rebuilds;
  }

  /** See {@link FileIndexes#repairFromJson}. */
  FileIndexes.Repair run(Function<T, byte[]> json, Function<Path, @Nullable Path> keep) {
    List<String> rebuilt = new ArrayList<>();
    List<String> leftIncomplete = new ArrayList<>();
    List<Path> removed = new ArrayList<>();
    List<FileIndexes.Kept> kept = new ArrayList<>();
    if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
      return new FileIndexes.Repair(rebuilt, leftIncomplete, removed, kept, 0);
    }
    Predicate<Path> keepAside =
        entry -> {
          Path at = keep.apply(entry);
          if (at != null) {
            kept.add(new FileIndexes.Kept(entry, at));
          }
          return at != null;
        };
    List<IndexRebuild.Target<T>> complete = new ArrayList<>();
    InstanceLock lock = instances.lock(FileIndexes.REBUILD_LOCK, lockTimeout);
    try {
      for (Path directory : DirectoryListing.entries(root)) {
        String component = IndexNames.describe(directory.getFileName().toString());
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
          if (Files.deleteIfExists(directory)) {
            removed.add(directory);
          }
          continue;
        }
        String found = FieldIndex.readyMarker(directory);
        String marker =
            found != null
                ? found
                : FieldIndex.removePlantedMarker(directory, removed::add, keepAside);
        FieldIndex index =
            new FieldIndex(
                dataRoot,
                directory,
                marker == null ? FieldIndex.READY : marker,
                durability,
                topsRecorded);
        List<Path> values = index.valueDirectories(removed::add);
        if (marker == null) {
          index.removePlantedEntries(values, removed::add, keepAside);
          leftIncomplete.add(component);
          continue;
        }
        index.markIncomplete();
        index.removePlantedEntries(values, removed::add, keepAside);
        complete.add(
            new IndexRebuild.Target<>(
                index,
                instance -> IndexCheck.valueDirectory(directory, marker, json.apply(instance))));
        rebuilt.add(component);
      }
      if (!rebuilds.rebuild(complete, true, unread -> {})) {
        leftIncomplete.addAll(rebuilt);
        rebuilt.clear();
      }
    } catch (IOException e) {
      throw new StorageException(
          "cannot repair the indexes under " + root + ": " + Failures.describe(e), e);
    } finally {
      lock.close();
    }
    long staleRemoved = 0;
    for (IndexRebuild.Target<T> index : complete) {
      staleRemoved += removeStale(index, removed);
    }
    rebuilt.sort(null);
    leftIncomplete.sort(null);
    return new FileIndexes.Repair(rebuilt, leftIncomplete, removed, kept, staleRemoved);
  }

  /** Removes the stale entries of {@code index}; returns how many. */
  private long removeStale(IndexRebuild.Target<T> index, List<Path> removed) {
    long count = 0;
    try {
      for (Path values : index.index().valueDirectories(removed::add)) {
        InstanceWalk entries = index.index().entries(values, null);
        for (String id = entries.next(); id != null; id = entries.next()) {
          if (isStale(index, values, id) && removeIfStale(index, values, id)) {
            count++;
          }
        }
      }
    } catch (IOException e) {
      throw new StorageException(
          "cannot remove the stale entries of "
              + index.index().directory()
              + ": "
              + Failures.describe(e),
          e);
    }
    return count;
  }

  /** Removes the entry if it is still stale under its instance's lock, if that is free in time. */
  private boolean removeIfStale(IndexRebuild.Target<T> index, Path values, String id) {
    InstanceLock lock;
    try {
      lock = instances.lock(id, lockTimeout);
    } catch (LockTimeoutException e) {
      return false; // queries remove it later
    }
    try {
      if (isStale(index, values, id)) {
        index.index().remove(values, id);
        return true;
      }
      return false;
    } finally {
      lock.close();
    }
  }

  /**
   * Whether the entry of {@code id} in {@code values} is stale: its instance is gone, or its value
   * belongs in another directory. A damaged document keeps its entries.
   */
  private boolean isStale(IndexRebuild.Target<T> index, Path values, String id) {
    Optional<T> document;
    try {
      document = instances.find(id);
    } catch (CorruptInstanceException e) {
      return false;
    }
    if (document.isEmpty()) {
      return true;
    }
    Path belongs = index.values().apply(document.get());
    return belongs != null && !belongs.equals(values);
  }
}
