package dev.burrow.runtime.internal.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delete returns once its instance is gone; its files leave the trash in the background, and a
 * store's close waits until they have.
 */
class TrashRemoverTest {
  @TempDir Path root;

  @Test
  void aDeletedInstanceIsGoneAtOnceAndItsFilesAreRemovedByClose() throws IOException {
    int count = TrashRemover.MAX_PENDING * 2;
    try (CounterStore store = Stores.counters(root, Durability.NONE)) {
      for (int i = 0; i < count; i++) {
        String id = "doomed-" + i;
        store.create(id);
        Files.writeString(store.dirs(id).root().resolve("workspace").resolve("notes.txt"), "x");
      }
      for (int i = 0; i < count; i++) {
        String id = "doomed-" + i;
        assertTrue(store.delete(id));
        assertFalse(store.find(id).isPresent(), id + " is gone when delete returns");
      }
      assertEquals(List.of(), store.list(), "nothing listed");
      store.create("doomed-0");
      assertEquals(List.of("doomed-0"), store.list().stream().map(Counter::id).toList());
    }
    assertEquals(List.of(), TrashContents.leftIn(root), "close waited for every tree");
  }

  @Test
  void closingOneStoreWaitsForTheTreesItsRootQueuedBeforeIt() throws IOException {
    try (CounterStore other = Stores.counters(root, Durability.NONE)) {
      try (CounterStore store = Stores.counters(root, Durability.NONE)) {
        for (int i = 0; i < 100; i++) {
          other.create("a-" + i);
          assertTrue(other.delete("a-" + i));
        }
      }
      assertEquals(
          List.of(),
          TrashContents.leftIn(root),
          "trees queued by another store on the root before close");
    }
  }
}
