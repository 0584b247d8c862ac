package dev.burrow.test.internal.crash;

import dev.burrow.test.internal.crash.recording.FsOp;
import java.util.List;

/**
 * Visits every crash point of a workload recorded in steps ({@link Recording}) and every state a
 * power cut there could leave ({@link CrashStates}), telling for each where the workload was: which
 * step had returned last, and which one was running.
 */
public final class CrashWalk {
  private CrashWalk() {}

  /**
   * Where a power cut fell.
   *
   * @param point how many operations had been done
   * @param acknowledged the last step that had returned (-1 before any returned)
   * @param inFlight the step that was running, or -1 between steps
   */
  public record Position(int point, int acknowledged, int inFlight) {
    /** Whether a step was running. */
    public boolean midStep() {
      return inFlight >= 0;
    }
  }

  /** What {@link #walk} visited. */
  public record Summary(int crashPoints, long statesEnumerated, int boundedPoints) {}

  /** Called for every state at every visited crash point. */
  public interface Visitor {
    void visit(Position position, CrashStates.CrashState state);
  }

  /**
   * Visits the states of every crash point once step {@code firstAcknowledged} had returned (-1 for
   * every point, from before the first operation on).
   */
  public static Summary walk(
      CrashStates states, List<FsOp> ops, int firstAcknowledged, Visitor visitor) {
    long[] enumerated = {0};
    int crashPoints = 0;
    int acknowledged = -1;
    int inFlight = -1;
    for (int point = 0; point <= ops.size(); point++) {
      if (point > 0 && ops.get(point - 1) instanceof FsOp.Mark mark) {
        String[] parts = mark.label().split(" ");
        int step = Integer.parseInt(parts[1]);
        if (parts[0].equals("begin")) {
          inFlight = step;
          continue;
        }
        acknowledged = step;
        inFlight = -1;
      }
      if (acknowledged < firstAcknowledged) {
        continue;
      }
      crashPoints++;
      Position position = new Position(point, acknowledged, inFlight);
      states.forEach(
          point,
          state -> {
            enumerated[0]++;
            visitor.visit(position, state);
          });
    }
    return new Summary(crashPoints, enumerated[0], states.boundedPoints());
  }
}
