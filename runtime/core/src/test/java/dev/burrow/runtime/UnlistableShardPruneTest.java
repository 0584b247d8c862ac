package dev.burrow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.PruneReport;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.internal.store.UnreadableShardException;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.runtime.testing.UnlistableDirectory;
import dev.burrow.test.internal.crash.recording.RecordingFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prune that meets a shard it may not list counts the shard apart: the instances in it were never
 * read, so they are no damaged instance, and how many there are is unknown.
 */
class UnlistableShardPruneTest {
  @TempDir Path root;

  /** Before, the shard was counted as one damaged instance, and named among the damaged ones. */
  @Test
  void aShardThatCannotBeListedIsCountedAsUnlistedNotAsDamaged() throws IOException {
    Path realRoot = root.toRealPath();
    String hidden = createTwoInDifferentShards(realRoot);
    Path shard = Stores.instanceDirectory(realRoot, hidden).getParent();
    RecordingFileSystem fs = UnlistableDirectory.over(realRoot, shard);
    assertPrunesOneCountingTheShardUnlisted(fs.wrap(realRoot));
    try (CounterStore store = Stores.counters(realRoot, Durability.NONE)) {
      assertTrue(store.find(hidden).isPresent(), "the instance of the shard is kept");
    }
  }

  /**
   * Before, a link to a directory in place of a shard (which may hold any number of instances, none
   * of them read) was counted as one damaged instance.
   */
  @Test
  void aLinkInPlaceOfAShardIsCountedAsUnlistedNotAsDamaged() throws IOException {
    Path realRoot = root.toRealPath();
    String hidden = createTwoInDifferentShards(realRoot);
    Path shard = Stores.instanceDirectory(realRoot, hidden).getParent();
    Path elsewhere = Files.createDirectory(root.resolve("elsewhere")).resolve("shard");
    Files.move(shard, elsewhere);
    Files.createSymbolicLink(shard, elsewhere);
    assertPrunesOneCountingTheShardUnlisted(realRoot);
    assertTrue(Files.isDirectory(elsewhere.resolve(hidden)), "the linked directory is kept");
  }

  /** Creates "0001" and "zz.top", in different shards; returns the first's ID. */
  private static String createTwoInDifferentShards(Path realRoot) {
    try (CounterStore store = Stores.counters(realRoot, Durability.NONE)) {
      String hidden = store.create("0001").id();
      store.create("zz.top");
      assertNotEquals(
          Stores.instanceDirectory(realRoot, hidden).getParent(),
          Stores.instanceDirectory(realRoot, "zz.top").getParent());
      return hidden;
    }
  }

  /**
   * Prunes every instance of the store on {@code dataRoot}, where one shard cannot be listed:
   * "zz.top" is deleted, the shard is counted as unlisted and reported to the listener as such.
   */
  private static void assertPrunesOneCountingTheShardUnlisted(Path dataRoot) {
    List<CorruptInstanceException> reported = new ArrayList<>();
    StoreOptions options =
        StoreOptions.defaults()
            .withDataRoot(dataRoot)
            .withDurability(Durability.NONE)
            .withCorruptionListener(reported::add);

    PruneReport report;
    try (CounterStore store = new CounterStore(StoreEngine.open(CounterSchema.INSTANCE, options))) {
      report = store.prune(counter -> true, counter -> {});
    }

    assertEquals(new PruneReport(1, 1, 0, List.of(), 0, List.of(), 0, List.of(), 1), report);
    assertEquals(1, reported.size(), reported.toString());
    assertInstanceOf(UnreadableShardException.class, reported.get(0));
  }
}
