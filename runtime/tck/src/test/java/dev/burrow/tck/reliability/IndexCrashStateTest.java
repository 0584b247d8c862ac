package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.runtime.internal.index.IndexNames;
import dev.burrow.runtime.internal.shard.Shards;
import dev.burrow.test.internal.Trees;
import dev.burrow.test.internal.crash.CrashSimulation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Index entries under power cuts, simulated like {@link CrashStateTest}: every state a power cut
 * could leave during indexed creates, updates (to a new value, to a value other instances have, of
 * two components at once), compare-and-sets and deletes, and during a rebuild of missing indexes,
 * recovers the old or the new state, and no complete index lacks the entry of a document on disk
 * ({@link IndexInvariants}).
 */
class IndexCrashStateTest {
  @TempDir Path work;

  @Test
  void noCrashStateOfAnIndexedWriteLosesAnEntry() throws Exception {
    CrashSimulation.Report report =
        CrashSimulation.run(
            new IndexedCounterSubject(),
            work,
            Durability.FSYNC,
            List.<CrashSimulation.Step<IndexedCounterStore>>of(
                (store, root) -> store.create("a"),
                (store, root) -> store.update("a", c -> c.status("RUNNING")),
                (store, root) -> store.create("b"),
                (store, root) -> store.update("b", c -> c.status("RUNNING").count(1)),
                (store, root) -> store.compareAndSet(store.get("a").next("DONE")),
                (store, root) -> store.update("a", IndexedCounter::increment),
                (store, root) -> store.delete("b"),
                (store, root) -> store.update("a", c -> c.status("RUNNING"))));

    System.out.println("crash states (indexed writes): " + report);
    assertEquals(List.of(), report.violations());
    assertTrue(report.statesEnumerated() > report.crashPoints(), report.toString());
  }

  /**
   * Every state a power cut could leave while a store's open rebuilds missing indexes (as when
   * {@code @Indexed} is added to an existing schema): no index is marked complete without every
   * document's entry, checked on the state as the power cut left it, before a store opens it; the
   * next open then leaves every index complete with exactly the documents' entries.
   */
  @Test
  void noCrashStateOfAnIndexRebuildLeavesAReadyMarkerWithoutItsEntries() throws Exception {
    CrashSimulation.Report report =
        CrashSimulation.runOnSeed(
            new RebuiltIndexesSubject(),
            work,
            Durability.FSYNC,
            root -> {
              Map<String, IndexedCounter> seeded;
              try (IndexedCounterStore store =
                  IndexedCounterStore.open(Counters.options(root, Durability.NONE))) {
                store.create("350000000000000001", c -> c.status("RUNNING").count(1));
                store.create("42", c -> c.status("DONE"));
                store.create("run-7", c -> c.status("RUNNING").count(2));
                seeded = new IndexedCounterSubject().snapshot(store);
              }
              Trees.delete(root.resolve(".burrow/indexes"));
              return seeded;
            },
            List.of());

    System.out.println("crash states (index rebuild): " + report);
    assertEquals(List.of(), report.violations());
    assertTrue(report.statesEnumerated() > report.crashPoints(), report.toString());
  }

  @Test
  void theCheckFailsWhereACompleteIndexLacksAnEntry() throws IOException {
    Path root = work.resolve("root");
    String id;
    try (IndexedCounterStore store =
        IndexedCounterStore.open(Counters.options(root, Durability.NONE))) {
      id = store.create(c -> c.status("RUNNING")).id();
    }
    IndexInvariants.assertNoMissingEntries(root, IndexedCounterSchema.INSTANCE);
    Files.delete(
        root.resolve(".burrow/indexes")
            .resolve(IndexNames.of("status"))
            .resolve(IndexNames.of("RUNNING"))
            .resolve(Shards.relativePath(id)));

    assertThrows(
        AssertionError.class,
        () -> IndexInvariants.assertNoMissingEntries(root, IndexedCounterSchema.INSTANCE));
  }

  /**
   * The indexed counters, with the state a power cut left checked before a store opens it (no
   * complete index lacks an entry), and the recovered root checked to have complete and exact
   * indexes.
   */
  private static final class RebuiltIndexesSubject
      implements CrashSimulation.Subject<IndexedCounterStore, Map<String, IndexedCounter>> {
    private final IndexedCounterSubject counters = new IndexedCounterSubject();

    @Override
    public IndexedCounterStore open(Path dataRoot, Durability durability) {
      try {
        IndexInvariants.assertNoMissingEntries(dataRoot, IndexedCounterSchema.INSTANCE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return counters.open(dataRoot, durability);
    }

    @Override
    public Map<String, IndexedCounter> snapshot(IndexedCounterStore store) {
      return counters.snapshot(store);
    }

    @Override
    public void checkRoot(Path dataRoot) throws IOException {
      counters.checkRoot(dataRoot);
      IndexInvariants.assertCompleteAndExact(dataRoot, IndexedCounterSchema.INSTANCE);
    }
  }
}
