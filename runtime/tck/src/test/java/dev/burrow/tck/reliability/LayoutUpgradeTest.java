package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.Listing;
import dev.burrow.runtime.internal.store.NewestFirst;
import dev.burrow.runtime.testing.ChildJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A root made before sharding (instances directly under {@code instances/}) is upgraded in place,
 * also when the process upgrading it is killed inside the move of an instance. Power cuts during
 * the upgrade are {@link CrashStateTest}'s.
 */
class LayoutUpgradeTest {
  private static final int INSTANCES = 300;
  private static final int SIGKILLED = 137;

  @TempDir Path root;

  @Test
  void aRootMadeBeforeShardingIsUpgradedWithEveryInstanceAndItsFiles() throws IOException {
    List<String> ids = flatRoot(INSTANCES);
    Files.writeString(root.resolve("instances/README.txt"), "not an instance");

    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      Listing<Counter> listing = store.scan();
      assertEquals(newestFirst(ids), listing.items().stream().map(Counter::id).toList());
      assertEquals(
          List.of(root.resolve("instances/README.txt").toString()),
          listing.problems().stream().map(CorruptInstanceException::location).toList());
      for (String id : ids) {
        assertEquals(FlatRoot.counter(id), store.get(id));
        assertEquals(
            FlatRoot.notesOf(id),
            Files.readString(store.dirs(id).workspace().resolve(FlatRoot.NOTES)));
      }
      store.update(ids.get(0), Counter::increment);
      store.create("after-the-upgrade");
    }
    assertEquals(List.of(), FlatRoot.flatInstanceDirectories(root));
    assertEquals(FlatRoot.SHARDED_LAYOUT, FlatRoot.recordedLayout(root));
  }

  /**
   * The child is killed (SIGKILL) inside the move of the {@code stopAt}th instance: once its shard
   * directories were made and before the rename, or after the rename and before the flush.
   */
  @ParameterizedTest
  @CsvSource({
    "BEFORE_RENAME, 1",
    "BEFORE_RENAME, 150",
    "BEFORE_RENAME, 300",
    "AFTER_RENAME, 1",
    "AFTER_RENAME, 150",
    "AFTER_RENAME, 300"
  })
  void anUpgradeKilledInsideAMoveIsFinishedByTheNextOpen(UpgradeChild.Point point, int stopAt)
      throws IOException {
    List<String> ids = flatRoot(INSTANCES);
    int moved = point == UpgradeChild.Point.AFTER_RENAME ? stopAt : stopAt - 1;

    try (ChildJvm child =
        ChildJvm.start(UpgradeChild.class, root.toString(), point.name(), "" + stopAt)) {
      String[] at = child.nextLine().split(" ");
      assertEquals(List.of("at", point.name(), "" + stopAt), List.of(at).subList(0, 3));
      Path from = Path.of(at[3]);
      Path to = Path.of(at[4]);
      assertEquals(SIGKILLED, child.kill(), "the child was still running when killed");

      assertTrue(
          Files.isDirectory(to.getParent(), LinkOption.NOFOLLOW_LINKS), "its shard was made");
      assertEquals(moved == stopAt, Files.exists(to, LinkOption.NOFOLLOW_LINKS), "moved: " + to);
      assertEquals(moved < stopAt, Files.exists(from, LinkOption.NOFOLLOW_LINKS), "left: " + from);
    }
    assertEquals(INSTANCES - moved, FlatRoot.flatInstanceDirectories(root).size(), "left behind");
    assertEquals(moved, FlatRoot.shardedInstanceDirectories(root).size(), "moved before the kill");
    assertEquals(FlatRoot.FLAT_LAYOUT, FlatRoot.recordedLayout(root));

    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      Listing<Counter> listing = store.scan();
      assertEquals(newestFirst(ids), listing.items().stream().map(Counter::id).toList());
      assertEquals(List.of(), listing.problems());
      for (String id : ids) {
        assertEquals(FlatRoot.counter(id), store.get(id));
        assertEquals(
            FlatRoot.notesOf(id),
            Files.readString(store.dirs(id).workspace().resolve(FlatRoot.NOTES)));
      }
    }
    assertEquals(List.of(), FlatRoot.flatInstanceDirectories(root));
    assertEquals(INSTANCES, FlatRoot.shardedInstanceDirectories(root).size());
    assertEquals(FlatRoot.SHARDED_LAYOUT, FlatRoot.recordedLayout(root));
  }

  @Test
  void anOldCopyWhoseShardHoldsTheInstanceIsLeftAndReported() throws IOException {
    List<String> ids = flatRoot(2);
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.update(ids.get(0), Counter::increment);
    }
    FlatRoot.writeInstance(root, ids.get(0), 0);
    FlatRoot.writeNotes(root, ids.get(0));

    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      assertEquals(2, store.get(ids.get(0)).version());
      Listing<Counter> listing = store.scan();
      assertEquals(2, listing.items().size());
      assertEquals(
          List.of(root.resolve("instances").resolve(ids.get(0)).toString()),
          listing.problems().stream().map(CorruptInstanceException::location).toList());
    }
    assertFalse(FlatRoot.flatInstanceDirectories(root).isEmpty(), "the old copy was left");
  }

  /** Instances of several ID forms in layout 1, each with a document, subdirectories, a file. */
  private List<String> flatRoot(int count) throws IOException {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id =
          switch (i % 3) {
            case 0 -> Long.toString(350_000_000_000_000_000L + i * 7_919_000_000L);
            case 1 -> "run-" + i;
            default -> Integer.toString(i);
          };
      ids.add(id);
      FlatRoot.writeInstance(root, id, 0);
      FlatRoot.writeNotes(root, id);
    }
    FlatRoot.writeMarker(root);
    return ids;
  }

  private static List<String> newestFirst(List<String> ids) {
    return ids.stream().sorted(NewestFirst.IDS).toList();
  }
}
