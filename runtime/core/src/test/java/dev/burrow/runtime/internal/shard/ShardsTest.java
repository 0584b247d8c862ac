package dev.burrow.runtime.internal.shard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.IdKind;
import dev.burrow.runtime.internal.id.IdGenerators;
import dev.burrow.runtime.internal.store.NewestFirst;
import dev.burrow.spi.PathSegments;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardsTest {
  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-";

  @TempDir Path root;

  @Test
  void shardsListInTheOrderOfTheirIds() {
    List<String> ids = ids();
    for (int level = 1; level <= 2; level++) {
      for (String a : ids) {
        Shards.Key shardOfA = Shards.keyOf(a, level);
        for (String b : ids) {
          int shards = Shards.ORDER.compare(shardOfA, Shards.keyOf(b, level));
          if (shards != 0) {
            assertEquals(
                Integer.signum(shards),
                Integer.signum(NewestFirst.IDS.compare(a, b)),
                "level " + level + ": " + a + " and " + b + " list against their shards' order");
          }
        }
      }
    }
  }

  @Test
  void everyShardNameStandsForItsKeyAndIsNoInstanceId() {
    for (String id : ids()) {
      String[] path = Shards.relativePath(id).split("/");
      assertEquals(3, path.length, id);
      assertEquals(id, path[2]);
      String top = path[0];
      String leaf = path[1];
      assertEquals(Shards.keyOf(id, 1), Shards.parse(top, 1), top);
      assertEquals(Shards.keyOf(id, 2), Shards.parse(leaf, 2), leaf);
      assertEquals(Shards.keyOf(id, 1), Shards.topOf(Shards.keyOf(id, 2)), leaf);
      assertTrue(Shards.holds(Shards.keyOf(id, 2), 2, id), id);
      for (String name : List.of(top, leaf)) {
        assertFalse(PathSegments.isValid(name), name + " could be taken for an instance");
        assertFalse(name.endsWith(".") || name.startsWith(".") || name.startsWith("-"), name);
      }
    }
  }

  @Test
  void namesThatAreNoShardAreRefused() {
    for (String name :
        List.of("run-1", "@t", "abc", "abc@", "abc@x", "abcdefg@t", "12@3", "123@03", ".ab@t")) {
      assertNull(Shards.parse(name, 1), name);
    }
    assertNull(Shards.parse("abcdefghijk@t", 2));
  }

  @Test
  void aLeafOfTimeOrderedIdsSpansSeconds() {
    String snowflake = IdGenerators.forKind(IdKind.SNOWFLAKE, root).nextId();
    String uuid = IdGenerators.forKind(IdKind.UUID_V7, root).nextId();
    assertEquals(snowflake.length() - 10, Shards.keyOf(snowflake, 2).prefix().length());
    assertEquals(snowflake.length() - 14, Shards.keyOf(snowflake, 1).prefix().length());
    assertEquals(uuid.substring(0, 10), Shards.keyOf(uuid, 2).prefix());
    assertEquals(uuid.substring(0, 6), Shards.keyOf(uuid, 1).prefix());
  }

  private List<String> ids() {
    Random random = new Random(13);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 150; i++) {
      ids.add(Long.toString(300_000_000_000_000_000L + random.nextLong(2_000_000_000_000_000L)));
      ids.add(String.format("%0" + (1 + random.nextInt(15)) + "d", random.nextInt(100_000)));
      ids.add(text(random, 1 + random.nextInt(20)));
    }
    ids.add(IdGenerators.forKind(IdKind.UUID_V7, root).nextId());
    ids.removeIf(id -> !PathSegments.isValid(id));
    return ids;
  }

  private static String text(Random random, int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < length; i++) {
      out.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return out.toString();
  }
}
