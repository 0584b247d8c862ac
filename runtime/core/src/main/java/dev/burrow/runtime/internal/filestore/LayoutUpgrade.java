package dev.burrow.runtime.internal.filestore;

import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.DirectoryListing;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.internal.shard.ShardDirectories;
import dev.burrow.runtime.internal.shard.Shards;
import dev.burrow.spi.PathSegments;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Upgrades, in place, a root whose instance directories are directly under {@code instances/}
 * (Burrow before sharding, layout 1) to the sharded layout ({@link Shards}, layout 2, or 3 where
 * index entries may also sit in top-level shards).
 *
 * <p>Each instance directory is renamed into its shard, one atomic rename each, under the
 * instance's lock. A crash of the process at any point leaves every instance either where it was or
 * in its shard, never both, never neither. Every open runs the upgrade (in the sharded layout it
 * costs a listing of {@code instances/}, which then holds only the top-level shards), so an open
 * after a crash carries on where the last one stopped; the layout recorded in the kind marker is
 * only a record. Processes of this version may open the root while another one upgrades it: each
 * moves what it finds, and none returns from its open before every instance it saw is in its shard.
 * Processes of an older version must not have the root open.
 *
 * <p>Under {@link Durability#FSYNC}, the names of the shard directories an instance moves into are
 * flushed before the rename, and the leaf shard after it. A power cut then undoes at most the move
 * in flight, which the next open makes again, and never keeps a move while losing the shard it went
 * into (and the instance with it); once the open returns, the upgrade is on disk. Under {@link
 * Durability#NONE} nothing is flushed, and a power cut soon after the upgrade can lose instances it
 * moved, as it can lose any write made with that setting.
 *
 * <p>An entry whose shard already holds an instance of the same ID is left where it is, and
 * listings report it. Temporary files an older version left in instance directories are left as
 * they are: their names are not unmistakably Burrow's, and they are never read as data.
 *
 * <p>Cost: one lock and one rename per instance of the old layout; under {@link Durability#FSYNC}
 * one directory flush per instance and two per new leaf shard.
 */
final class LayoutUpgrade {
  private LayoutUpgrade() {}

  /**
   * Moves every instance directory directly under {@code instances/} into its shard, making and
   * flushing shard directories through {@code shards}.
   *
   * @return how many were moved
   * @throws StorageException if {@code instances/} cannot be listed or a directory cannot be made,
   *     moved or flushed; the root is then partly upgraded, which the next open finishes
   */
  static int run(
      FileLayout layout, ShardDirectories shards, InstanceLocks locks, Duration lockTimeout) {
    int found = 0;
    int moved = 0;
    try (DirectoryStream<Path> entries = DirectoryListing.open(layout.instances())) {
      try {
        for (Path entry : entries) {
          String id = String.valueOf(entry.getFileName());
          if (PathSegments.isValid(id) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            found++;
            if (move(id, entry, layout.instanceDirectory(id), shards, locks, lockTimeout)) {
              moved++;
            }
          }
        }
      } catch (DirectoryIteratorException e) {
        throw e.getCause(); // read part way: described as the failure it wraps
      }
    } catch (IOException e) {
      throw new StorageException(stopped(layout.instances(), found, moved, e), e);
    }
    return moved;
  }

  /**
   * Why the upgrade of {@code instances} stopped, having found {@code found} instance directories
   * to move and moved {@code moved}: with none found, the listing failed on a root that may need no
   * upgrade at all (every open looks), so the message says only what the listing was for.
   */
  private static String stopped(Path instances, int found, int moved, IOException failure) {
    String why = Failures.describe(failure, instances);
    if (found == 0) {
      return "cannot list "
          + instances
          + " to move instance directories of the layout before sharding into their shards (the"
          + " next open looks again): "
          + why;
    }
    return "upgrading "
        + instances
        + " to sharded directories stopped after "
        + moved
        + (moved == 1 ? " instance" : " instances")
        + " (the next open carries on): "
        + why;
  }

  /** Moves one instance; false if its shard already holds one of that ID. */
  private static boolean move(
      String id,
      Path from,
      Path to,
      ShardDirectories shards,
      InstanceLocks locks,
      Duration lockTimeout)
      throws IOException {
    InstanceLock lock = locks.lock(id, lockTimeout);
    try {
      if (FileLayout.exists(to)) {
        return false;
      }
      Path leaf = ShardDirectories.leafOf(to);
      for (int attempt = 1; ; attempt++) {
        try {
          ShardDirectories.make(leaf);
          shards.flushShardNames(leaf);
          Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
          shards.flushAfterAdding(leaf);
          return true;
        } catch (NoSuchFileException e) {
          if (!Files.exists(from, LinkOption.NOFOLLOW_LINKS)) {
            return false; // deleted meanwhile by an older version's process
          }
          if (attempt == ShardDirectories.MAX_RACES) {
            throw e;
          }
          // its shard was removed as another writer emptied it: made again
        }
      }
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
      return false;
    } finally {
      lock.close();
    }
  }
}
