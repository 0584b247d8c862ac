package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.test.internal.crash.CrashSimulation;
import dev.burrow.test.internal.crash.CrashStates;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract lines 1, 7, 8 and 12 under power cuts, simulated: the file-system operations of create,
 * update, compare-and-set, event append, delete and the upgrade of a root written before sharding
 * are recorded, every state a power cut could leave is enumerated (see {@link CrashStates} for the
 * model) and recovered by opening a store on it. Writers with a step missing or misordered show
 * that the model catches what the ALICE study found in real systems.
 */
class CrashStateTest {
  @TempDir Path work;

  @Test
  void everyCrashStateOfCreateUpdateCasAppendAndDeleteRecoversTheOldOrTheNewState()
      throws Exception {
    CrashSimulation.Report report =
        simulate(
            Durability.FSYNC,
            List.of(
                (store, root) -> store.create("a"),
                (store, root) -> store.update("a", Counter::increment),
                (store, root) -> store.compareAndSet(store.get("a").incremented()),
                (store, root) -> store.create("b"),
                (store, root) -> store.events("b", Tick.class).append(new Tick(1)),
                (store, root) -> store.events("b", Tick.class).append(new Tick(2)),
                (store, root) -> store.delete("a"),
                (store, root) -> store.update("b", Counter::increment)));

    System.out.println("crash states (store operations): " + report);
    assertEquals(List.of(), report.violations());
    assertTrue(report.statesEnumerated() > report.crashPoints(), report.toString());
    assertEquals(0, report.boundedPoints(), "the enumeration was complete: " + report);
  }

  /**
   * A root written before sharding, upgraded by the first open (FSYNC), then written to: every
   * state a power cut during the upgrade or the writes after it could leave opens, finishes the
   * upgrade ({@link RootChecks#assertUpgraded}), and holds every instance once, its document and
   * events intact, with every acknowledged write. The instances share a leaf shard, have leaves of
   * their own, and are of three ID forms.
   */
  @Test
  void everyCrashStateOfALayoutUpgradeAndTheWritesAfterItRecoversEveryInstanceOnce()
      throws Exception {
    List<String> ids = List.of("350000000000000001", "350000000000000002", "run-7", "42");
    CrashSimulation.Report report =
        CrashSimulation.runOnSeed(
            new CounterSubject(),
            work,
            Durability.FSYNC,
            root -> {
              Map<String, Counter> instances = new TreeMap<>();
              for (String id : ids) {
                instances.put(id, FlatRoot.writeInstance(root, id, id.equals("42") ? 2 : 0));
              }
              FlatRoot.writeMarker(root);
              return new CounterSubject.Snapshot(
                  instances, Map.of("42", List.of(new Tick(1), new Tick(2))));
            },
            List.of(
                (store, root) -> store.update(ids.get(0), Counter::increment),
                (store, root) -> store.create("350000000000000003"),
                (store, root) -> store.delete("run-7"),
                (store, root) -> store.events("42", Tick.class).append(new Tick(3))));

    System.out.println("crash states (layout upgrade): " + report);
    assertEquals(List.of(), report.violations());
    assertTrue(report.statesEnumerated() > report.crashPoints(), report.toString());
    assertEquals(0, report.boundedPoints(), "the enumeration was complete: " + report);
  }

  /**
   * Pins what {@link Durability#NONE}'s Javadoc states: without flushes a power cut can leave a
   * document empty (the rename reached the device before the data), which the store then reports as
   * damaged, and can lose acknowledged writes.
   */
  @Test
  void underDurabilityNoneAPowerCutCanLeaveAnEmptyDocumentAndLoseWrites() throws Exception {
    CrashSimulation.Report report =
        simulate(
            Durability.NONE,
            List.of(
                (store, root) -> store.create("a"),
                (store, root) -> store.update("a", Counter::increment)));

    System.out.println("crash states (Durability.NONE): " + report);
    assertTrue(
        report.violations().stream()
            .anyMatch(
                v ->
                    v.problem().contains("CorruptInstanceException")
                        && v.problem().contains("the file is empty")),
        report.toString());
    assertTrue(
        report.violations().stream()
            .anyMatch(v -> v.problem().contains("an acknowledged write was lost")),
        report.toString());
  }

  @ParameterizedTest
  @EnumSource(BrokenWriter.class)
  void theModelFlagsEveryWriterThatSkipsOrMisordersAStep(BrokenWriter writer) throws Exception {
    CrashSimulation.Report report =
        simulate(
            Durability.FSYNC,
            List.of(
                (store, root) -> store.create("a"),
                (store, root) -> {
                  Counter current = store.get("a");
                  Counter next =
                      CounterSchema.INSTANCE.stamp(
                          current.incremented(),
                          current.version() + 1,
                          current.createdAt(),
                          current.updatedAt());
                  writer.write(
                      Stores.instanceDirectory(root, "a").resolve("instance.json"),
                      CounterSchema.INSTANCE.codec().encode(next));
                }));

    System.out.println("crash states (" + writer + "): " + report);
    if (writer == BrokenWriter.CORRECT) {
      assertEquals(List.of(), report.violations());
    } else {
      String expected =
          writer == BrokenWriter.NO_DIR_FSYNC
              ? "an acknowledged write was lost"
              : "CorruptInstanceException";
      assertTrue(
          report.violations().stream().anyMatch(v -> v.problem().contains(expected)),
          writer + " must be caught (" + expected + "): " + report);
    }
  }

  private CrashSimulation.Report simulate(
      Durability durability, List<CrashSimulation.Step<CounterStore>> steps) throws Exception {
    return CrashSimulation.run(new CounterSubject(), work, durability, steps);
  }
}
