package dev.burrow.test.internal.crash;

import dev.burrow.test.internal.crash.recording.FsOp;
import dev.burrow.test.internal.crash.recording.Namespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Enumerates the states a power cut could leave after a prefix of recorded operations, under the
 * pessimistic model of the ALICE study:
 *
 * <ul>
 *   <li>a file's data is durable only once the file was {@code fsync}ed; until then the file may
 *       hold its last durable content, the new content, the first half of the new content, or zeros
 *       where the new content goes;
 *   <li>a name (a {@code creat}, {@code mkdir}, {@code unlink} or {@code rename}) is durable only
 *       once its directory was {@code fsync}ed (for a rename, either directory: it is one atomic
 *       journal step); until then any subset of the pending names may be lost, in any order, and an
 *       inode whose entry is lost is orphaned with all below it. A rename made durable makes the
 *       creation of the inode it moved durable too (the journal commits metadata in order; a file
 *       reachable by a durable name was durably created), so a file written in a temporary area and
 *       renamed into place leaves no name pending behind it.
 * </ul>
 *
 * <p>The enumeration is bounded: at most {@code maxPending} pending names vary (older ones are
 * taken as persisted) and at most {@code maxTornFiles} files vary their data. {@link
 * #boundedPoints()} counts the crash points where a bound cut the enumeration short; a test that
 * claims completeness asserts it is zero.
 */
public final class CrashStates {
  private static final byte[] EMPTY = new byte[0];

  /** One state a power cut could leave: names and file contents. */
  public record CrashState(String description, Namespace names, Map<Integer, byte[]> contents) {
    /** Empties {@code target} (if it exists), then writes the state's tree below it. */
    public void materializeFresh(Path target) throws IOException {
      if (Files.exists(target)) {
        try (Stream<Path> all = Files.walk(target)) {
          for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      materialize(target);
    }

    /** Writes the state's tree below {@code target}. */
    public void materialize(Path target) throws IOException {
      for (Map.Entry<String, Integer> entry : names.reachable().entrySet()) {
        Path path = entry.getKey().isEmpty() ? target : target.resolve(entry.getKey());
        if (names.isDirectory(entry.getValue())) {
          Files.createDirectories(path);
        } else {
          Files.write(path, contents.getOrDefault(entry.getValue(), EMPTY));
        }
      }
    }

    /** Equal for states that materialize to the same tree. */
    public String fingerprint() {
      StringBuilder out = new StringBuilder();
      names
          .reachable()
          .forEach(
              (path, inode) -> {
                out.append(path).append('=');
                if (names.isDirectory(inode)) {
                  out.append("dir");
                } else {
                  byte[] content = contents.getOrDefault(inode, EMPTY);
                  out.append(content.length).append('/').append(Arrays.hashCode(content));
                }
                out.append('\n');
              });
      return out.toString();
    }
  }

  private final List<FsOp> ops;
  private final List<String> labels;
  private final int maxPending;
  private final int maxTornFiles;
  private int boundedPoints;

  /**
   * The states of {@code ops}, described by their {@code labels} (one per operation, such as {@link
   * dev.burrow.test.internal.crash.recording.FsLog#labels()}).
   */
  public CrashStates(List<FsOp> ops, List<String> labels, int maxPending, int maxTornFiles) {
    if (labels.size() != ops.size()) {
      throw new IllegalArgumentException(
          labels.size() + " labels for " + ops.size() + " operations");
    }
    this.ops = List.copyOf(ops);
    this.labels = List.copyOf(labels);
    this.maxPending = maxPending;
    this.maxTornFiles = maxTornFiles;
  }

  /**
   * Crash points where more names were pending, or more files had unflushed data, than the bounds
   * let vary: there the enumeration was not complete.
   */
  public int boundedPoints() {
    return boundedPoints;
  }

  /** Visits every state a power cut right after the first {@code point} operations could leave. */
  public void forEach(int point, Consumer<CrashState> visitor) {
    List<Integer> pending = new ArrayList<>();
    Set<Integer> directories = new HashSet<>(Set.of(Namespace.ROOT));
    Map<Integer, byte[]> current = new HashMap<>();
    Map<Integer, byte[]> durable = new HashMap<>();
    for (int i = 0; i < point; i++) {
      FsOp op = ops.get(i);
      if (op.changesNames()) {
        pending.add(i);
        if (op instanceof FsOp.Link link && link.directory()) {
          directories.add(link.inode());
        }
      } else if (op instanceof FsOp.Write write) {
        current.put(write.inode(), written(current.getOrDefault(write.inode(), EMPTY), write));
      } else if (op instanceof FsOp.Truncate truncate) {
        current.put(
            truncate.inode(),
            Arrays.copyOf(current.getOrDefault(truncate.inode(), EMPTY), (int) truncate.size()));
      } else if (op instanceof FsOp.Sync sync) {
        if (directories.contains(sync.inode())) {
          Set<Integer> renamed = new HashSet<>();
          for (int j : pending) {
            if (ops.get(j) instanceof FsOp.Rename rename && rename.touches(sync.inode())) {
              renamed.add(rename.inode());
            }
          }
          pending.removeIf(
              j ->
                  ops.get(j).touches(sync.inode())
                      || (ops.get(j) instanceof FsOp.Link link && renamed.contains(link.inode())));
        } else {
          durable.put(sync.inode(), current.getOrDefault(sync.inode(), EMPTY));
        }
      }
    }
    boolean bounded = pending.size() > maxPending;
    List<Integer> varying =
        pending.subList(Math.max(0, pending.size() - maxPending), pending.size());
    for (long kept = 0; kept < 1L << varying.size(); kept++) {
      Namespace names = new Namespace();
      List<Integer> lost = new ArrayList<>();
      for (int i = 0; i < point; i++) {
        int bit = varying.indexOf(i);
        if (bit >= 0 && (kept & 1L << bit) == 0) {
          lost.add(i);
        } else {
          names.apply(ops.get(i));
        }
      }
      List<Integer> torn =
          names.reachable().values().stream()
              .filter(inode -> !names.isDirectory(inode))
              .filter(
                  inode ->
                      !Arrays.equals(
                          current.getOrDefault(inode, EMPTY), durable.getOrDefault(inode, EMPTY)))
              .toList();
      bounded |= torn.size() > maxTornFiles;
      List<Integer> varied = torn.subList(Math.max(0, torn.size() - maxTornFiles), torn.size());
      String description =
          "power cut after file-system operation "
              + point
              + (point > 0 ? " (" + labels.get(point - 1) + ")" : "")
              + ", names lost: "
              + lost.stream().map(i -> "#" + (i + 1) + " " + labels.get(i)).toList();
      visitData(names, varied, 0, new HashMap<>(current), durable, description, visitor);
    }
    if (bounded) {
      boundedPoints++;
    }
  }

  private void visitData(
      Namespace names,
      List<Integer> varied,
      int index,
      Map<Integer, byte[]> contents,
      Map<Integer, byte[]> durable,
      String description,
      Consumer<CrashState> visitor) {
    if (index == varied.size()) {
      visitor.accept(new CrashState(description, names, Map.copyOf(contents)));
      return;
    }
    int inode = varied.get(index);
    byte[] newer = contents.get(inode);
    byte[] older = durable.getOrDefault(inode, EMPTY);
    List<byte[]> variants = new ArrayList<>();
    for (byte[] variant : dataVariants(older, newer == null ? EMPTY : newer)) {
      if (variants.stream().noneMatch(v -> Arrays.equals(v, variant))) {
        variants.add(variant);
      }
    }
    for (byte[] variant : variants) {
      contents.put(inode, variant);
      visitData(
          names,
          varied,
          index + 1,
          contents,
          durable,
          description
              + ", "
              + names.pathOf(inode)
              + " holds "
              + variant.length
              + " of "
              + (newer == null ? 0 : newer.length)
              + " bytes",
          visitor);
    }
    contents.put(inode, newer == null ? EMPTY : newer);
  }

  /** Durable content, new content, half the new part, zeros where the new part goes. */
  private static List<byte[]> dataVariants(byte[] older, byte[] newer) {
    boolean appended =
        newer.length >= older.length && Arrays.equals(older, Arrays.copyOf(newer, older.length));
    int keep = appended ? older.length : 0;
    byte[] half = Arrays.copyOf(newer, keep + (newer.length - keep) / 2);
    byte[] zeros = Arrays.copyOf(newer, newer.length);
    Arrays.fill(zeros, keep, zeros.length, (byte) 0);
    return List.of(older, newer, half, zeros);
  }

  private static byte[] written(byte[] content, FsOp.Write write) {
    int end = (int) write.offset() + write.data().length;
    byte[] result = Arrays.copyOf(content, Math.max(content.length, end));
    System.arraycopy(write.data(), 0, result, (int) write.offset(), write.data().length);
    return result;
  }
}
