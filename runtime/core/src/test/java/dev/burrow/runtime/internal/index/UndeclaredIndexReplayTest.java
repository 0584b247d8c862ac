package dev.burrow.runtime.internal.index;

import static dev.burrow.runtime.testing.CounterSchema.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.JournalHolder;
import dev.burrow.runtime.testing.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The replay of a dead process's index journal by a store whose schema does not declare an index
 * the log names ({@link FileIndexes#replayJournal}): that store cannot tell whether the document
 * still holds the value, and may not remove the index (it does so only under the rebuild lock), so
 * it makes the entry again rather than drop the line.
 */
class UndeclaredIndexReplayTest {
  private static final CounterSchema SCHEMA = CounterSchema.indexing(STATUS);

  @TempDir Path root;

  private Path values(String key) {
    return root.resolve(".burrow/indexes")
        .resolve(IndexNames.of(STATUS.name()))
        .resolve(IndexNames.of(key));
  }

  /**
   * A dead process's durable write whose entry a power cut lost, replayed by a store whose schema
   * does not index the component while another holds the rebuild lock (so the index is neither
   * removed nor rebuilt, and stays marked complete): a newer store's finder still finds the
   * instance.
   */
  @Test
  void aReplayByAStoreNotIndexingTheComponentRemakesTheEntriesItsLinesName() throws Throwable {
    Stores.counters(root, Durability.FSYNC, SCHEMA).close();
    try (ChildJvm child = ChildJvm.start(JournalHolder.class, root.toString(), "a=NEW-VALUE")) {
      child.awaitLine("written");
      child.kill();
    }
    // What a power cut could leave: the document and the log, not the unflushed entry.
    Path entry = FieldIndex.entry(values("NEW-VALUE"), "a");
    Files.deleteIfExists(entry);
    Files.deleteIfExists(FieldIndex.entryInTop(values("NEW-VALUE"), "a"));

    FileIndexTest.whileAnotherThreadHoldsTheRebuildLock(
        root,
        () ->
            new CounterStore(
                    StoreEngine.open(
                        CounterSchema.INSTANCE,
                        StoreOptions.defaults()
                            .withDataRoot(root)
                            .withDurability(Durability.FSYNC)
                            .withLockTimeout(Duration.ofMillis(100))))
                .close());
    try (Stream<Path> logs = Files.list(root.resolve(".burrow/journal"))) {
      assertEquals(List.of(), logs.toList(), "the dead process's log, once replayed");
    }
    try (Stream<Path> markers = Files.list(values("NEW-VALUE").getParent())) {
      assertTrue(
          markers.anyMatch(m -> m.getFileName().toString().startsWith(FieldIndex.READY)),
          "the index is still marked complete");
    }
    assertTrue(Files.exists(entry), "the entry the log names, made again");

    try (CounterStore store = Stores.counters(root, Durability.FSYNC, SCHEMA)) {
      assertEquals(
          List.of("a"),
          store.where(STATUS.equalTo("NEW-VALUE")).list().stream().map(Counter::id).toList(),
          "the instance whose document holds NEW-VALUE");
    }
  }
}
