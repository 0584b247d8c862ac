package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.burrow.Durability;
import dev.burrow.IndexedField;
import dev.burrow.runtime.internal.index.FlatIndexLayout;
import dev.burrow.runtime.internal.index.IndexNames;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.test.internal.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An index rebuild under SIGKILL: a child JVM ({@link IndexRebuildChild}) opens a root whose
 * indexes are missing, or of the flat layout before sharded entries, and is killed right before it
 * makes an entry or a ready marker. The root it leaves has no ready marker whose index lacks an
 * entry ({@link IndexInvariants}), and the next store's open finishes the rebuild: every index is
 * complete with exactly the documents' entries, and each finder returns what a full scan finds.
 * Power cuts during a rebuild are {@link IndexCrashStateTest}'s.
 */
class IndexRebuildKillTest {
  private static final int INSTANCES = 60;
  private static final int ENTRIES = 2 * INSTANCES;
  private static final int SIGKILLED = 137;

  /** What the indexes of the root the child opens are. */
  enum Indexes {
    /** Removed: as when {@code @Indexed} is added to an existing schema. */
    MISSING,
    /** Of layout 1: entries directly in their value directories, no shards. */
    FLAT
  }

  @TempDir Path root;

  /**
   * Killed before the {@code stopAt}th entry of the rebuild (entries are made instance by instance,
   * status then count), or before the {@code stopAt}th ready marker.
   */
  @ParameterizedTest
  @CsvSource({
    "MISSING, ENTRY, 1",
    "MISSING, ENTRY, 61",
    "MISSING, ENTRY, 120",
    "MISSING, READY, 1",
    "MISSING, READY, 2",
    "FLAT, ENTRY, 1",
    "FLAT, ENTRY, 61",
    "FLAT, READY, 2"
  })
  void aRebuildKilledMidwayIsFinishedExactlyByTheNextOpen(
      Indexes indexes, IndexRebuildChild.Point point, int stopAt) throws IOException {
    indexedRoot(indexes);

    try (ChildJvm child =
        ChildJvm.start(IndexRebuildChild.class, root.toString(), point.name(), "" + stopAt)) {
      String[] at = child.nextLine().split(" ");
      assertEquals(List.of("at", point.name(), "" + stopAt), List.of(at).subList(0, 3));
      Path next = Path.of(at[3]);
      assertEquals(SIGKILLED, child.kill(), "the child was still running when killed");
      assertFalse(Files.exists(next, LinkOption.NOFOLLOW_LINKS), "killed before it made " + next);
    }
    IndexInvariants.assertNoMissingEntries(root, IndexedCounterSchema.INSTANCE);
    boolean entriesMade = point == IndexRebuildChild.Point.READY;
    assertEquals(entriesMade ? ENTRIES : stopAt - 1, files(false), "entries made before the kill");
    assertEquals(entriesMade ? stopAt - 1 : 0, files(true), "ready markers made before the kill");

    try (IndexedCounterStore store =
        IndexedCounterStore.open(Counters.options(root, Durability.NONE))) {
      assertEquals(INSTANCES, store.list().size());
      IndexFinderChecks.assertFindersMatchScan(store, "after the kill");
    }
    IndexInvariants.assertCompleteAndExact(root, IndexedCounterSchema.INSTANCE);
  }

  /**
   * Instances of several ID forms (so of many shards), of every status and a few counts, indexed,
   * then their indexes made {@code indexes}.
   */
  private void indexedRoot(Indexes indexes) throws IOException {
    try (IndexedCounterStore store =
        IndexedCounterStore.open(Counters.options(root, Durability.NONE))) {
      for (int i = 0; i < INSTANCES; i++) {
        String id =
            switch (i % 3) {
              case 0 -> Long.toString(350_000_000_000_000_000L + i * 7_919_000_000L);
              case 1 -> "run-" + i;
              default -> Integer.toString(i * 997);
            };
        String status = IndexUpdater.STATUSES.get(i % IndexUpdater.STATUSES.size());
        long count = i % 5;
        store.create(id, c -> c.status(status).count(count));
      }
    }
    Path all = root.resolve(".burrow/indexes");
    switch (indexes) {
      case MISSING -> Trees.delete(all);
      case FLAT -> {
        for (IndexedField<IndexedCounter, ?> field : IndexedCounterSchema.INSTANCE.indexes()) {
          FlatIndexLayout.flatten(all.resolve(IndexNames.of(field.name())));
        }
      }
    }
  }

  /** How many ready markers ({@code markers}) or entries the indexes hold. */
  private long files(boolean markers) throws IOException {
    Path all = root.resolve(".burrow/indexes");
    if (!Files.isDirectory(all)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(all)) {
      return files
          .filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
          .filter(p -> p.getFileName().toString().startsWith(".ready") == markers)
          .filter(p -> markers || !p.getFileName().toString().startsWith("."))
          .count();
    }
  }
}
