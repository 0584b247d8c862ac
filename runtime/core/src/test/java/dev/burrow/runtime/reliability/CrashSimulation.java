package dev.burrow.runtime.reliability;

import dev.burrow.BurrowException;
import dev.burrow.CorruptEventException;
import dev.burrow.Durability;
import dev.burrow.EventBatch;
import dev.burrow.Listing;
import dev.burrow.runtime.internal.events.FileEventLog;
import dev.burrow.runtime.reliability.recording.FsOp;
import dev.burrow.runtime.reliability.recording.RecordingFileSystem;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.spi.InstanceSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Runs a workload of store operations and event appends on a {@link RecordingFileSystem}, then
 * materialises every state {@link CrashStates} enumerates, opens a store on it (which sweeps crash
 * leftovers) and checks that what it recovers is the state after the last acknowledged step or
 * after the step in flight, whole, with nothing left over.
 */
final class CrashSimulation {
  private static final int MAX_PENDING_NAMES = 10;
  private static final int MAX_TORN_FILES = 2;

  /** One step of the workload, on the store (durability FSYNC) and its data root. */
  interface Step {
    void run(CounterStore store, Path dataRoot) throws IOException;
  }

  /** A state that recovery got wrong. */
  record Violation(String state, String problem) {}

  /** What was enumerated and what went wrong. */
  record Report(
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
    Map<String, Long> kinds() {
      Map<String, Long> kinds = new TreeMap<>();
      for (Violation v : violations) {
        String problem = v.problem().replaceAll("/[^ \\]>,]*", "<path>").replaceAll("\\d+", "N");
        kinds.merge(problem.substring(0, Math.min(120, problem.length())), 1L, Long::sum);
      }
      return kinds;
    }
  }

  /** The instances and their events, as a reader sees them. */
  record Snapshot(Map<String, Counter> instances, Map<String, List<Tick>> events) {}

  /** What a store opened on a crash state recovered, or what was wrong with it. */
  private record Outcome(@Nullable Snapshot snapshot, @Nullable String problem) {}

  private CrashSimulation() {}

  /** Records {@code steps} in {@code workDir}, then checks every crash state. */
  static Report run(Path workDir, List<Step> steps) throws IOException {
    return run(workDir, CounterSchema.INSTANCE, steps);
  }

  /**
   * Like {@link #run(Path, List)} with the counters of {@code schema}; where it indexes components,
   * every crash state is also checked for index entries missing before recovery ({@link
   * IndexInvariants}).
   */
  static Report run(Path workDir, InstanceSchema<Counter> schema, List<Step> steps)
      throws IOException {
    Path base = Files.createDirectories(workDir.resolve("recorded"));
    // The lock file holds no data; a missing one is recreated at open.
    RecordingFileSystem fs =
        RecordingFileSystem.over(
            base, path -> path.endsWith(Path.of(".burrow", "locks", "instances.lock")));
    Path dataRoot = fs.wrap(base.toRealPath()).resolve("data");
    List<Snapshot> after = new ArrayList<>();
    after.add(new Snapshot(Map.of(), Map.of()));
    fs.log().mark("begin 0");
    try (CounterStore store = Stores.counters(dataRoot, Durability.FSYNC, schema)) {
      fs.log().mark("end 0");
      after.add(snapshot(store));
      for (int i = 0; i < steps.size(); i++) {
        fs.log().mark("begin " + (i + 1));
        steps.get(i).run(store, dataRoot);
        fs.log().mark("end " + (i + 1));
        after.add(snapshot(store));
      }
    }
    return check(fs.log().ops(), after, workDir.resolve("crash"), schema);
  }

  private static Report check(
      List<FsOp> ops, List<Snapshot> after, Path target, InstanceSchema<Counter> schema) {
    CrashStates states = new CrashStates(ops, MAX_PENDING_NAMES, MAX_TORN_FILES);
    Map<String, Outcome> outcomes = new HashMap<>();
    List<Violation> violations = new ArrayList<>();
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
      crashPoints++;
      List<Snapshot> allowed =
          inFlight < 0
              ? List.of(after.get(acknowledged + 1))
              : List.of(after.get(acknowledged + 1), after.get(inFlight + 1));
      List<Snapshot> acknowledgedBefore = after.subList(0, acknowledged + 1);
      states.forEach(
          point,
          state -> {
            enumerated[0]++;
            Outcome outcome =
                outcomes.computeIfAbsent(state.fingerprint(), f -> recover(state, target, schema));
            if (outcome.problem() != null) {
              violations.add(new Violation(state.description(), outcome.problem()));
            } else if (!allowed.contains(outcome.snapshot())) {
              violations.add(
                  new Violation(
                      state.description(),
                      "recovered "
                          + outcome.snapshot()
                          + " but only "
                          + allowed
                          + " are allowed"
                          + (acknowledgedBefore.contains(outcome.snapshot())
                              ? " (an acknowledged write was lost)"
                              : "")));
            }
          });
    }
    return new Report(
        ops.size(),
        crashPoints,
        enumerated[0],
        outcomes.size(),
        states.boundedPoints(),
        violations);
  }

  private static Outcome recover(
      CrashStates.CrashState state, Path target, InstanceSchema<Counter> schema) {
    try {
      wipe(target);
      state.materialize(target);
      Path root = target.resolve("data");
      IndexInvariants.assertNoMissingEntries(root, schema);
      Snapshot snapshot;
      try (CounterStore store = Stores.counters(root, Durability.NONE, schema)) {
        Listing<Counter> listing = store.scan();
        if (!listing.problems().isEmpty()) {
          return new Outcome(null, "corrupt after recovery: " + listing.problems());
        }
        snapshot = snapshot(store);
      }
      RootChecks.completeInstanceDirectories(root, "recovered");
      RootChecks.assertNoLeftovers(root, "recovered");
      return new Outcome(snapshot, null);
    } catch (BurrowException | AssertionError e) {
      return new Outcome(null, e.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What a reader sees. Event logs are read only where the file exists, so that reading creates no
   * directory; a torn last line is skipped (contract line 12), any other damage fails.
   */
  private static Snapshot snapshot(CounterStore store) {
    Map<String, Counter> instances = new TreeMap<>();
    Map<String, List<Tick>> events = new TreeMap<>();
    for (Counter counter : store.list()) {
      instances.put(counter.id(), counter);
      if (Files.exists(store.dirs(counter.id()).root().resolve(FileEventLog.RELATIVE_PATH))) {
        EventBatch<Tick> batch = store.events(counter.id(), Tick.class).read(0);
        if (!batch.problems().stream().allMatch(CorruptEventException::tornTail)) {
          throw new AssertionError("damaged event log: " + batch.problems());
        }
        if (!batch.values().isEmpty()) {
          events.put(counter.id(), batch.values());
        }
      }
    }
    return new Snapshot(instances, events);
  }

  private static void wipe(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
