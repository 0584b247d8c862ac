package dev.burrow.cli.command;

import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.SafeFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import org.jspecify.annotations.Nullable;

/**
 * What tells whether an event log changed between two polls of a follower: the file (its device and
 * inode), its size and its modification time, read with one {@code lstat}, never following a link.
 * Every append grows the file or cuts and rewrites its tail, which changes the size or the time; a
 * log replaced by another is another file.
 *
 * @param file the file's key (device and inode), or null where the file system gives none
 * @param regularFile whether it is a regular file, the only kind a read of the log accepts
 * @param size its size in bytes
 * @param modified its modification time
 */
record LogStamp(@Nullable Object file, boolean regularFile, long size, FileTime modified) {
  /**
   * The stamp of the log at {@code path}, or null if nothing is there.
   *
   * @throws StorageException if it cannot be looked at
   */
  static @Nullable LogStamp of(Path path) {
    try {
      BasicFileAttributes attributes = SafeFiles.lstat(path);
      return attributes == null
          ? null
          : new LogStamp(
              attributes.fileKey(),
              attributes.isRegularFile(),
              attributes.size(),
              attributes.lastModifiedTime());
    } catch (IOException e) {
      throw new StorageException("cannot look at " + path + ": " + Failures.describe(e), e);
    }
  }
}
