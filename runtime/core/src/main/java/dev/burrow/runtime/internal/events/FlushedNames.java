package dev.burrow.runtime.internal.events;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The event logs whose name this process has flushed into their directory under {@link
 * dev.burrow.Durability#FSYNC}, by path and file (device and inode where the OS has them): a log
 * found already there may have been made by an append that a crash stopped before it flushed the
 * directory, so a durable append flushes the directory (and the instance directory above it) once
 * per log per process before it returns, and not again. Holds at most {@value #MAX} logs and
 * forgets them all beyond that: forgetting only costs those two directory flushes again per log.
 * Thread-safe.
 */
final class FlushedNames {
  private static final int MAX = 4096;
  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

  private FlushedNames() {}

  /** Whether this process flushed {@code file}'s name, {@code attributes} being its own. */
  static boolean known(Path file, BasicFileAttributes attributes) {
    return KNOWN.contains(key(file, attributes));
  }

  /** Notes that {@code file}'s name, {@code attributes} being its own, was flushed. */
  static void remember(Path file, BasicFileAttributes attributes) {
    if (KNOWN.size() >= MAX) {
      KNOWN.clear();
    }
    KNOWN.add(key(file, attributes));
  }

  private static String key(Path file, BasicFileAttributes attributes) {
    return file.toAbsolutePath() + "\0" + attributes.fileKey();
  }
}
