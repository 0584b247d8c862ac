package dev.burrow.runtime.reliability;

import static dev.burrow.runtime.testing.CounterSchema.COUNT;
import static dev.burrow.runtime.testing.CounterSchema.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.runtime.internal.index.IndexNames;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Index entries under power cuts, simulated like {@link CrashStateTest}: every state a power cut
 * could leave during indexed creates, updates (to a new value, to a value other instances have, of
 * two components at once), compare-and-sets and deletes recovers the old or the new state, and
 * before recovery no complete index lacks the entry of a document on disk.
 */
class IndexCrashStateTest {
  private static final CounterSchema SCHEMA = CounterSchema.indexing(STATUS, COUNT);

  @TempDir Path work;

  @Test
  void noCrashStateOfAnIndexedWriteLosesAnEntry() throws IOException {
    CrashSimulation.Report report =
        CrashSimulation.run(
            work,
            SCHEMA,
            List.of(
                (store, root) -> store.create("a"),
                (store, root) -> store.update("a", c -> c.withStatus("RUNNING")),
                (store, root) -> store.create("b"),
                (store, root) -> store.update("b", c -> c.withStatus("RUNNING").incremented()),
                (store, root) -> store.compareAndSet(store.get("a").withStatus("DONE")),
                (store, root) -> store.update("a", Counter::incremented),
                (store, root) -> store.delete("b"),
                (store, root) -> store.update("a", c -> c.withStatus("RUNNING"))));

    System.out.println("crash states (indexed writes): " + report);
    assertEquals(List.of(), report.violations());
    assertTrue(report.statesEnumerated() > report.crashPoints(), report.toString());
  }

  @Test
  void theCheckFailsWhereACompleteIndexLacksAnEntry() throws IOException {
    Path root = work.resolve("root");
    String id;
    try (CounterStore store = Stores.counters(root, Durability.NONE, SCHEMA)) {
      id = store.create(c -> c.withStatus("RUNNING")).id();
    }
    IndexInvariants.assertNoMissingEntries(root, SCHEMA);
    Files.delete(
        root.resolve(".burrow/indexes")
            .resolve(IndexNames.of("status"))
            .resolve(IndexNames.of("RUNNING"))
            .resolve(id));

    assertThrows(AssertionError.class, () -> IndexInvariants.assertNoMissingEntries(root, SCHEMA));
  }
}
