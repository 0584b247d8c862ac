package dev.burrow.runtime.internal.index;

import static dev.burrow.runtime.testing.CounterSchema.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.IndexedField;
import dev.burrow.runtime.internal.shard.Shards;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whether a value directory holds an entry ({@link FieldIndex#holds}), as an AND query's other
 * conditions and a write's check of a component without one default key ask it, is never answered
 * through a link planted in place of the value's directory or a shard: what the link leads to,
 * which may be outside the data root, never counts, however it names an entry. (A query's walk
 * checks the way to its value directory as it begins, so its checks look only at the shards.)
 */
class IndexLinkInTheWayTest {
  @TempDir Path root;
  @TempDir Path outside;

  private static final String ID = "1234567890123456789";

  private FieldIndex index() throws IOException {
    Path dataRoot = root.toRealPath();
    FieldIndex index =
        new FieldIndex(
            dataRoot, dataRoot.resolve("f"), FieldIndex.READY + "~", Durability.NONE, false);
    index.prepare();
    return index;
  }

  /** A directory outside the data root holding an entry's name at {@code relative}. */
  private Path outsideHolding(Path relative) throws IOException {
    Path target = outside.toRealPath().resolve("t" + System.nanoTime());
    Path name = target.resolve(relative);
    Files.createDirectories(name.getParent());
    Files.createFile(name);
    return target;
  }

  @Test
  void anAndQueryNeverCountsANameReachedThroughALinkInPlaceOfALeafShard() throws IOException {
    FieldIndex index = index();
    Path x = index.values("X");
    index.add(x, ID);
    Path y = index.values("Y");
    Path leaf = FieldIndex.entry(y, ID).getParent();
    Files.createDirectories(leaf.getParent()); // the value's directory and top-level shard
    Files.createSymbolicLink(leaf, outsideHolding(Path.of(ID)));

    assertFalse(FieldIndex.holdsInWalked(y, ID), "through the leaf's link");
    Candidates both =
        Candidates.allOf(
            List.of(
                Candidates.of(x, index.entries(x, null)),
                Candidates.of(y, index.entries(y, null))));
    List<String> found = new ArrayList<>();
    both.iterator().forEachRemaining(found::add);
    assertEquals(List.of(), found, "X and Y");
  }

  @Test
  void noNameReachedThroughALinkInPlaceOfAValueDirectoryOrATopShardCounts() throws IOException {
    FieldIndex index = index();
    Path values = index.values("V");
    Files.createSymbolicLink(
        values, outsideHolding(values.relativize(FieldIndex.entry(values, ID))));
    assertFalse(index.holds(values, ID), "through the value directory's link");

    Path other = index.values("W");
    index.add(other, "99"); // makes the value's directory
    Path top = FieldIndex.entry(other, ID).getParent().getParent();
    Files.createSymbolicLink(top, outsideHolding(top.relativize(FieldIndex.entry(other, ID))));
    assertFalse(index.holds(other, ID), "through the top-level shard's link");
    assertFalse(FieldIndex.holdsInWalked(other, ID), "through the top-level shard's link");

    Path real = index.values("R");
    index.add(real, ID);
    assertTrue(index.holds(real, ID), "an entry in its own shards");
    assertTrue(FieldIndex.holdsInWalked(real, ID), "an entry in its own shards");
  }

  /**
   * A component whose default has no one key (each document written before it existed reads as a
   * value of its own): a write that keeps its value still adds its entry if the value directory
   * lacks it, and a link planted in place of the entry's top-level shard, leading to a directory
   * that names the entry, does not stand in for it.
   */
  @Test
  void aWriteKeepingAValueWithoutOneDefaultKeyMakesItsEntryWhereALinkStoodForIt()
      throws IOException {
    IndexedField<Counter, String> echo = IndexedField.of("echo", Counter::id, id -> id);
    CounterSchema schema = CounterSchema.indexing(STATUS, echo);
    try (CounterStore store = Stores.counters(root, Durability.NONE, schema)) {
      String id = store.create().id();
      Path values =
          root.resolve(".burrow/indexes").resolve(IndexNames.of("echo")).resolve(IndexNames.of(id));
      Path entry = FieldIndex.entry(values, id);
      Path top = values.resolve(Shards.nameOf(id, 1));
      assertTrue(Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS), "made by the create");
      Files.delete(entry);
      Path target = outsideHolding(top.relativize(entry));
      deleteTree(top);
      Files.createSymbolicLink(top, target);

      store.update(id, c -> c.withStatus("DONE"));

      assertFalse(Files.isSymbolicLink(top), "the link in the top-level shard's place");
      assertTrue(Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS), "the entry made again");
      assertTrue(Files.exists(target.resolve(top.relativize(entry))), "left alone outside");
      assertEquals(
          List.of(id), store.where(echo.equalTo(id)).list().stream().map(Counter::id).toList());
    }
  }

  private static void deleteTree(Path directory) throws IOException {
    try (var walk = Files.walk(directory)) {
      for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
