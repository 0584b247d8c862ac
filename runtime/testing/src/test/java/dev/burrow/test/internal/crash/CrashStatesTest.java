package dev.burrow.test.internal.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.test.internal.crash.CrashStates.CrashState;
import dev.burrow.test.internal.crash.recording.FsOp;
import dev.burrow.test.internal.crash.recording.Namespace;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

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
