package dev.burrow.runtime.internal.events;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the last line an append of this process left in an event log for good ends, by file (device
 * and inode where the OS has them, else the absolute path), with the log's modification time right
 * after that append: an append that returned, or one whose directory flush failed after its line
 * was flushed (outcome unknown, the line kept). No append cuts the log before it (an append cuts
 * only a torn line after the log's last line end, or its own line), so a read takes every line
 * ending there or before without looking at the append lock ({@link EventLogRead}): a read in the
 * process that appended returns what its appends acknowledged, also while another append holds the
 * lock before writing its own line, which the read could not tell from the last line otherwise.
 * Keyed by the file, not its path, so a store reaching the log by a second path (a bind mount)
 * finds it too. A log that ends exactly there counts only while its modification time is still the
 * one noted: a log deleted and made again may get the same inode, and its last line, as long as the
 * old one, may be an append's that is about to cut it off (a line before the last is never cut, so
 * a shorter or longer log needs no such check). Holds at most {@value #MAX} logs and forgets them
 * all beyond that: forgetting costs a read of such a log its last line while another append holds
 * the lock, as in another process. Thread-safe.
 */
final class SettledEnds {
  private static final int MAX = 4096;
  private static final Map<Object, Settled> ENDS = new ConcurrentHashMap<>();

  private record Settled(long end, FileTime modified) {}

  private SettledEnds() {}

  /**
   * Notes that the line an append of this process left in {@code file} ends at {@code end}, {@code
   * attributes} being the log's own right after that append; called holding the log's lock, so
   * appends note in log order.
   */
  static void record(Path file, BasicFileAttributes attributes, long end) {
    if (ENDS.size() >= MAX) {
      ENDS.clear();
    }
    ENDS.put(key(file, attributes), new Settled(end, attributes.lastModifiedTime()));
  }

  /**
   * Where the last line this process's appends left in {@code file}, whose attributes are {@code
   * attributes}, ends; 0 if none is known, or if the log ends there but was modified since (made
   * again with the same inode).
   */
  static long of(Path file, BasicFileAttributes attributes) {
    Settled settled = ENDS.get(key(file, attributes));
    if (settled == null
        || (settled.end() == attributes.size()
            && !settled.modified().equals(attributes.lastModifiedTime()))) {
      return 0;
    }
    return settled.end();
  }

  private static Object key(Path file, BasicFileAttributes attributes) {
    Object fileKey = attributes.fileKey();
    return fileKey != null ? fileKey : file.toAbsolutePath().toString();
  }
}
