package dev.burrow.runtime.internal.shard;

import dev.burrow.Durability;
import dev.burrow.runtime.internal.cache.RecentlyUsed;
import dev.burrow.runtime.internal.fs.AtomicFiles;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.SafeFiles;
import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Makes and removes the shard directories instances live in ({@link Shards}), and makes their names
 * durable.
 *
 * <p>A shard is made when the first instance moves into it and removed when its last one leaves, so
 * empty shards do not pile up. Both race safely with other processes: {@code rmdir} fails on a
 * directory that is not empty, and a writer whose rename finds its shard gone makes it again
 * ({@link #make}) and retries.
 *
 * <p>Under {@link Durability#FSYNC}, a new entry in a leaf is durable only once the leaf's own name
 * (in its top-level shard) and the top-level shard's name (in {@code instances/}) are. The two
 * parents are flushed the first time this process adds to a leaf directory, identified by its file
 * key, so the cost is one {@code stat} per write plus two flushes per new leaf, not per write. A
 * file key alone does not tell a leaf removed and made again from the one flushed before (ext4
 * gives the new directory the removed one's inode at once), so this process forgets a leaf it
 * removes or makes ({@link #removeIfEmpty}, {@link #make}) and flushes its parents again at the
 * next add; a store of another process under {@code FSYNC} that makes a leaf flushes its parents
 * itself as it first adds to it.
 */
public final class ShardDirectories {
  private static final int REMEMBERED_LEAVES = 256;

  private final Path instances;
  private final Durability durability;

  /**
   * Leaves whose name this process made durable, with the file key of the directory flushed; for
   * every root of the process, so that the static {@link #make} and {@link #removeIfEmpty} can
   * forget a leaf they make or remove. Guarded by itself.
   */
  private static final Map<Path, Object> DURABLE_LEAVES = RecentlyUsed.map(REMEMBERED_LEAVES);

  public ShardDirectories(Path instances, Durability durability) {
    this.instances = instances;
    this.durability = durability;
  }

  /** The leaf shard holding the instance directory {@code instanceDirectory}. */
  public static Path leafOf(Path instanceDirectory) {
    return Objects.requireNonNull(instanceDirectory.getParent(), "an instance has a shard");
  }

  /**
   * How often a name is put into a shard again when the shard was removed under it, as it emptied,
   * in between. Each such race is another writer's finished removal, so the bound is high: only a
   * shard that something other than Burrow removes every time reaches it.
   */
  public static final int MAX_RACES = 1000;

  /**
   * Makes the leaf directory {@code leaf} and its top-level shard, where missing (owner-only).
   *
   * @throws NoSuchFileException if another writer removed one as it emptied while this one made it
   *     (callers make it again)
   * @throws IOException if one cannot be made, or something else than a directory is in the way
   */
  public static void make(Path leaf) throws IOException {
    boolean made = makeOne(Objects.requireNonNull(leaf.getParent(), "a leaf has a parent"));
    if (makeOne(leaf) || made) {
      forget(leaf); // a new directory, whatever its file key: its names are flushed at the next add
    }
  }

  /**
   * Makes the top-level shard {@code top} where missing (owner-only), for an entry that lives in it
   * directly (an index's, {@code FieldIndex}).
   *
   * @throws NoSuchFileException if another writer removed it as it emptied while this one made it
   * @throws IOException if it cannot be made, or something else than a directory is in the way
   */
  public static void makeTop(Path top) throws IOException {
    makeOne(top);
  }

  /** Makes {@code directory} where missing; whether this call made it. */
  private static boolean makeOne(Path directory) throws IOException {
    try {
      OwnerOnly.createDirectory(directory);
      return true;
    } catch (FileAlreadyExistsException e) {
      BasicFileAttributes there = SafeFiles.lstat(directory);
      if (there == null) {
        // another writer made it and removed it again as it emptied: missing, to be made again
        throw new NoSuchFileException(directory.toString(), null, "removed as it was being made");
      }
      if (!there.isDirectory()) {
        throw e;
      }
      return false;
    }
  }

  /**
   * After a name was added to {@code leaf}: under {@link Durability#FSYNC}, flushes the leaf, and
   * its parents the first time this process adds to this leaf directory ({@link #flushShardNames}).
   *
   * @throws IOException if a flush fails; the new name may then not survive a power cut
   */
  public void flushAfterAdding(Path leaf) throws IOException {
    if (durability != Durability.FSYNC) {
      return;
    }
    AtomicFiles.forceDirectory(leaf);
    flushShardNames(leaf);
  }

  /**
   * Under {@link Durability#FSYNC}, makes the names of {@code leaf} (in its top-level shard) and of
   * its top-level shard (in {@code instances/}) durable: flushes the two parents the first time
   * this process sees this leaf directory, or the first time since it made or removed it, and
   * otherwise costs one {@code stat}.
   *
   * @throws IOException if a flush fails; the shards' names may then not survive a power cut
   */
  public void flushShardNames(Path leaf) throws IOException {
    if (durability != Durability.FSYNC) {
      return;
    }
    Object identity =
        Files.readAttributes(leaf, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    if (identity != null && identity.equals(remembered(leaf))) {
      return;
    }
    AtomicFiles.forceDirectory(Objects.requireNonNull(leaf.getParent(), "a leaf has a parent"));
    AtomicFiles.forceDirectory(instances);
    if (identity != null) {
      synchronized (DURABLE_LEAVES) {
        DURABLE_LEAVES.put(leaf, identity);
      }
    }
  }

  private static @Nullable Object remembered(Path leaf) {
    synchronized (DURABLE_LEAVES) {
      return DURABLE_LEAVES.get(leaf);
    }
  }

  /** Forgets that {@code leaf}'s names were made durable: the directory there is another one. */
  private static void forget(Path leaf) {
    synchronized (DURABLE_LEAVES) {
      DURABLE_LEAVES.remove(leaf);
    }
  }

  /**
   * After a name was removed from {@code directory} (a shard, or {@code instances/} itself): under
   * {@link Durability#FSYNC}, flushes it so the removal survives a power cut. Another process may
   * have removed the shard meanwhile, once it was empty ({@link #removeIfEmpty}); the removal of
   * the shard then carries this one, so the nearest directory still there on the way up to {@code
   * instances/} is flushed instead.
   *
   * @throws IOException if a flush fails; the removed name may then come back after a power cut
   */
  public void flushAfterRemoving(Path directory) throws IOException {
    if (durability != Durability.FSYNC) {
      return;
    }
    Path current = directory;
    while (true) {
      try {
        AtomicFiles.forceDirectory(current);
        return;
      } catch (NoSuchFileException gone) {
        if (current.equals(instances) || !current.startsWith(instances)) {
          throw gone;
        }
        current = Objects.requireNonNull(current.getParent(), "a shard has a parent");
      }
    }
  }

  /**
   * Removes the leaf {@code leaf} if it is empty, and then its top-level shard if that is. Cost:
   * one {@code lstat} while the directory still holds a directory (an instance's, or a leaf), which
   * is almost every time; otherwise an {@code rmdir} as well.
   */
  public static void removeIfEmpty(Path leaf) {
    if (removeIfEmptyOne(leaf)) {
      forget(leaf);
      removeIfEmptyOne(Objects.requireNonNull(leaf.getParent(), "a leaf has a parent"));
    }
  }

  /** Removes the top-level shard {@code top} if it is empty; like {@link #removeIfEmpty}. */
  public static void removeTopIfEmpty(Path top) {
    removeIfEmptyOne(top);
  }

  private static boolean removeIfEmptyOne(Path directory) {
    try {
      if (holdsDirectories(directory)) {
        return false;
      }
      Files.delete(directory);
      return true;
    } catch (DirectoryNotEmptyException | NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      return false; // an empty shard left behind costs a listing, nothing else
    }
  }

  /**
   * Whether {@code directory} certainly holds a directory: its link count is above 2 (its name and
   * its {@code .}, plus each subdirectory's {@code ..}). Where the file system does not count them
   * (a count of 1, as btrfs keeps, or ext4 keeps past 65,000 subdirectories) this says nothing, and
   * the removal is tried. The look spares the {@code rmdir} that would fail, which reads the
   * directory's blocks until it meets an entry, and the exception it throws.
   */
  private static boolean holdsDirectories(Path directory) throws IOException {
    try {
      return Files.getAttribute(directory, "unix:nlink", LinkOption.NOFOLLOW_LINKS)
              instanceof Integer links
          && links > 2;
    } catch (UnsupportedOperationException e) {
      return false;
    }
  }
}
