package dev.burrow.runtime.internal.filestore;

import dev.burrow.BurrowException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.Parents;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.index.FileIndexes;
import dev.burrow.runtime.internal.index.IndexCheck;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.internal.shard.ShardDirectories;
import dev.burrow.runtime.internal.shard.Shards;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * What {@code fsck} and its repair do to a data root besides reading instances, and the sweep every
 * open runs: listing and removing crash leftovers ({@link Leftover}), checking Burrow's own files
 * and the indexes, rebuilding the indexes, and moving damaged or stray entries into {@code
 * .burrow/quarantine/}, where nothing lists and nothing deletes them. An entry of the instances is
 * only ever moved, whole, by a rename, never deleted. Work in progress in a live process is left
 * alone: an instance is looked at under its lock, a staging directory only while its instance's
 * lock is free, a session of the temporary area only while its lease is. Every path is checked
 * right before use, as all of Burrow's are.
 */
public final class RootMaintenance<T> {
  /** An entry a repair moved from the instances into the quarantine. */
  public record Quarantined(Path entry, Path target) {}

  /**
   * What {@link #sweepForRepair} removed: the planted entries, with what each was and where each
   * moved one went, and the leftovers it swept.
   */
  public record RepairSweep(List<TempFiles.PlantedEntry> planted, List<Leftover> swept) {}

  private final InstanceSchema<T> schema;
  private final FileLayout layout;
  private final Durability durability;
  private final InstanceLocks locks;
  private final Duration lockTimeout;
  private final ShardDirectories shards;
  private final FileIndexes<T> indexes;
  private final DocumentReader<T> reader;

  RootMaintenance(
      InstanceSchema<T> schema,
      FileLayout layout,
      Durability durability,
      InstanceLocks locks,
      Duration lockTimeout,
      ShardDirectories shards,
      FileIndexes<T> indexes,
      DocumentReader<T> reader) {
    this.schema = schema;
    this.layout = layout;
    this.durability = durability;
    this.locks = locks;
    this.lockTimeout = lockTimeout;
    this.shards = shards;
    this.indexes = indexes;
    this.reader = reader;
  }

  /**
   * Moves a damaged entry out of the instances, into {@code .burrow/quarantine/<name>~<random>},
   * where nothing lists it and nothing deletes it: the directory of an instance whose document is
   * damaged ({@code location} is the document, as a {@link CorruptInstanceException} names it, or
   * the directory), or a stray entry a listing reported (a name that is no shard or no ID, a file
   * where a directory should be, an instance in the wrong shard). An instance is moved under its
   * lock, and only if its document is still damaged then (a writer may have repaired or deleted it
   * meanwhile); a document this process may not read is not damaged and stays. A shard is never
   * moved. The quarantine and the way to it must be real directories, as every path of Burrow's is
   * checked right before use. Flushes both directories at the root's durability.
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
      InstanceLock lock = locks.lock(name, lockTimeout);
      try {
        reader.find(name);
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
      if (durability == Durability.FSYNC) {
        AtomicFiles.forceDirectory(layout.quarantine());
      }
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
    return IndexCheck.of(layout.root(), layout.indexes(), KindMarker.recordsEntriesInTops(layout));
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
}
