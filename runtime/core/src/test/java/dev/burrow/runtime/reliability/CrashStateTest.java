package dev.burrow.runtime.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Contract lines 1, 7, 8 and 12 under power cuts, simulated: the file-system operations of create,
 * update, compare-and-set, event append and delete are recorded, every state a power cut could
 * leave is enumerated (see {@link CrashStates} for the model) and recovered by opening a store on
 * it. Writers with a step missing or misordered show that the model catches what the ALICE study
 * found in real systems.
 */
class CrashStateTest {
  @TempDir Path work;

  @Test
  void everyCrashStateOfCreateUpdateCasAppendAndDeleteRecoversTheOldOrTheNewState()
      throws IOException {
    CrashSimulation.Report report =
        CrashSimulation.run(
            work,
            List.of(
                (store, root) -> store.create("a"),
                (store, root) -> store.update("a", Counter::incremented),
                (store, root) -> store.compareAndSet(store.get("a").incremented()),
                (store, root) -> store.create("b"),
                (store, root) -> store.events("b", Tick.class).append(new Tick(1)),
                (store, root) -> store.events("b", Tick.class).append(new Tick(2)),
                (store, root) -> store.delete("a"),
                (store, root) -> store.update("b", Counter::incremented)));

    System.out.println("crash states (store operations): " + report);
    assertEquals(List.of(), report.violations());
    assertTrue(report.statesEnumerated() > report.crashPoints(), report.toString());
  }

  @ParameterizedTest
  @EnumSource(BrokenWriter.class)
  void theModelFlagsEveryWriterThatSkipsOrMisordersAStep(BrokenWriter writer) throws IOException {
    CrashSimulation.Report report =
        CrashSimulation.run(
            work,
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
                      CounterSchema.INSTANCE.encode(next));
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
}
