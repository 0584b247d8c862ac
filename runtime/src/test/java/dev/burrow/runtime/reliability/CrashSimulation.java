package dev.burrow.runtime.reliability;

import dev.burrow.BurrowException;
import dev.burrow.runtime.backend.Listing;
import dev.burrow.runtime.fs.Durability;
import dev.burrow.runtime.reliability.recording.FsOp;
import dev.burrow.runtime.reliability.recording.RecordingFileSystem;
import dev.burrow.runtime.store.InstanceStore;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.Stores;
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
 * Runs a workload of store operations on a {@link RecordingFileSystem}, then materialises
 * every state {@link CrashStates} enumerates, opens a store on it (which sweeps crash
 * leftovers) and checks that what it recovers is the state after the last acknowledged step
 * or after the step in flight, whole, with nothing left over.
 */
final class CrashSimulation {
  private static final int MAX_PENDING_NAMES = 10;
  private static final int MAX_TORN_FILES = 2;

  /** One step of the workload, on the store (durability FSYNC) and its data root. */
  interface Step {
    void run(InstanceStore<Counter> store, Path dataRoot) throws IOException;
  }

  /** A state that recovery got wrong. */
  record Violation(String state, String problem) {}

  /** What was enumerated and what went wrong. */
  record Report(int operations, int crashPoints, long statesEnumerated, int distinctStates,
      int boundedPoints, List<Violation> violations) {
    @Override
    public String toString() {
      return operations + " file-system operations recorded, " + crashPoints + " crash points, "
          + statesEnumerated + " crash states enumerated (" + distinctStates + " distinct),"
          + " bound reached at " + boundedPoints + " points, " + violations.size() + " violations"
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

  /** What a store opened on a crash state recovered, or what was wrong with it. */
  private record Outcome(Map<String, Counter> instances, @Nullable String problem) {}

  private CrashSimulation() {}

  /** Records {@code steps} in {@code workDir}, then checks every crash state. */
  static Report run(Path workDir, List<Step> steps) throws IOException {
    Path base = Files.createDirectories(workDir.resolve("recorded"));
    // The lock file holds no data; a missing one is recreated at open.
    RecordingFileSystem fs = RecordingFileSystem.over(base,
        path -> path.endsWith(Path.of(".burrow", "locks", "instances.lock")));
    Path dataRoot = fs.wrap(base.toRealPath()).resolve("data");
    List<Map<String, Counter>> after = new ArrayList<>();
    after.add(Map.of());
    fs.log().mark("begin 0");
    try (InstanceStore<Counter> store = Stores.counters(dataRoot, Durability.FSYNC)) {
      fs.log().mark("end 0");
      after.add(instances(store));
      for (int i = 0; i < steps.size(); i++) {
        fs.log().mark("begin " + (i + 1));
        steps.get(i).run(store, dataRoot);
        fs.log().mark("end " + (i + 1));
        after.add(instances(store));
      }
    }
    return check(fs.log().ops(), after, workDir.resolve("crash"));
  }

  private static Report check(List<FsOp> ops, List<Map<String, Counter>> after, Path target) {
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
      List<Map<String, Counter>> allowed = inFlight < 0
          ? List.of(after.get(acknowledged + 1))
          : List.of(after.get(acknowledged + 1), after.get(inFlight + 1));
      List<Map<String, Counter>> acknowledgedBefore = after.subList(0, acknowledged + 1);
      states.forEach(point, state -> {
        enumerated[0]++;
        Outcome outcome = outcomes.computeIfAbsent(state.fingerprint(), f -> recover(state, target));
        if (outcome.problem() != null) {
          violations.add(new Violation(state.description(), outcome.problem()));
        } else if (!allowed.contains(outcome.instances())) {
          violations.add(new Violation(state.description(), "recovered " + outcome.instances()
              + " but only " + allowed + " are allowed"
              + (acknowledgedBefore.contains(outcome.instances())
                  ? " (an acknowledged write was lost)" : "")));
        }
      });
    }
    return new Report(ops.size(), crashPoints, enumerated[0], outcomes.size(),
        states.boundedPoints(), violations);
  }

  private static Outcome recover(CrashStates.CrashState state, Path target) {
    try {
      wipe(target);
      state.materialize(target);
      Path root = target.resolve("data");
      Map<String, Counter> instances;
      try (InstanceStore<Counter> store = Stores.counters(root, Durability.NONE)) {
        Listing<Counter> listing = store.scan();
        if (!listing.problems().isEmpty()) {
          return new Outcome(Map.of(), "corrupt after recovery: " + listing.problems());
        }
        instances = instances(store);
      }
      RootChecks.completeInstanceDirectories(root, "recovered");
      RootChecks.assertNoLeftovers(root, "recovered");
      return new Outcome(instances, null);
    } catch (BurrowException | AssertionError e) {
      return new Outcome(Map.of(), e.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Counter> instances(InstanceStore<Counter> store) {
    Map<String, Counter> instances = new TreeMap<>();
    store.list().forEach(c -> instances.put(c.id(), c));
    return instances;
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
