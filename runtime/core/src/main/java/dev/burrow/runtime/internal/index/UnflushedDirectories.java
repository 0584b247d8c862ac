package dev.burrow.runtime.internal.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The directories of one index that a rebuild added entries in and has not flushed yet (value
 * directories and shards): flushed once there are {@link #MAX} of them, and by {@link #flush()}
 * before the index is marked complete. So a rebuild holds at most {@link #MAX} names per index
 * however many instances the root holds, and flushes a directory again only when it adds to it
 * after a flush.
 */
final class UnflushedDirectories {
  /** The most directories held before they are flushed. */
  static final int MAX = 4096;

  private final FieldIndex index;
  private final int max;
  private final Set<Path> directories = new HashSet<>();

  /** None yet, of {@code index}, flushed by {@link FieldIndex#flushAll}. */
  UnflushedDirectories(FieldIndex index) {
    this(index, MAX);
  }

  /** Like {@link #UnflushedDirectories(FieldIndex)}, flushed once there are {@code max}. */
  UnflushedDirectories(FieldIndex index, int max) {
    this.index = index;
    this.max = max;
  }

  /**
   * Records the directories {@code entry} was added in; flushes all held if that makes {@code max}.
   */
  void added(Path entry) throws IOException {
    List<Path> holding = FieldIndex.directoriesOf(entry);
    directories.addAll(holding.subList(1, holding.size()));
    if (directories.size() >= max) {
      flush();
    }
  }

  /** Flushes the index's directory and every directory held, then forgets them. */
  void flush() throws IOException {
    index.flushAll(directories);
    directories.clear();
  }

  /** How many directories are held, not flushed since an entry was added in them. */
  int held() {
    return directories.size();
  }
}
