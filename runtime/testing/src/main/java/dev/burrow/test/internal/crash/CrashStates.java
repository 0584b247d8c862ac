package dev.burrow.test.internal.crash;

import dev.burrow.test.internal.crash.recording.FsOp;
import dev.burrow.test.internal.crash.recording.Namespace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
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
import org.jspecify.annotations.Nullable;

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
 * <p>The enumeration is bounded: the newest pending names vary as long as they leave at most {@code
 * 2^maxPending} different choices (older ones are taken as persisted; a name made in a directory
 * whose own pending {@code mkdir} varies is lost with it, so a chain of new directories adds one
 * choice per depth) and at most {@code maxTornFiles} files vary their data. {@link
 * #boundedPoints()} counts the crash points where a bound cut the enumeration short; a test that
 * claims completeness asserts it is zero.
 */
public final class CrashStates {
  private static final byte[] EMPTY = new byte[0];

  /**
   * Where renames count in {@link #window}: they touch two directories and no mkdir closes them.
   */
  private static final int RENAMES = -1;

  /** One state a power cut could leave: names and file contents. */
  public record CrashState(String description, Namespace names, Map<Integer, byte[]> contents) {
    /**
     * Makes {@code target} hold the state's tree and nothing else, as if it were emptied and the
     * tree written below it, but changing only what differs: a crash state differs from the last
     * one written there (and recovered, which may have changed it) in a few names, and making and
     * removing every directory of a tree costs far more than looking at it.
     */
    public void materialize(Path target) throws IOException {
      Map<String, Integer> wanted = names.reachable();
      Set<String> kept = new HashSet<>();
      if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        try (Stream<Path> all = Files.walk(target)) {
          // Reversed path order visits what is below a directory before the directory itself.
          for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
            String relative = target.relativize(path).toString();
            if (holds(path, wanted.get(relative))) {
              kept.add(relative);
            } else {
              Files.delete(path);
            }
          }
        } catch (UncheckedIOException e) {
          throw e.getCause(); // a directory of the tree could not be read
        }
      }
      for (Map.Entry<String, Integer> entry : wanted.entrySet()) {
        if (kept.contains(entry.getKey())) {
          continue;
        }
        Path path = entry.getKey().isEmpty() ? target : target.resolve(entry.getKey());
        if (names.isDirectory(entry.getValue())) {
          Files.createDirectories(path);
        } else {
          Files.write(path, content(entry.getValue()));
        }
      }
    }

    /**
     * Whether {@code path} already is what the state has there: a directory where it has {@code
     * inode} as a directory, a file of one name with its content where it has a file (a name the
     * recovery linked to another file would change with it).
     */
    private boolean holds(Path path, @Nullable Integer inode) throws IOException {
      if (inode == null) {
        return false;
      }
      BasicFileAttributes attributes =
          Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (names.isDirectory(inode)) {
        return attributes.isDirectory();
      }
      byte[] content = content(inode);
      return attributes.isRegularFile()
          && attributes.size() == content.length
          && Integer.valueOf(1)
              .equals(Files.getAttribute(path, "unix:nlink", LinkOption.NOFOLLOW_LINKS))
          && Arrays.equals(Files.readAllBytes(path), content);
    }

    private byte[] content(int inode) {
      return contents.getOrDefault(inode, EMPTY);
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
                  byte[] content = content(inode);
                  out.append(content.length).append('/').append(Arrays.hashCode(content));
                }
                out.append('\n');
              });
      return out.toString();
    }
  }

  private final List<FsOp> ops;
  private final List<String> labels;

  /**
   * For each operation, its number among the file-system calls (from 1; step marks are none), as
   * descriptions count them.
   */
  private final int[] callNumbers;

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
    this.callNumbers = new int[ops.size()];
    int calls = 0;
    for (int i = 0; i < ops.size(); i++) {
      if (!(ops.get(i) instanceof FsOp.Mark)) {
        calls++;
      }
      callNumbers[i] = calls;
    }
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
    List<Integer> varying = window(pending, point);
    boolean[] boundedHere = {varying.size() < pending.size()};
    int[] bitOf = new int[point];
    Arrays.fill(bitOf, -1);
    for (int bit = 0; bit < varying.size(); bit++) {
      bitOf[varying.get(bit)] = bit;
    }
    int[] parentBit = parentBits(varying, point);
    forEachKept(
        parentBit,
        0,
        new boolean[varying.size()],
        kept -> {
          Namespace names = new Namespace();
          List<Integer> lost = new ArrayList<>();
          for (int i = 0; i < point; i++) {
            if (bitOf[i] >= 0 && !kept[bitOf[i]]) {
              lost.add(i);
            } else {
              names.apply(ops.get(i));
            }
          }
          List<Integer> torn =
              names.reachable().values().stream()
                  .distinct()
                  .filter(inode -> !names.isDirectory(inode))
                  .filter(
                      inode ->
                          !Arrays.equals(
                              current.getOrDefault(inode, EMPTY),
                              durable.getOrDefault(inode, EMPTY)))
                  .toList();
          boundedHere[0] |= torn.size() > maxTornFiles;
          List<Integer> varied = torn.subList(Math.max(0, torn.size() - maxTornFiles), torn.size());
          String description =
              cutAfter(point)
                  + ", names lost: "
                  + lost.stream().map(i -> "#" + callNumbers[i] + " " + labels.get(i)).toList();
          visitData(names, varied, 0, new HashMap<>(current), durable, description, visitor);
        });
    boolean bounded = boundedHere[0];
    if (bounded) {
      boundedPoints++;
    }
  }

  /**
   * Where a power cut right after the first {@code point} operations fell, in file-system calls:
   * the last one done, numbered among the calls only (a step mark is no call, so a cut at a step
   * boundary names the call before it).
   */
  private String cutAfter(int point) {
    for (int i = point - 1; i >= 0; i--) {
      if (!(ops.get(i) instanceof FsOp.Mark)) {
        return "power cut after file-system operation "
            + callNumbers[i]
            + " ("
            + labels.get(i)
            + ")";
      }
    }
    return "power cut before any file-system operation";
  }

  /** How many of the operations are file-system calls, not step marks. */
  public int fileSystemCalls() {
    return callNumbers.length == 0 ? 0 : callNumbers[callNumbers.length - 1];
  }

  /**
   * The newest pending names that vary at a crash point: as many as leave at most {@code
   * 2^maxPending} choices of kept and lost names that can differ. A name made in a directory whose
   * own pending {@code mkdir} varies is lost with it (unreachable either way, unless a rename moves
   * the directory or something out of it), so a chain of new directories with a file at its end
   * leaves one choice per depth, not one per subset.
   */
  private List<Integer> window(List<Integer> pending, int point) {
    Set<Integer> moved = movedDirectories(point);
    Map<Integer, Long> choicesIn = new HashMap<>();
    long limit = 1L << maxPending;
    long choices = 1;
    int start = pending.size();
    while (start > 0) {
      FsOp op = ops.get(pending.get(start - 1));
      long within = closes(op, moved) ? choicesIn.getOrDefault(((FsOp.Link) op).inode(), 1L) : 1L;
      long own = closes(op, moved) ? 1 + within : 2;
      long more = choices / within * own;
      if (more > limit) {
        break;
      }
      choices = more;
      start--;
      if (closes(op, moved)) {
        choicesIn.remove(((FsOp.Link) op).inode());
      }
      int directory = op instanceof FsOp.InDirectory in ? in.dir() : RENAMES;
      choicesIn.merge(directory, own, Math::multiplyExact);
    }
    return pending.subList(start, pending.size());
  }

  /** For each varying name, the bit of the varying {@code mkdir} of its directory, or -1. */
  private int[] parentBits(List<Integer> varying, int point) {
    Set<Integer> moved = movedDirectories(point);
    Map<Integer, Integer> bitOfDirectory = new HashMap<>();
    int[] parents = new int[varying.size()];
    for (int bit = 0; bit < varying.size(); bit++) {
      FsOp op = ops.get(varying.get(bit));
      parents[bit] =
          op instanceof FsOp.InDirectory in ? bitOfDirectory.getOrDefault(in.dir(), -1) : -1;
      if (closes(op, moved)) {
        bitOfDirectory.put(((FsOp.Link) op).inode(), bit);
      }
    }
    return parents;
  }

  /** The directories a rename before {@code point} moved, or moved something out of. */
  private Set<Integer> movedDirectories(int point) {
    Set<Integer> moved = new HashSet<>();
    for (int i = 0; i < point; i++) {
      if (ops.get(i) instanceof FsOp.Rename rename) {
        moved.add(rename.inode());
        moved.add(rename.fromDir());
      }
    }
    return moved;
  }

  /** Whether losing {@code op} makes every name made in its directory unreachable. */
  private static boolean closes(FsOp op, Set<Integer> moved) {
    return op instanceof FsOp.Link link && link.directory() && !moved.contains(link.inode());
  }

  /**
   * Visits every choice of kept and lost varying names that can leave a different tree: a name
   * whose directory's {@code mkdir} is lost is only ever lost with it.
   */
  private static void forEachKept(
      int[] parentBit, int bit, boolean[] kept, Consumer<boolean[]> visitor) {
    if (bit == kept.length) {
      visitor.accept(kept);
      return;
    }
    kept[bit] = false;
    forEachKept(parentBit, bit + 1, kept, visitor);
    if (parentBit[bit] < 0 || kept[parentBit[bit]]) {
      kept[bit] = true;
      forEachKept(parentBit, bit + 1, kept, visitor);
      kept[bit] = false;
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
    List<DataVariant> variants = new ArrayList<>();
    for (DataVariant variant : dataVariants(older, newer == null ? EMPTY : newer)) {
      if (variants.stream().noneMatch(v -> Arrays.equals(v.data(), variant.data()))) {
        variants.add(variant);
      }
    }
    for (DataVariant variant : variants) {
      contents.put(inode, variant.data());
      visitData(
          names,
          varied,
          index + 1,
          contents,
          durable,
          description + ", " + names.pathOf(inode) + " holds " + variant.what(),
          visitor);
    }
    contents.put(inode, newer == null ? EMPTY : newer);
  }

  /** What an unflushed file may hold after a power cut, and those bytes. */
  @SuppressWarnings("ArrayRecordComponent") // compared by content where it matters, never changed
  private record DataVariant(String what, byte[] data) {}

  /** Durable content, new content, half the new part, zeros where the new part goes. */
  private static List<DataVariant> dataVariants(byte[] older, byte[] newer) {
    boolean appended =
        newer.length >= older.length && Arrays.equals(older, Arrays.copyOf(newer, older.length));
    int keep = appended ? older.length : 0;
    int added = newer.length - keep;
    String fresh =
        keep == 0 ? "its " + added + " new bytes" : "the " + added + " bytes it appended";
    byte[] half = Arrays.copyOf(newer, keep + added / 2);
    byte[] zeros = Arrays.copyOf(newer, newer.length);
    Arrays.fill(zeros, keep, zeros.length, (byte) 0);
    return List.of(
        new DataVariant("its last flushed content (" + older.length + " bytes)", older),
        new DataVariant("its new content (" + newer.length + " bytes)", newer),
        new DataVariant("the first " + added / 2 + " of " + fresh, half),
        new DataVariant("zeros in place of " + fresh, zeros));
  }

  private static byte[] written(byte[] content, FsOp.Write write) {
    int end = (int) write.offset() + write.data().length;
    byte[] result = Arrays.copyOf(content, Math.max(content.length, end));
    System.arraycopy(write.data(), 0, result, (int) write.offset(), write.data().length);
    return result;
  }
}
