package dev.burrow.test.internal.crash.recording;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The operations recorded below a base directory, in order, with inode numbers assigned as files
 * and directories are created. Paths outside the base, and paths the {@code ignored} predicate
 * matches, are not recorded.
 */
public final class FsLog {
  private final Path base;
  private final Predicate<Path> ignored;
  private final Namespace live = new Namespace();
  private final List<FsOp> ops = new ArrayList<>();
  private final List<String> labels = new ArrayList<>();
  private int lastInode = Namespace.ROOT;

  FsLog(Path base, Predicate<Path> ignored) {
    this.base = base;
    this.ignored = ignored;
  }

  /** Every operation recorded so far. */
  public synchronized List<FsOp> ops() {
    return List.copyOf(ops);
  }

  /**
   * What each operation of {@link #ops()} did, in words and paths relative to the base (such as
   * {@code rename .burrow/staging/a~1f -> instances/a}), for people reading a crash state.
   */
  public synchronized List<String> labels() {
    return List.copyOf(labels);
  }

  /** Records a step boundary of the workload. */
  public synchronized void mark(String label) {
    add(new FsOp.Mark(label), "-- " + label);
  }

  synchronized int inodeOf(Path real) {
    if (real.toAbsolutePath().normalize().equals(base)) {
      return Namespace.ROOT;
    }
    List<String> names = names(real);
    return names == null ? -1 : live.lookup(names);
  }

  synchronized void linked(Path real, boolean directory) {
    List<String> names = names(real);
    if (names != null) {
      record(
          new FsOp.Link(parentInode(names), last(names), ++lastInode, directory),
          (directory ? "mkdir " : "create ") + String.join("/", names));
    }
  }

  /** Records {@code real}, a new name of the file {@code inode} (a hard link). */
  synchronized void hardLinked(Path real, int inode) {
    List<String> names = names(real);
    if (names != null) {
      if (inode < 0) {
        throw new IllegalStateException("a hard link to a file not recorded: " + real);
      }
      record(
          new FsOp.Link(parentInode(names), last(names), inode, false),
          "link " + String.join("/", names) + " -> " + pathOf(inode));
    }
  }

  synchronized void renamed(Path from, Path to) {
    List<String> source = names(from);
    List<String> target = names(to);
    if (source == null || target == null) {
      if (source != target) {
        throw new IllegalStateException("a rename across the recorded base: " + from + " -> " + to);
      }
      return;
    }
    record(
        new FsOp.Rename(
            parentInode(source),
            last(source),
            parentInode(target),
            last(target),
            live.lookup(source)),
        "rename " + String.join("/", source) + " -> " + String.join("/", target));
  }

  synchronized void unlinked(Path real, int inode) {
    List<String> names = names(real);
    if (names != null && inode >= 0) {
      record(
          new FsOp.Unlink(parentInode(names), last(names), inode),
          "delete " + String.join("/", names));
    }
  }

  /**
   * Records that {@code written} bytes from {@code source} (a duplicate of the buffer taken before
   * the write, so positioned at the first byte written) went to {@code inode} at {@code offset}.
   */
  void wrote(int inode, long offset, ByteBuffer source, int written) {
    byte[] data = new byte[Math.max(written, 0)];
    source.get(data);
    wrote(inode, offset, data);
  }

  synchronized void wrote(int inode, long offset, byte[] data) {
    if (inode >= 0 && data.length > 0) {
      add(
          new FsOp.Write(inode, offset, data),
          "write " + data.length + " bytes at " + offset + " of " + pathOf(inode));
    }
  }

  /**
   * Records a channel's {@code truncate} of {@code inode} to {@code size}, which changes the file
   * only if it was longer: {@code before} bytes.
   */
  void truncated(int inode, long size, long before) {
    if (size < before) {
      truncated(inode, size);
    }
  }

  synchronized void truncated(int inode, long size) {
    if (inode >= 0) {
      add(new FsOp.Truncate(inode, size), "truncate " + pathOf(inode) + " to " + size + " bytes");
    }
  }

  synchronized void synced(int inode) {
    if (inode >= 0) {
      add(new FsOp.Sync(inode), "fsync " + pathOf(inode));
    }
  }

  private void record(FsOp op, String label) {
    add(op, label);
    live.apply(op);
  }

  private void add(FsOp op, String label) {
    ops.add(op);
    labels.add(label);
  }

  /** Where {@code inode} is now, relative to the base ({@code .} for the base itself). */
  private String pathOf(int inode) {
    return live.pathOf(inode);
  }

  private int parentInode(List<String> names) {
    int parent = live.lookup(names.subList(0, names.size() - 1));
    if (parent < 0) {
      throw new IllegalStateException("no recorded parent directory for " + names);
    }
    return parent;
  }

  private static String last(List<String> names) {
    return names.get(names.size() - 1);
  }

  private @Nullable List<String> names(Path real) {
    Path absolute = real.toAbsolutePath().normalize();
    if (!absolute.startsWith(base) || absolute.equals(base) || ignored.test(absolute)) {
      return null;
    }
    List<String> names = new ArrayList<>();
    base.relativize(absolute).forEach(name -> names.add(name.toString()));
    return names;
  }
}
