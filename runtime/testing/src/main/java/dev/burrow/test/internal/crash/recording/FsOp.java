package dev.burrow.test.internal.crash.recording;

/**
 * One recorded file-system operation, in terms of inodes (numbers given by {@link FsLog}), so that
 * it can be replayed on any subset of the operations before it.
 */
public sealed interface FsOp {

  /** Whether this operation changes names (a directory's entries). */
  default boolean changesNames() {
    return false;
  }

  /** Whether {@code directory} is one whose entries this operation changes. */
  default boolean touches(int directory) {
    return false;
  }

  /** A change of the entries of one directory, {@code dir}. */
  sealed interface InDirectory extends FsOp {
    int dir();

    @Override
    default boolean changesNames() {
      return true;
    }

    @Override
    default boolean touches(int directory) {
      return dir() == directory;
    }
  }

  /** {@code creat} or {@code mkdir}: {@code name} in {@code dir} now refers to {@code inode}. */
  record Link(int dir, String name, int inode, boolean directory) implements InDirectory {}

  /** {@code rename}: one atomic step that moves {@code inode}, replacing any target. */
  record Rename(int fromDir, String fromName, int toDir, String toName, int inode) implements FsOp {
    @Override
    public boolean changesNames() {
      return true;
    }

    @Override
    public boolean touches(int directory) {
      return fromDir == directory || toDir == directory;
    }
  }

  /** {@code unlink} or {@code rmdir}. */
  record Unlink(int dir, String name, int inode) implements InDirectory {}

  /**
   * {@code pwrite} of {@code data} at {@code offset}. {@code data} is the log's own copy, never
   * changed, and no operation is compared with another.
   */
  @SuppressWarnings("ArrayRecordComponent") // the copy is never changed or compared, see above
  record Write(int inode, long offset, byte[] data) implements FsOp {}

  /** {@code ftruncate}. */
  record Truncate(int inode, long size) implements FsOp {}

  /** {@code fsync} of a file (its data) or of a directory (its entries). */
  record Sync(int inode) implements FsOp {}

  /** Not a file-system call: marks where a step of the workload begins or ends. */
  record Mark(String label) implements FsOp {}
}
