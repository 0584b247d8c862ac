package dev.burrow.runtime.internal.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shard directories of a session: concurrent writers of different targets create and rename
 * their temporary files in different directories, so they do not queue behind one directory's lock
 * in the kernel.
 */
class TempFilesTest {
  @TempDir Path root;

  @Test
  void theTemporaryFilesOfOneTargetShareAShardAndManyTargetsSpreadOverAllShards()
      throws IOException {
    TempFiles temps = TempFiles.forRoot(root);
    Path target = root.resolve("instances/a/instance.json");
    Path shard = temps.newPath(target, Durability.NONE).getParent();

    assertEquals(shard, temps.newPath(target, Durability.NONE).getParent());
    Set<Path> shards = new HashSet<>();
    for (int i = 0; i < 1000; i++) {
      shards.add(
          temps
              .newPath(root.resolve("instances/" + i + "/instance.json"), Durability.NONE)
              .getParent());
    }
    assertEquals(TempFiles.SHARDS, shards.size(), "shards used: " + shards);
    for (Path used : shards) {
      assertEquals(shard.getParent(), used.getParent(), "one session holds every shard");
      assertTrue(
          Files.isDirectory(used, LinkOption.NOFOLLOW_LINKS), used + " is made on first use");
    }
  }

  @Test
  void aShardRemovedByAPersonIsMadeAgainInTheSameSession() throws IOException {
    TempFiles temps = TempFiles.forRoot(root);
    Path target = root.resolve("instances/a/instance.json");
    Path shard = temps.newPath(target, Durability.NONE).getParent();
    Trees.delete(shard);

    Path temp = temps.newPath(target, Durability.NONE);

    assertEquals(shard, temp.getParent());
    assertTrue(Files.isDirectory(shard, LinkOption.NOFOLLOW_LINKS));
  }
}
