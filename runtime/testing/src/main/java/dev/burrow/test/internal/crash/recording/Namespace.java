package dev.burrow.test.internal.crash.recording;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Directories and their entries by inode number, without file contents. An inode whose entry is
 * gone (or was never durable) is orphaned: it still exists but is unreachable from the root, as
 * after a power cut that lost the directory entry.
 */
public final class Namespace {
  /** The inode of the recorded base directory. */
  public static final int ROOT = 0;

  private final Map<Integer, Map<String, Integer>> directories = new HashMap<>();

  public Namespace() {
    directories.put(ROOT, new TreeMap<>());
  }

  /** Applies a name-changing operation; others are ignored. */
  public void apply(FsOp op) {
    if (op instanceof FsOp.Link link) {
      entries(link.dir()).put(link.name(), link.inode());
      if (link.directory()) {
        entries(link.inode());
      }
    } else if (op instanceof FsOp.Unlink unlink) {
      entries(unlink.dir()).remove(unlink.name(), unlink.inode());
    } else if (op instanceof FsOp.Rename rename) {
      entries(rename.fromDir()).remove(rename.fromName(), rename.inode());
      entries(rename.toDir()).put(rename.toName(), rename.inode());
    }
  }

  /** The inode at {@code names} below the root, or -1. */
  public int lookup(List<String> names) {
    int inode = ROOT;
    for (String name : names) {
      Map<String, Integer> entries = directories.get(inode);
      Integer next = entries == null ? null : entries.get(name);
      if (next == null) {
        return -1;
      }
      inode = next;
    }
    return inode;
  }

  /** Whether {@code inode} is a directory. */
  public boolean isDirectory(int inode) {
    return directories.containsKey(inode);
  }

  /**
   * Every inode reachable from the root, by its path relative to the root ("" for the root): a file
   * at each of its names, a directory at one.
   */
  public Map<String, Integer> reachable() {
    Map<String, Integer> paths = new TreeMap<>();
    Set<Integer> seen = new HashSet<>();
    List<Map.Entry<String, Integer>> work = new ArrayList<>(List.of(Map.entry("", ROOT)));
    while (!work.isEmpty()) {
      Map.Entry<String, Integer> next = work.remove(work.size() - 1);
      if (isDirectory(next.getValue()) && !seen.add(next.getValue())) {
        continue;
      }
      paths.put(next.getKey(), next.getValue());
      Map<String, Integer> entries = directories.get(next.getValue());
      if (entries != null) {
        String prefix = next.getKey().isEmpty() ? "" : next.getKey() + "/";
        entries.forEach((name, inode) -> work.add(Map.entry(prefix + name, inode)));
      }
    }
    return paths;
  }

  /**
   * A path at which {@code inode} is reachable ({@code .} for the root), or {@code #<inode>} if it
   * is orphaned.
   */
  public String pathOf(int inode) {
    if (inode == ROOT) {
      return ".";
    }
    for (Map.Entry<String, Integer> entry : reachable().entrySet()) {
      if (entry.getValue() == inode) {
        return entry.getKey();
      }
    }
    return "#" + inode;
  }

  private Map<String, Integer> entries(int dir) {
    return directories.computeIfAbsent(dir, d -> new TreeMap<>());
  }
}
