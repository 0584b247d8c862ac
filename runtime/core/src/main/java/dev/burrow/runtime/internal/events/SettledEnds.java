package dev.burrow.runtime.internal.events;

import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where the last line an append of this process left in an event log for good ends, by path and
 * file (device and inode where the OS has them), as {@link FlushedNames} keys them: an append that
 * returned, or one whose directory flush failed after its line was flushed (outcome unknown, the
 * line kept). No append cuts the log before it (an append cuts only a torn line after the log's
 * last line end, or its own line), so a read takes every line ending there or before without
 * looking at the append lock ({@link EventLogRead}): a read in the process that appended returns
 * what its appends acknowledged, also while another append holds the lock before writing its own
 * line, which the read could not tell from the last line otherwise. Holds at most {@value #MAX}
 * logs and forgets them all beyond that: forgetting costs a read of such a log its last line while
 * another append holds the lock, as in another process. Thread-safe.
 */
final class SettledEnds {
  private static final int MAX = 4096;
  private static final Map<String, Long> ENDS = new ConcurrentHashMap<>();

  private SettledEnds() {}

  /**
   * Notes that the line an append of this process left in {@code file}, {@code attributes} being
   * its own, ends at {@code end}; called holding the log's lock, so appends note in log order.
   */
  static void record(Path file, BasicFileAttributes attributes, long end) {
    if (ENDS.size() >= MAX) {
      ENDS.clear();
    }
    ENDS.put(key(file, attributes), end);
  }

  /** Where the last line this process's appends left in {@code file} ends, 0 if none is known. */
  static long of(Path file, BasicFileAttributes attributes) {
    return ENDS.getOrDefault(key(file, attributes), 0L);
  }

  private static String key(Path file, BasicFileAttributes attributes) {
    return file.toAbsolutePath() + "\0" + attributes.fileKey();
  }
}
