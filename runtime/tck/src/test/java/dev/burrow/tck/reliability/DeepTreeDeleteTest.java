package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.runtime.testing.DeepTrees;
import dev.burrow.runtime.testing.Leftovers;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delete finishes for a tree whose deepest path only just fits under PATH_MAX where the instance
 * lives: moved aside into {@code .burrow/trash/}, its paths may no longer fit, and it must still be
 * removed. So it does for a tree thousands of directories deep, and such a tree planted in the
 * trash does not stop a store from opening.
 */
class DeepTreeDeleteTest {
  /** Deep enough that a removal recursing once per level ran out of stack (4000 already did). */
  private static final int DEPTH = 5000;

  @TempDir Path root;

  @Test
  void deleteRemovesATreeWhoseDeepestPathIsAtTheLimit() throws IOException {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("x");
      Path deepest = DeepTrees.deepestDirectory(store.dirs("x").workspace(), "notes.txt");
      Files.createDirectories(deepest);
      Path file = deepest.resolve("notes.txt");
      Files.writeString(file, "deep");
      assertEquals(
          DeepTrees.PATH_MAX - 1, DeepTrees.bytes(file), "the test tree reaches the limit exactly");

      assertTrue(store.delete("x"));

      assertTrue(store.find("x").isEmpty());
    }
    Leftovers.assertNone(root, "after close");
    try (CounterStore reopened = Counters.open(root, Durability.NONE)) {
      assertFalse(reopened.find("x").isPresent());
      Leftovers.assertNone(root, "after a sweep");
    }
  }

  @Test
  void deleteRemovesATreeThousandsOfDirectoriesDeep() throws IOException {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("x");
      DeepTrees.makeChain(store.dirs("x").workspace(), DEPTH);

      assertTrue(store.delete("x"));

      assertTrue(store.find("x").isEmpty());
    }
    Leftovers.assertNone(root, "after close");
  }

  @Test
  void openRemovesATreeThousandsOfDirectoriesDeepPlantedInTheTrash() throws IOException {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("x");
    }
    DeepTrees.makeChain(root.resolve(".burrow/trash/0/planted"), DEPTH);

    try (CounterStore reopened = Counters.open(root, Durability.NONE)) {
      Leftovers.assertNone(root, "after the sweep at open");
      assertTrue(reopened.find("x").isPresent());
    }
  }
}
