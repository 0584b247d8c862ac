package dev.burrow.runtime.internal.index;

import static dev.burrow.runtime.testing.CounterSchema.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.transfer.RawDocument;
import dev.burrow.runtime.internal.transfer.RawSchema;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries made by a tool without the user's classes (a {@link RawSchema}, durable by default) go
 * into their leaves: a tool leaves the root's layout as it is, and on a root of layout 2 an entry
 * directly in its top-level shard is a stray to a Burrow of that layout, which removes it while the
 * index stays marked complete.
 */
class RawSchemaEntryPlacementTest {
  private static final CounterSchema SCHEMA = CounterSchema.indexing(STATUS);

  @TempDir Path root;

  private Path values(String key) {
    return root.resolve(".burrow/indexes")
        .resolve(IndexNames.of(STATUS.name()))
        .resolve(IndexNames.of(key));
  }

  @Test
  void aToolsRepairOfALayout2RootRemakesAMissingEntryInItsLeafAndLeavesTheLayout()
      throws Exception {
    List<String> ids = new ArrayList<>();
    try (CounterStore store = Stores.counters(root, Durability.NONE, SCHEMA)) {
      for (int i = 0; i < 3; i++) {
        ids.add(store.create().id());
      }
    }
    Path marker = root.resolve(".burrow/store.json");
    assertTrue(Files.readString(marker).contains("\"layout\":2"), Files.readString(marker));
    String lost = ids.get(0);
    Files.delete(FieldIndex.entry(values("PENDING"), lost)); // the damage fsck --repair fixes

    RawSchema raw = new RawSchema(Objects.requireNonNull(FileSystemBackend.describedKind(root)));
    try (FileSystemBackend<RawDocument> tool =
        FileSystemBackend.open(raw, root, StoreOptions.defaults())) {
      tool.maintenance().repairIndexes();
    }

    assertTrue(Files.readString(marker).contains("\"layout\":2"), Files.readString(marker));
    for (String id : ids) {
      assertFalse(
          Files.exists(FieldIndex.entryInTop(values("PENDING"), id)),
          "entry of " + id + " directly in its top-level shard of a layout-2 root");
      assertTrue(Files.exists(FieldIndex.entry(values("PENDING"), id)), "entry of " + id);
    }
    try (CounterStore store = Stores.counters(root, Durability.NONE, SCHEMA)) {
      assertEquals(
          ids.stream().sorted().toList(),
          store.where(STATUS.equalTo("PENDING")).list().stream()
              .map(Counter::id)
              .sorted()
              .toList());
    }
  }
}
