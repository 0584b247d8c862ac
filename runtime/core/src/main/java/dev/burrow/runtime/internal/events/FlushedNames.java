package dev.burrow.runtime.internal.events;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event logs whose name this process has flushed into their directory under {@link
 * dev.burrow.Durability#FSYNC}: a log found already there may have been made by an append that a
 * crash stopped before it flushed the directory, so a durable append flushes the directory (and the
 * instance directory above it) once per log per process before it returns, and not again. Holds at
 * most {@value #MAX} logs and forgets them all beyond that: forgetting only costs those two
 * directory flushes again per log. Thread-safe.
 *
 * <p>A log is known by its path and its file key (device and inode where the OS has them), and by
 * its directory's file key and modification time as they were before the flush: a log removed with
 * its directory (its instance deleted) and made again at its path by another process is another
 * log, even where the file system gives the new file the old one's inode, as ext4 does at once. Its
 * directory is a new one, or had an entry removed and one made, so its modification time is later
 * than the one remembered; only a file system whose clock ticks coarser than the time from the
 * flush to the log's removal and making again could show the same time.
 */
final class FlushedNames {
  private static final int MAX = 4096;
  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

  private FlushedNames() {}

  /**
   * Whether this process flushed {@code file}'s name, {@code attributes} being its own and {@code
   * directory} its directory's.
   */
  static boolean known(Path file, BasicFileAttributes attributes, BasicFileAttributes directory) {
    return KNOWN.contains(key(file, attributes, directory));
  }

  /**
   * Notes that {@code file}'s name, {@code attributes} being its own and {@code directory} its
   * directory's as read before the flush, was flushed.
   */
  static void remember(Path file, BasicFileAttributes attributes, BasicFileAttributes directory) {
    if (KNOWN.size() >= MAX) {
      KNOWN.clear();
    }
    KNOWN.add(key(file, attributes, directory));
  }

  private static String key(
      Path file, BasicFileAttributes attributes, BasicFileAttributes directory) {
    return file.toAbsolutePath()
        + "\0"
        + attributes.fileKey()
        + "\0"
        + directory.fileKey()
        + "\0"
        + directory.lastModifiedTime().toInstant();
  }
}
