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
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * The crash-state simulation: runs a workload of store operations on a {@link RecordingFileSystem},
 * then materialises every state a power cut could leave ({@link CrashStates} states the model),
 * opens a store on each (which sweeps crash leftovers) and checks that what it recovers is the
 * state after the last acknowledged step or after the step in flight, whole, with nothing left
 * over. The workload starts on an empty root, or on one a {@link Seed} wrote (a root an earlier
 * version left, which the store's open upgrades).
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
    /**
     * Opens a store on {@code dataRoot} (which may be on the recording file system). Recovered
     * states are opened, read and checked on several threads at once, each on a root of its own.
     */
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

  /**
   * What an earlier version of Burrow (or another program) left in a data root before a store first
   * opens it. It is written through the recording file system and flushed whole before the first
   * crash point: only what the store then does to it is tested.
   *
   * @param <V> what a reader sees
   */
  public interface Seed<V> {
    /** Writes the root's content below {@code dataRoot}; returns what a reader must see of it. */
    V write(Path dataRoot) throws IOException;
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
    return new CrashSimulation<>(subject).run(workDir, durability, null, steps);
  }

  /**
   * Like {@link #run}, on a data root that holds what {@code seed} writes before the store opens
   * it. The crash points start once the seed is durable; opening the store must change nothing a
   * reader sees of it.
   *
   * @throws AssertionError if the store opened on the seed does not show what the seed returned
   */
  public static <S extends AutoCloseable, V> Report runOnSeed(
      Subject<S, V> subject, Path workDir, Durability durability, Seed<V> seed, List<Step<S>> steps)
      throws Exception {
    return new CrashSimulation<>(subject).run(workDir, durability, seed, steps);
  }

  /**
   * Records the seed (step 0, if there is one), the store's open and {@code steps}, each a step of
   * its own, with what a reader saw after each.
   */
  private Report run(
      Path workDir, Durability durability, @Nullable Seed<V> seed, List<Step<S>> steps)
      throws Exception {
    Path scratch = ScratchDirectory.inMemory(workDir);
    Report report;
    try {
      report = run(Recording.in(workDir, scratch), durability, seed, steps);
    } catch (Throwable failure) {
      ScratchDirectory.removeAfter(failure, scratch, workDir);
      throw failure;
    }
    ScratchDirectory.remove(scratch, workDir);
    return report;
  }

  private Report run(
      Recording recording, Durability durability, @Nullable Seed<V> seed, List<Step<S>> steps)
      throws Exception {
    Path dataRoot = recording.dataRoot();
    List<V> after = new ArrayList<>();
    if (seed != null) {
      recording.begin(0);
      after.add(seed.write(dataRoot));
      recording.flushAll();
      recording.end(0);
    }
    int open = after.size();
    recording.begin(open);
    try (S store = subject.open(dataRoot, durability)) {
      recording.end(open);
      V opened = subject.snapshot(store);
      if (seed != null && !opened.equals(after.get(0))) {
        throw new AssertionError(
            "opening the seeded root changed what a reader sees: "
                + after.get(0)
                + " -> "
                + opened);
      }
      after.add(opened);
      for (int i = 0; i < steps.size(); i++) {
        recording.begin(open + 1 + i);
        steps.get(i).run(store, dataRoot);
        recording.end(open + 1 + i);
        after.add(subject.snapshot(store));
      }
    }
    return check(recording, after, seed == null ? -1 : 0);
  }

  /**
   * Checks every crash state once step {@code firstAcknowledged} had returned. {@code after.get(k)}
   * is what a reader saw after step {@code k}. Without a seed, step 0 opened the store; before it
   * returned (acknowledged -1), the root did not exist, which recovers as an empty store, the same
   * as {@code after.get(0)}. With a seed, step 0 wrote the seed, and crash points start once it was
   * durable.
   *
   * <p>Each distinct state is recovered once, on as many threads as there are processors, each in
   * its own crash directory; the states are then judged in the order they were enumerated, so the
   * report is the same whatever the number of threads.
   */
  private Report check(Recording recording, List<V> after, int firstAcknowledged)
      throws InterruptedException {
    List<FsOp> ops = recording.ops();
    CrashStates states = recording.states(MAX_PENDING_NAMES, MAX_TORN_FILES);
    Map<String, Future<Outcome<V>>> outcomes = new HashMap<>();
    List<Visit<V>> visits = new ArrayList<>();
    CrashWalk.Summary summary;
    try (Recoveries recoveries = new Recoveries(recording)) {
      summary =
          CrashWalk.walk(
              states,
              ops,
              firstAcknowledged,
              (position, state) -> {
                Future<Outcome<V>> outcome =
                    outcomes.computeIfAbsent(state.fingerprint(), f -> recoveries.submit(state));
                visits.add(new Visit<>(position, outcome, state.description()));
              });
      List<Violation> violations = new ArrayList<>();
      for (Visit<V> visit : visits) {
        judge(visit, await(visit.outcome()), after).ifPresent(violations::add);
      }
      return new Report(
          ops.size(),
          summary.crashPoints(),
          summary.statesEnumerated(),
          outcomes.size(),
          summary.boundedPoints(),
          violations);
    }
  }

  /** A crash state as the walk met it: where the power was cut, and what its tree recovers to. */
  private record Visit<V>(
      CrashWalk.Position position, Future<Outcome<V>> outcome, String description) {}

  /** What is wrong with {@code outcome}, recovered from the state of {@code visit}, if anything. */
  private Optional<Violation> judge(Visit<V> visit, Outcome<V> outcome, List<V> after) {
    CrashWalk.Position position = visit.position();
    int returned = Math.max(0, position.acknowledged());
    V acknowledged = after.get(returned);
    List<V> allowed =
        position.midStep()
            ? List.of(acknowledged, after.get(position.inFlight()))
            : List.of(acknowledged);
    V recovered = outcome.snapshot();
    if (recovered == null) {
      return Optional.of(new Violation(visit.description(), String.valueOf(outcome.problem())));
    }
    if (allowed.contains(recovered)) {
      return Optional.empty();
    }
    return Optional.of(
        new Violation(
            visit.description(),
            "recovered "
                + recovered
                + " but only "
                + allowed
                + " are allowed"
                + (after.subList(0, returned).contains(recovered)
                    ? " (an acknowledged write was lost)"
                    : "")));
  }

  /**
   * Recovers states on a pool of threads, each writing the states it recovers to a crash directory
   * of its own; at most two states per thread wait, so the walk never holds many states in memory.
   */
  private final class Recoveries implements AutoCloseable {
    private final Recording recording;
    private final int threads = Runtime.getRuntime().availableProcessors();
    private final ExecutorService pool = Executors.newFixedThreadPool(threads);
    private final Semaphore waiting = new Semaphore(2 * threads);
    private final AtomicInteger slots = new AtomicInteger();
    private final ThreadLocal<Integer> slot = ThreadLocal.withInitial(slots::getAndIncrement);

    Recoveries(Recording recording) {
      this.recording = recording;
    }

    Future<Outcome<V>> submit(CrashStates.CrashState state) {
      waiting.acquireUninterruptibly();
      return pool.submit(
          () -> {
            try {
              return recover(state, recording, slot.get());
            } finally {
              waiting.release();
            }
          });
    }

    /** Stops the recoveries, and waits for those running: they write in the scratch directory. */
    @Override
    public void close() throws InterruptedException {
      pool.shutdownNow();
      while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
        // a recovery that does not answer its interrupt keeps the simulation waiting, as at work
      }
    }
  }

  /** What {@code recovery} gave, rethrowing what it threw. */
  private static <T> T await(Future<T> recovery) throws InterruptedException {
    try {
      return recovery.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(cause);
    }
  }

  /**
   * Recovers {@code state}: what a store opened on it sees, or what was wrong with it. Any other
   * failure ends the simulation, naming the step of the recovery that threw it.
   */
  private Outcome<V> recover(CrashStates.CrashState state, Recording recording, int slot) {
    String step = "writing";
    try {
      Path root = recording.materialize(state, slot);
      V snapshot;
      step = "opening a store on";
      try (S store = subject.open(root, Durability.NONE)) {
        step = "reading the store of";
        snapshot = subject.snapshot(store);
        step = "closing the store of";
      }
      step = "checking the recovered root of";
      subject.checkRoot(root);
      return new Outcome<>(snapshot, null);
    } catch (BurrowException | AssertionError e) {
      return new Outcome<>(null, e.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(failed(step, state, e), e);
    } catch (Exception e) {
      // also a checked exception thrown without being declared: JDK 17's sun.nio.fs.UnixException
      throw new IllegalStateException(failed(step, state, e), e);
    }
  }

  private static String failed(String step, CrashStates.CrashState state, Exception e) {
    return step + " the crash state " + state.description() + " failed: " + e;
  }
}
