package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptEventException;
import dev.burrow.Durability;
import dev.burrow.EventBatch;
import dev.burrow.Listing;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.Leftovers;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Contract lines 1, 7, 8 and 12 under SIGKILL: a child JVM ({@link CrashLoopWorker}) creates,
 * updates, compare-and-sets, appends events and deletes with durability FSYNC and acknowledges each
 * operation after it returns; it is killed after a random number of acknowledgements, and the data
 * root is checked before the next child starts. {@code -Dburrow.crashLoop.kills=N} sets the number
 * of kills (50 by default, the CI variant); {@code -Dburrow.crashLoop.seed} replays a run.
 */
class CrashLoopTest {
  private static final int KILLS = Integer.getInteger("burrow.crashLoop.kills", 50);
  private static final int MAX_ACKS_BEFORE_KILL = 25;

  /** The exit code of a process killed by SIGKILL: 128 + 9. */
  private static final int SIGKILLED = 137;

  @TempDir Path root;

  @Test
  void killedAtRandomMomentsTheStoreNeverTearsLosesRewindsOrResurrects() throws IOException {
    assertTrue(KILLS > 0, "-Dburrow.crashLoop.kills must be positive, is " + KILLS);
    long seed = Long.getLong("burrow.crashLoop.seed", System.nanoTime());
    Random random = new Random(seed);
    Model model = new Model();
    Map<String, Integer> killedDuring = new TreeMap<>();
    long started = System.nanoTime();
    for (int kill = 1; kill <= KILLS; kill++) {
      String context = "kill " + kill + " of " + KILLS + " (-Dburrow.crashLoop.seed=" + seed + ")";
      try (ChildJvm child =
          ChildJvm.start(
              CrashLoopWorker.class,
              root.toString(),
              Long.toString(random.nextLong()),
              "k" + kill)) {
        child.awaitLine("ready");
        int acksBeforeKill = 1 + random.nextInt(MAX_ACKS_BEFORE_KILL);
        for (int seen = 0; seen < acksBeforeKill; ) {
          if (model.record(child.nextLine(), context)) {
            seen++;
          }
        }
        assertEquals(
            SIGKILLED, child.kill(), context + ": the child was still running when killed");
        for (String line : child.remainingLines()) {
          model.record(line, context);
        }
      }
      killedDuring.merge(model.inFlightOperation(), 1, Integer::sum);
      model.checkRecovered(root, context);
    }
    int duringAnOperation = KILLS - killedDuring.getOrDefault("nothing", 0);
    assertTrue(
        duringAnOperation > 0,
        "no kill landed while an operation was in flight, so nothing was tested under a crash: "
            + killedDuring
            + " (-Dburrow.crashLoop.seed="
            + seed
            + ")");
    System.out.printf(
        "crash loop: %d kills, %d acknowledged operations, kills landed during %s,"
            + " %d instances live, %d deleted, lost 0, %d s%n",
        KILLS,
        model.acknowledged,
        killedDuring,
        model.versions.size(),
        model.deleted.size(),
        (System.nanoTime() - started) / 1_000_000_000L);
  }

  /** The number of events in the log, failing unless they are 1, 2, ... with no damaged line. */
  private static long events(CounterStore store, String id, String context) {
    EventBatch<Tick> batch = store.events(id, Tick.class).read(0);
    assertTrue(
        batch.problems().stream().allMatch(CorruptEventException::tornTail),
        context + ": only a torn last line may be skipped: " + batch.problems());
    List<Tick> ticks = batch.values();
    for (int i = 0; i < ticks.size(); i++) {
      assertEquals(i + 1, ticks.get(i).n(), context + ": events of " + id + " " + ticks);
    }
    return ticks.size();
  }

  /** What the children acknowledged, and the one operation that may have been in flight. */
  private static final class Model {
    final Map<String, Long> versions = new HashMap<>();
    final Map<String, Long> events = new HashMap<>();
    final Set<String> deleted = new HashSet<>();
    long acknowledged;
    private @Nullable String inFlightOp;
    private @Nullable String inFlightId;

    /** Applies one line of the child's output; true if it was an acknowledgement. */
    boolean record(String line, String context) {
      String[] parts = line.split(" ");
      if (parts[0].equals("begin") && parts.length == 3) {
        inFlightOp = parts[1];
        inFlightId = parts[2];
        return false;
      }
      if (!parts[0].equals("ack") || parts.length != 4) {
        return false;
      }
      String id = parts[2];
      long version = Long.parseLong(parts[3]);
      switch (parts[1]) {
        case "create" -> {
          assertTrue(!versions.containsKey(id) && !deleted.contains(id), context + ": " + line);
          assertEquals(1, version, context + ": " + line);
          versions.put(id, version);
        }
        case "update", "cas" -> {
          assertEquals(
              versions.get(id) + 1,
              version,
              context + ": an acknowledged version must follow the last one: " + line);
          versions.put(id, version);
        }
        case "event" -> {
          assertEquals(
              events.getOrDefault(id, 0L) + 1,
              version,
              context + ": an acknowledged event must follow the last one: " + line);
          events.put(id, version);
        }
        case "delete" -> {
          versions.remove(id);
          events.remove(id);
          deleted.add(id);
        }
        default -> throw new AssertionError(context + ": unknown acknowledgement " + line);
      }
      inFlightOp = null;
      inFlightId = null;
      acknowledged++;
      return true;
    }

    String inFlightOperation() {
      return inFlightOp == null ? "nothing" : inFlightOp;
    }

    /** Checks the root against the acknowledgements, then adopts what was recovered. */
    void checkRecovered(Path root, String context) throws IOException {
      Set<String> directories = RootChecks.completeInstanceDirectories(root, context);
      Map<String, Long> recovered = new HashMap<>();
      Map<String, Long> recoveredEvents = new HashMap<>();
      try (CounterStore store = Counters.open(root, Durability.NONE)) {
        Listing<Counter> listing = store.scan();
        assertEquals(List.of(), listing.problems(), context + ": every document parses");
        for (Counter counter : listing.items()) {
          assertEquals(
              counter.version() - 1,
              counter.count(),
              context + ": every write is whole: " + counter);
          recovered.put(counter.id(), counter.version());
          recoveredEvents.put(counter.id(), events(store, counter.id(), context));
        }
      }
      assertEquals(directories, recovered.keySet(), context + ": listed = on disk");
      Leftovers.assertNone(root, context);
      for (Map.Entry<String, Long> entry : versions.entrySet()) {
        String id = entry.getKey();
        Long stored = recovered.get(id);
        boolean touched = id.equals(inFlightId);
        if (stored == null) {
          assertTrue(
              touched && "delete".equals(inFlightOp),
              context + ": acknowledged instance " + id + " is lost");
        } else if (touched && ("update".equals(inFlightOp) || "cas".equals(inFlightOp))) {
          assertTrue(
              stored == entry.getValue() || stored == entry.getValue() + 1,
              context
                  + ": "
                  + id
                  + " has version "
                  + stored
                  + ", acknowledged "
                  + entry.getValue());
        } else {
          assertEquals(entry.getValue(), stored, context + ": version of " + id);
        }
      }
      for (Map.Entry<String, Long> entry : recoveredEvents.entrySet()) {
        long acked = events.getOrDefault(entry.getKey(), 0L);
        boolean appending = entry.getKey().equals(inFlightId) && "event".equals(inFlightOp);
        assertTrue(
            entry.getValue() == acked || appending && entry.getValue() == acked + 1,
            context
                + ": "
                + entry.getKey()
                + " has "
                + entry.getValue()
                + " events, "
                + acked
                + " acknowledged");
      }
      for (Map.Entry<String, Long> entry : recovered.entrySet()) {
        String id = entry.getKey();
        if (!versions.containsKey(id)) {
          assertTrue(
              id.equals(inFlightId) && "create".equals(inFlightOp) && entry.getValue() == 1,
              context + ": " + id + " exists but was never created or was deleted (resurrected)");
        }
      }
      if (inFlightId != null && "delete".equals(inFlightOp) && !recovered.containsKey(inFlightId)) {
        deleted.add(inFlightId);
      }
      versions.clear();
      versions.putAll(recovered);
      events.clear();
      events.putAll(recoveredEvents);
      inFlightOp = null;
      inFlightId = null;
    }
  }
}
