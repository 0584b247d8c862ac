package dev.burrow.runtime.internal.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.test.internal.crash.CrashStates;
import dev.burrow.test.internal.crash.CrashWalk;
import dev.burrow.test.internal.crash.Recording;
import dev.burrow.test.internal.crash.recording.FsOp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker lease's high-water mark under power cuts, simulated with the crash tester: a mark that
 * {@code recordHighWater} acknowledged must be seen by whoever claims the worker number after any
 * crash state, or the clock-backwards guard is off right after a reboot and IDs can repeat.
 */
class LeaseMarkCrashTest {
  private static final long[] MARKS = {1_800_000_000_000L, 1_800_000_001_000L};

  @TempDir Path work;

  @Test
  void aPowerCutNeverLosesAnAcknowledgedHighWaterMark() throws IOException {
    Recording recording = Recording.in(work);
    recording.end(0);
    try (WorkerLease lease = FileWorkerRegistry.forDataRoot(recording.dataRoot()).acquire(1)) {
      for (int i = 0; i < MARKS.length; i++) {
        recording.begin(i + 1);
        lease.recordHighWater(MARKS[i]);
        recording.end(i + 1);
      }
    }
    List<FsOp> ops = recording.ops();
    CrashStates states = recording.states(10, 2);
    List<String> violations = new ArrayList<>();
    CrashWalk.Summary summary =
        CrashWalk.walk(
            states,
            ops,
            -1,
            (position, state) -> {
              long floor =
                  position.acknowledged() <= 0
                      ? Long.MIN_VALUE
                      : MARKS[position.acknowledged() - 1];
              long seen = recoveredMark(state, recording);
              if (seen < floor) {
                violations.add(
                    state.description()
                        + ": the next holder sees "
                        + seen
                        + ", acknowledged "
                        + floor);
              }
            });

    System.out.printf(
        "lease mark crash states: %d file-system operations, %d states enumerated, bound reached"
            + " at %d points, %d violations%n",
        ops.size(), summary.statesEnumerated(), summary.boundedPoints(), violations.size());
    assertTrue(summary.statesEnumerated() > ops.size(), "states enumerated: " + summary);
    assertEquals(0, summary.boundedPoints(), "the enumeration was complete");
    assertEquals(
        0,
        violations.size(),
        violations.size()
            + " violations; first: "
            + violations.subList(0, Math.min(2, violations.size())));
  }

  /** The mark the next holder of worker 0 starts from on the recovered state. */
  private static long recoveredMark(CrashStates.CrashState state, Recording recording) {
    try {
      Path root = recording.materialize(state);
      try (WorkerLease next = FileWorkerRegistry.forDataRoot(root).acquire(1)) {
        return next.highWaterMillis();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
