package dev.burrow.test.internal.crash;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.test.internal.crash.CrashStates.CrashState;
import dev.burrow.test.internal.crash.recording.FsOp;
import dev.burrow.test.internal.crash.recording.Namespace;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CrashStatesTest {
  private static final int MAX_PENDING = 10;

  @Test
  void aChainOfNewDirectoriesCountsOnceAndEveryTreeItCanLeaveIsVisited() {
    List<FsOp> ops = new ArrayList<>();
    ops.add(new FsOp.Link(Namespace.ROOT, "value", 1, true));
    ops.add(new FsOp.Link(1, "top", 2, true));
    ops.add(new FsOp.Link(2, "leaf", 3, true));
    ops.add(new FsOp.Link(3, "entry", 4, false));
    for (int i = 0; i < MAX_PENDING - 3; i++) {
      ops.add(new FsOp.Link(Namespace.ROOT, "file-" + i, 10 + i, false));
    }
    Visits visits = visit(ops);

    assertEquals(0, visits.bounded, "a bound was reached: " + visits);
    // the chain leaves nothing, value, value/top, value/top/leaf or all four; each file is
    // kept or lost on its own
    assertEquals(5 * (1 << (MAX_PENDING - 3)), visits.distinct.size(), visits.toString());
    assertEquals(visits.distinct.size(), visits.states, "each choice leaves its own tree");
  }

  @Test
  void aNameMovedOutOfANewDirectoryVariesOnItsOwn() {
    List<FsOp> ops =
        List.of(
            new FsOp.Link(Namespace.ROOT, "staging", 1, true),
            new FsOp.Link(1, "document", 2, false),
            new FsOp.Rename(1, "document", Namespace.ROOT, "placed", 2));
    Visits visits = visit(ops);

    assertEquals(0, visits.bounded);
    assertEquals(8, visits.states, "the rename keeps the file reachable with the mkdir lost");
  }

  @Test
  void moreNamesOnTheirOwnThanTheBoundAreReported() {
    List<FsOp> ops = new ArrayList<>();
    for (int i = 0; i <= MAX_PENDING; i++) {
      ops.add(new FsOp.Link(Namespace.ROOT, "file-" + i, 10 + i, false));
    }
    Visits visits = visit(ops);

    assertEquals(1, visits.bounded);
    assertEquals(1 << MAX_PENDING, visits.states);
  }

  /**
   * A file rewritten in place with content of the same length, unflushed, can hold its old content,
   * its new content, half of it or zeros: each state says which, so a failing state's description
   * tells them apart.
   */
  @Test
  void eachVariantOfAnUnflushedFileIsDescribedAsWhatItHolds() {
    List<FsOp> ops =
        List.of(
            new FsOp.Link(Namespace.ROOT, "report", 1, false),
            new FsOp.Write(1, 0, "old!".getBytes(UTF_8)),
            new FsOp.Sync(1),
            new FsOp.Sync(Namespace.ROOT),
            new FsOp.Write(1, 0, "new!".getBytes(UTF_8)));
    List<String> labels = ops.stream().map(FsOp::toString).toList();
    Map<String, String> described = new TreeMap<>();
    new CrashStates(ops, labels, MAX_PENDING, 2)
        .forEach(
            ops.size(),
            (CrashState state) ->
                described.put(
                    new String(state.contents().get(1), UTF_8).replace('\0', '0'),
                    state.description().substring(state.description().indexOf("report holds"))));

    assertEquals(
        Map.of(
            "old!", "report holds its last flushed content (4 bytes)",
            "new!", "report holds its new content (4 bytes)",
            "ne", "report holds the first 2 of its 4 new bytes",
            "0000", "report holds zeros in place of its 4 new bytes"),
        described);
  }

  /**
   * Writing a state over the last one, after a recovery changed that one (added files and
   * directories, rewrote a file with content of the same length, linked a second name to a file,
   * put a file where a directory was), leaves exactly the tree a fresh write of the state leaves.
   */
  @Test
  void aStateWrittenOverARecoveredOneIsTheTreeAFreshWriteLeaves(@TempDir Path work)
      throws IOException {
    CrashState first =
        state(
            new FsOp.Link(Namespace.ROOT, "data", 1, true),
            new FsOp.Link(1, "kept", 2, false),
            new FsOp.Link(1, "rewritten", 3, false),
            new FsOp.Link(1, "gone", 4, true),
            new FsOp.Link(4, "inside", 5, false),
            new FsOp.Link(1, "linked", 6, false),
            new FsOp.Link(1, "becomes-a-file", 7, true));
    CrashState second =
        state(
            new FsOp.Link(Namespace.ROOT, "data", 1, true),
            new FsOp.Link(1, "kept", 2, false),
            new FsOp.Link(1, "rewritten", 3, false),
            new FsOp.Link(1, "linked", 6, false),
            new FsOp.Link(1, "becomes-a-file", 7, false),
            new FsOp.Link(1, "new", 8, true),
            new FsOp.Link(8, "file", 9, false));
    Path over = work.resolve("over");
    first.materialize(over);
    Path data = over.resolve("data");
    Files.writeString(data.resolve("rewritten"), "XXXX");
    Files.createLink(data.resolve("second-name"), data.resolve("linked"));
    Files.createDirectories(data.resolve("made/by/recovery"));
    Files.writeString(data.resolve("made/by/recovery/file"), "left over");
    Files.writeString(data.resolve("becomes-a-file/left"), "left over");

    second.materialize(over);
    Path fresh = work.resolve("fresh");
    second.materialize(fresh);

    assertEquals(tree(fresh), tree(over));
    assertEquals(
        1, Files.getAttribute(data.resolve("linked"), "unix:nlink"), "a name of its own again");
  }

  /** A state whose files hold their own inode number as content, four bytes each. */
  private static CrashState state(FsOp.Link... links) {
    Namespace names = new Namespace();
    Map<Integer, byte[]> contents = new HashMap<>();
    for (FsOp.Link link : links) {
      names.apply(link);
      if (!link.directory()) {
        contents.put(link.inode(), String.format("%04d", link.inode()).getBytes(UTF_8));
      }
    }
    return new CrashState("test", names, contents);
  }

  /** Every entry below {@code top}: a directory as {@code dir}, a file with its content. */
  private static Map<String, String> tree(Path top) throws IOException {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> all = Files.walk(top)) {
      for (Path path : all.toList()) {
        entries.put(
            top.relativize(path).toString(),
            Files.isDirectory(path) ? "dir" : Files.readString(path));
      }
    }
    return entries;
  }

  private static Visits visit(List<FsOp> ops) {
    List<String> labels = ops.stream().map(FsOp::toString).toList();
    CrashStates states = new CrashStates(ops, labels, MAX_PENDING, 2);
    Set<String> distinct = new HashSet<>();
    int[] count = {0};
    states.forEach(
        ops.size(),
        (CrashState state) -> {
          count[0]++;
          distinct.add(state.fingerprint());
        });
    return new Visits(count[0], distinct, states.boundedPoints());
  }

  private record Visits(int states, Set<String> distinct, int bounded) {}
}
