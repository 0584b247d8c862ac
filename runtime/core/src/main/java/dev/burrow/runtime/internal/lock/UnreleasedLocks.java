package dev.burrow.runtime.internal.lock;

import dev.burrow.StorageException;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OS locks of one lock file whose release failed, by byte: the JDK keeps such a lock in its
 * table, so the byte could not be locked again in this JVM. Each is released again right before its
 * byte is next locked.
 */
final class UnreleasedLocks {
  private final ConcurrentHashMap<Long, FileLock> byRegion = new ConcurrentHashMap<>();

  /** Keeps {@code lock}, on byte {@code region}, whose release just failed. */
  void keep(long region, FileLock lock) {
    byRegion.put(region, lock);
  }

  /**
   * Releases the lock on {@code region} whose release failed before, if there is one.
   *
   * @throws IOException if it fails again; the lock is kept for the next try
   */
  void releaseAgain(long region) throws IOException {
    FileLock stale = byRegion.remove(region);
    if (stale != null && stale.isValid()) {
      try {
        stale.release();
      } catch (IOException e) {
        byRegion.put(region, stale);
        throw e;
      }
    }
  }

  /**
   * The failure to lock {@code name} in {@code file} because this JVM holds an overlapping lock on
   * it through another channel.
   */
  static StorageException overlapping(String name, Path file, OverlappingFileLockException e) {
    return new StorageException(
        "cannot lock '"
            + name
            + "' in "
            + file
            + ": this JVM holds an overlapping lock on it through another channel on the file",
        e);
  }
}
