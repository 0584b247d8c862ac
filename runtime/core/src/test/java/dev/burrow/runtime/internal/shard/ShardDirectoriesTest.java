package dev.burrow.runtime.internal.shard;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burrow.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flushing after a removal from a shard that another delete removed once it was empty: the nearest
 * directory still there carries the removal, and only a missing {@code instances/} is an error.
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
}
