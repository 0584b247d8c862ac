package dev.burrow.runtime.internal.shard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Making and removing shards, and flushing their names: after a removal from a shard that another
 * delete removed once it was empty, the nearest directory still there carries the removal, and only
 * a missing {@code instances/} is an error; a leaf's names are flushed once per leaf directory, and
 * again once it was removed and made again.
 */
class ShardDirectoriesTest {
  @TempDir Path root;

  @Test
  void aRemovalIsFlushedThroughTheNearestDirectoryStillThere() throws IOException {
    Path instances = Files.createDirectory(root.resolve("instances"));
    ShardDirectories shards = new ShardDirectories(instances, Durability.FSYNC);
    Path leaf = Files.createDirectories(instances.resolve("top@t/leaf@t"));

    assertDoesNotThrow(() -> shards.flushAfterRemoving(leaf), "the leaf is there");
    Files.delete(leaf);
    assertDoesNotThrow(() -> shards.flushAfterRemoving(leaf), "only its top-level shard is");
    Files.delete(leaf.getParent());
    assertDoesNotThrow(() -> shards.flushAfterRemoving(leaf), "only instances/ is");
  }

  @Test
  void aMissingInstancesDirectoryIsAnError() {
    Path instances = root.resolve("instances");
    ShardDirectories shards = new ShardDirectories(instances, Durability.FSYNC);

    assertThrows(
        NoSuchFileException.class,
        () -> shards.flushAfterRemoving(instances.resolve("top@t/leaf@t")));
  }

  /**
   * A shard is removed only once it is empty: a leaf holding an instance's directory, or only a
   * file (whose presence the link count does not show), stays, and so does a top-level shard
   * holding another leaf; an empty leaf goes, and its top-level shard with it once that is empty.
   */
  @Test
  void onlyEmptyShardsAreRemoved() throws IOException {
    Path instances = Files.createDirectory(root.resolve("instances"));
    Path leaf = Files.createDirectories(instances.resolve("top@t/leaf@t"));
    Path sibling = Files.createDirectories(instances.resolve("top@t/other@t"));
    Path instance = Files.createDirectory(leaf.resolve("000000000001"));
    Path planted = Files.createFile(sibling.resolve("planted"));

    ShardDirectories.removeIfEmpty(leaf);
    assertTrue(Files.isDirectory(instance), "a leaf holding an instance stays");
    Files.delete(instance);
    ShardDirectories.removeIfEmpty(leaf);
    assertFalse(Files.exists(leaf), "an empty leaf goes");
    assertTrue(Files.isDirectory(sibling), "a top-level shard holding another leaf stays");

    ShardDirectories.removeIfEmpty(sibling);
    assertTrue(Files.exists(planted), "a leaf holding only a file stays");
    Files.delete(planted);
    ShardDirectories.removeIfEmpty(sibling);
    assertFalse(Files.exists(instances.resolve("top@t")), "an empty top-level shard goes too");
    assertTrue(Files.isDirectory(instances));
  }

  /**
   * Writers that make a shard and remove it as it empties race to make it: a {@link
   * ShardDirectories#make} that loses (another writer made the shard, then removed it before this
   * one looked) says the shard is missing, which callers make again, never that it already exists,
   * which a create took for a failure.
   */
  @Test
  void makingAShardThatAnotherWriterMakesAndRemovesOnlyEverMissesIt() throws Exception {
    Path leaf = Files.createDirectory(root.resolve("instances")).resolve("top@t/leaf@t");
    List<String> refused = new ArrayList<>();
    AtomicBoolean stop = new AtomicBoolean();
    Thread other =
        new Thread(
            () -> {
              while (!stop.get()) {
                try {
                  ShardDirectories.make(leaf);
                } catch (IOException e) {
                  // lost the race itself
                }
                ShardDirectories.removeIfEmpty(leaf);
              }
            });
    other.start();
    try {
      for (int i = 0; i < 3_000; i++) {
        try {
          ShardDirectories.make(leaf);
        } catch (NoSuchFileException e) {
          // made again by the caller
        } catch (IOException e) {
          refused.add(i + ": " + e);
        }
        ShardDirectories.removeIfEmpty(leaf);
      }
    } finally {
      stop.set(true);
      other.join();
    }
    assertEquals(List.of(), refused);
  }

  /**
   * A leaf's names are flushed the first time this process adds to it, not at every add: a second
   * flush of the same leaf directory flushes nothing (here it would fail, its stand-in for {@code
   * instances/} being gone).
   */
  @Test
  void aLeafAddedToAgainHasItsNamesFlushedOnlyOnce() throws IOException {
    Path instances = Files.createDirectory(root.resolve("instances"));
    Path standIn = Files.createDirectory(root.resolve("stand-in"));
    ShardDirectories shards = new ShardDirectories(standIn, Durability.FSYNC);
    Path leaf = instances.resolve(Shards.relativePath("run-42")).getParent();
    ShardDirectories.make(leaf);
    shards.flushShardNames(leaf);
    Files.delete(standIn);

    assertDoesNotThrow(() -> shards.flushShardNames(leaf));
    ShardDirectories.make(leaf); // there already: nothing made
    assertDoesNotThrow(() -> shards.flushShardNames(leaf));
  }

  /**
   * A leaf (and its top-level shard) removed as its last instance went and made again by the next
   * create has its names flushed again, though the new directory often has the removed one's file
   * key (ext4 reuses the inode at once; this loops until it does, or 200 times). Before, the file
   * key this process remembered passed for proof that the new leaf's names were durable. The {@code
   * instances/} handed to {@link ShardDirectories} is a stand-in, removed before the second flush,
   * so that the flush of it fails visibly.
   */
  @Test
  void aLeafRemovedAndMadeAgainHasItsNamesFlushedAgainEvenWithTheSameFileKey() throws Exception {
    Path instances = Files.createDirectory(root.resolve("instances"));
    Path standIn = Files.createDirectory(root.resolve("stand-in"));
    ShardDirectories shards = new ShardDirectories(standIn, Durability.FSYNC);
    Path leaf = instances.resolve(Shards.relativePath("run-42")).getParent();
    ShardDirectories.make(leaf);
    shards.flushShardNames(leaf);
    Object first = fileKey(leaf);
    boolean same = false;
    for (int round = 0; round < 200 && !same; round++) {
      ShardDirectories.removeIfEmpty(leaf);
      assertFalse(Files.exists(leaf.getParent()), "the leaf and its top-level shard are gone");
      ShardDirectories.make(leaf);
      same = first.equals(fileKey(leaf));
    }
    Files.delete(standIn);

    assertThrows(
        NoSuchFileException.class, () -> shards.flushShardNames(leaf), "same key: " + same);
  }

  private static Object fileKey(Path path) throws IOException {
    return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
        .fileKey();
  }
}
