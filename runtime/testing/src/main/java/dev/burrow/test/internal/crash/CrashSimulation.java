package dev.burrow.test.internal.crash;

import dev.burrow.BurrowException;
import dev.burrow.Durability;
import dev.burrow.test.internal.crash.recording.FsOp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The crash-state simulation: runs a workload of store operations on a {@link RecordingFileSystem},
 * then materialises every state a power cut could leave ({@link CrashStates} states the model),
 * opens a store on each (which sweeps crash leftovers) and checks that what it recovers is the
 * state after the last acknowledged step or after the step in flight, whole, with nothing left
 * over.
 *
 * <p>The store under test is described by a {@link Subject}: how to open it, what a reader sees,
 * and which checks below the API a recovered root must pass. Nothing here knows a schema, so the
 * same simulation runs on any generated store.
 *
 * @param <S> the store type
 * @param <V> what a reader sees of a store (a snapshot), compared with {@code equals}
 */
// "try": S is a generated store, whose close() throws nothing; AutoCloseable, whose close() may
// throw InterruptedException, is only the narrowest type every store has.
@SuppressWarnings("try")
public final class CrashSimulation<S extends AutoCloseable, V> {
  private static final int MAX_PENDING_NAMES = 10;
  private static final int MAX_TORN_FILES = 2;

  /**
   * The store under test.
   *
   * @param <S> the store type
   * @param <V> what a reader sees
   */
  public interface Subject<S, V> {
    /** Opens a store on {@code dataRoot} (which may be on the recording file system). */
    S open(Path dataRoot, Durability durability);

    /**
     * What a reader sees of {@code store}; throws an {@link AssertionError} or a {@link
     * BurrowException} if anything is damaged.
     */
    V snapshot(S store) throws IOException;

    /**
     * Checks a recovered root below the API, after a store was opened and closed on it; throws an
     * {@link AssertionError} if it is wrong (a half-made instance, a leftover temporary file).
     */
    void checkRoot(Path dataRoot) throws IOException;
  }

  /** One step of the workload, on the store and its data root. */
  public interface Step<S> {
    void run(S store, Path dataRoot) throws IOException;
  }

  /** A state that recovery got wrong. */
  public record Violation(String state, String problem) {}

  /** What was enumerated and what went wrong. */
  public record Report(
      int operations,
      int crashPoints,
      long statesEnumerated,
      int distinctStates,
      int boundedPoints,
      List<Violation> violations) {
    @Override
    public String toString() {
      return operations
          + " file-system operations recorded, "
          + crashPoints
          + " crash points, "
          + statesEnumerated
          + " crash states enumerated ("
          + distinctStates
          + " distinct),"
          + " bound reached at "
          + boundedPoints
          + " points, "
          + violations.size()
          + " violations"
          + (violations.isEmpty() ? "" : " " + kinds() + "; first: " + violations.get(0));
    }

    /** How many violations of each kind (the problem without paths and numbers). */
    public Map<String, Long> kinds() {
      Map<String, Long> kinds = new TreeMap<>();
      for (Violation v : violations) {
        String problem = v.problem().replaceAll("/[^ \\]>,]*", "<path>").replaceAll("\\d+", "N");
        kinds.merge(problem.substring(0, Math.min(120, problem.length())), 1L, Long::sum);
      }
      return kinds;
    }
  }

  /** What a store opened on a crash state recovered, or what was wrong with it. */
  private record Outcome<V>(@Nullable V snapshot, @Nullable String problem) {}

  private final Subject<S, V> subject;

  private CrashSimulation(Subject<S, V> subject) {
    this.subject = subject;
  }

  /**
   * Records {@code steps} in {@code workDir} on a store opened at {@code durability}, then checks
   * every crash state of the recording.
   */
  public static <S extends AutoCloseable, V> Report run(
      Subject<S, V> subject, Path workDir, Durability durability, List<Step<S>> steps)
      throws Exception {
    return new CrashSimulation<>(subject).run(workDir, durability, steps);
  }

  private Report run(Path workDir, Durability durability, List<Step<S>> steps) throws Exception {
    Recording recording = Recording.in(workDir);
    Path dataRoot = recording.dataRoot();
    List<V> after = new ArrayList<>();
    recording.begin(0);
    try (S store = subject.open(dataRoot, durability)) {
      recording.end(0);
      after.add(subject.snapshot(store));
      for (int i = 0; i < steps.size(); i++) {
        recording.begin(i + 1);
        steps.get(i).run(store, dataRoot);
        recording.end(i + 1);
        after.add(subject.snapshot(store));
      }
    }
    return check(recording, after);
  }

  /**
   * Checks every crash state. {@code after.get(k)} is what a reader saw after step {@code k} (step
   * 0 opened the store); before it, the root did not exist, which recovers as an empty store, the
   * same as {@code after.get(0)}.
   */
  private Report check(Recording recording, List<V> after) {
    List<FsOp> ops = recording.ops();
    CrashStates states = recording.states(MAX_PENDING_NAMES, MAX_TORN_FILES);
    Map<String, Outcome<V>> outcomes = new HashMap<>();
    List<Violation> violations = new ArrayList<>();
    CrashWalk.Summary summary =
        CrashWalk.walk(
            states,
            ops,
            0,
            (position, state) -> {
              V acknowledged = after.get(position.acknowledged());
              List<V> allowed =
                  position.midStep()
                      ? List.of(acknowledged, after.get(position.inFlight()))
                      : List.of(acknowledged);
              Outcome<V> outcome =
                  outcomes.computeIfAbsent(state.fingerprint(), f -> recover(state, recording));
              V recovered = outcome.snapshot();
              if (recovered == null) {
                violations.add(
                    new Violation(state.description(), String.valueOf(outcome.problem())));
              } else if (!allowed.contains(recovered)) {
                violations.add(
                    new Violation(
                        state.description(),
                        "recovered "
                            + recovered
                            + " but only "
                            + allowed
                            + " are allowed"
                            + (after.subList(0, position.acknowledged()).contains(recovered)
                                ? " (an acknowledged write was lost)"
                                : "")));
              }
            });
    return new Report(
        ops.size(),
        summary.crashPoints(),
        summary.statesEnumerated(),
        outcomes.size(),
        summary.boundedPoints(),
        violations);
  }

  private Outcome<V> recover(CrashStates.CrashState state, Recording recording) {
    try {
      Path root = recording.materialize(state);
      V snapshot;
      try (S store = subject.open(root, Durability.NONE)) {
        snapshot = subject.snapshot(store);
      }
      subject.checkRoot(root);
      return new Outcome<>(snapshot, null);
    } catch (BurrowException | AssertionError e) {
      return new Outcome<>(null, e.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("closing the store failed", e);
    }
  }
}
