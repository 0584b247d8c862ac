package dev.burrow.runtime.internal.store;

import dev.burrow.Durability;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What the files a store keeps on this host's disk (event logs, instance files, shared files) need
 * on every backend: the local root, its temporary area, this host's cross-process locks, and the
 * store's durability and lock timeout.
 *
 * @param root this host's data root
 * @param temps the root's temporary area
 * @param locks locks held across the threads and processes of this host; names containing {@code
 *     ':'} never collide with instance IDs
 * @param durability how hard local writes work to survive a power cut
 * @param lockTimeout how long a local write waits for its lock
 */
public record HostContext(
    Path root, TempFiles temps, InstanceLocks locks, Durability durability, Duration lockTimeout) {

  /**
   * The lock file of this host's locks under {@code root}, where the filesystem backend keeps it.
   */
  public static Path lockFile(Path root) {
    return InstanceLocks.lockFile(root);
  }
}
