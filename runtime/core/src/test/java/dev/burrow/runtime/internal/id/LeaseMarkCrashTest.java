package dev.burrow.runtime.internal.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.runtime.testing.crash.CrashStates;
import dev.burrow.runtime.testing.crash.recording.FsOp;
import dev.burrow.runtime.testing.crash.recording.RecordingFileSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
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
    Path base = Files.createDirectories(work.resolve("recorded"));
    RecordingFileSystem fs = RecordingFileSystem.over(base, path -> false);
    Path root = fs.wrap(base.toRealPath()).resolve("data");
    fs.log().mark("end 0");
    try (WorkerLease lease = FileWorkerRegistry.forDataRoot(root).acquire(1)) {
      for (int i = 0; i < MARKS.length; i++) {
        fs.log().mark("begin " + (i + 1));
        lease.recordHighWater(MARKS[i]);
        fs.log().mark("end " + (i + 1));
      }
    }
    List<FsOp> ops = fs.log().ops();
    CrashStates states = new CrashStates(ops, 10, 2);
    Path target = work.resolve("crash");
    List<String> violations = new ArrayList<>();
    long acknowledged = Long.MIN_VALUE;
    long[] enumerated = {0};
    for (int point = 0; point <= ops.size(); point++) {
      if (point > 0 && ops.get(point - 1) instanceof FsOp.Mark mark) {
        String[] parts = mark.label().split(" ");
        int step = Integer.parseInt(parts[1]);
        if (parts[0].equals("begin")) {
          continue;
        }
        if (step > 0) {
          acknowledged = MARKS[step - 1];
        }
      }
      long floor = acknowledged;
      states.forEach(
          point,
          state -> {
            enumerated[0]++;
            long seen = recoveredMark(state, target);
            if (seen < floor) {
              violations.add(
                  state.description()
                      + ": the next holder sees "
                      + seen
                      + ", acknowledged "
                      + floor);
            }
          });
    }

    System.out.printf(
        "lease mark crash states: %d file-system operations, %d states enumerated, bound reached"
            + " at %d points, %d violations%n",
        ops.size(), enumerated[0], states.boundedPoints(), violations.size());
    assertTrue(enumerated[0] > ops.size(), "states enumerated: " + enumerated[0]);
    assertEquals(0, states.boundedPoints(), "the enumeration was complete");
    assertEquals(
        0,
        violations.size(),
        violations.size()
            + " violations; first: "
            + violations.subList(0, Math.min(2, violations.size())));
  }

  /** The mark the next holder of worker 0 starts from on the recovered state. */
  private static long recoveredMark(CrashStates.CrashState state, Path target) {
    try {
      state.materializeFresh(target);
      try (WorkerLease next = FileWorkerRegistry.forDataRoot(target.resolve("data")).acquire(1)) {
        return next.highWaterMillis();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
