package dev.burrow.runtime.internal.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.Listing;
import dev.burrow.runtime.internal.store.NewestFirst;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A root made before sharding (instances directly under {@code instances/}) is upgraded in place.
 */
class LayoutUpgradeTest {
  private static final int INSTANCES = 300;
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

  @TempDir Path root;

  @Test
  void aRootMadeBeforeShardingIsUpgradedWithEveryInstanceAndItsFiles() throws IOException {
    List<String> ids = flatRoot(INSTANCES);
    Files.writeString(root.resolve("instances/README.txt"), "not an instance");

    try (CounterStore store = Stores.counters(root, Durability.NONE)) {
      Listing<Counter> listing = store.scan();
      assertEquals(newestFirst(ids), listing.items().stream().map(Counter::id).toList());
      assertEquals(
          List.of(root.resolve("instances/README.txt").toString()),
          listing.problems().stream().map(CorruptInstanceException::location).toList());
      for (String id : ids) {
        assertEquals(counter(id), store.get(id));
        assertEquals(
            "notes of " + id,
            Files.readString(store.dirs(id).subdirectory("workspace").resolve("notes.txt")));
      }
      store.update(ids.get(0), Counter::incremented);
      store.create("after-the-upgrade");
    }
    assertEquals(List.of(), flatInstanceDirectories());
    assertEquals(KindMarker.SHARDED_LAYOUT, recordedLayout());
  }

  @ParameterizedTest
  @ValueSource(ints = {1, INSTANCES / 2, INSTANCES})
  void anUpgradeKilledMidwayIsFinishedByTheNextOpen(int stopAfter) throws IOException {
    List<String> ids = flatRoot(INSTANCES);

    try (ChildJvm child =
        ChildJvm.start(UpgradeChild.class, root.toString(), Integer.toString(stopAfter))) {
      assertEquals("midway " + stopAfter, child.nextLine());
      child.kill();
    }
    assertEquals(INSTANCES - stopAfter, flatInstanceDirectories().size(), "left where they were");
    assertEquals(stopAfter, shardedInstanceDirectories().size(), "moved before the kill");
    assertEquals(KindMarker.FLAT_LAYOUT, recordedLayout());

    try (CounterStore store = Stores.counters(root, Durability.NONE)) {
      Listing<Counter> listing = store.scan();
      assertEquals(newestFirst(ids), listing.items().stream().map(Counter::id).toList());
      assertEquals(List.of(), listing.problems());
      for (String id : ids) {
        assertEquals(counter(id), store.get(id));
      }
    }
    assertEquals(List.of(), flatInstanceDirectories());
    assertEquals(INSTANCES, shardedInstanceDirectories().size());
    assertEquals(KindMarker.SHARDED_LAYOUT, recordedLayout());
  }

  @Test
  void anOldCopyWhoseShardHoldsTheInstanceIsLeftAndReported() throws IOException {
    List<String> ids = flatRoot(2);
    try (CounterStore store = Stores.counters(root, Durability.NONE)) {
      store.update(ids.get(0), Counter::incremented);
    }
    writeFlat(ids.get(0));

    try (CounterStore store = Stores.counters(root, Durability.NONE)) {
      assertEquals(2, store.get(ids.get(0)).version());
      Listing<Counter> listing = store.scan();
      assertEquals(2, listing.items().size());
      assertEquals(
          List.of(root.resolve("instances").resolve(ids.get(0)).toString()),
          listing.problems().stream().map(CorruptInstanceException::location).toList());
    }
  }

  /** Instances of several ID forms, each with a document, its subdirectories and a user file. */
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
      writeFlat(id);
    }
    Files.writeString(root.resolve(".burrow/store.json"), "{\"kind\":\"counters\",\"layout\":1}");
    return ids;
  }

  private void writeFlat(String id) throws IOException {
    Path directory = root.resolve("instances").resolve(id);
    for (String sub : CounterSchema.SUBDIRECTORIES) {
      Files.createDirectories(directory.resolve(sub));
    }
    Files.write(directory.resolve("instance.json"), CounterSchema.INSTANCE.encode(counter(id)));
    Files.writeString(directory.resolve("workspace/notes.txt"), "notes of " + id);
    Files.createDirectories(root.resolve(".burrow"));
  }

  private static Counter counter(String id) {
    return new Counter(id, 1, T0, T0, "PENDING", id.length(), Map.of());
  }

  private static List<String> newestFirst(List<String> ids) {
    return ids.stream().sorted(NewestFirst.IDS).toList();
  }

  private List<Path> flatInstanceDirectories() throws IOException {
    try (Stream<Path> entries = Files.list(root.resolve("instances"))) {
      return entries
          .filter(p -> !p.getFileName().toString().contains("@"))
          .filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
          .toList();
    }
  }

  private List<Path> shardedInstanceDirectories() throws IOException {
    try (Stream<Path> entries = Files.walk(root.resolve("instances"), 3)) {
      return entries
          .filter(p -> root.relativize(p).getNameCount() == 4)
          .filter(p -> p.getParent().getFileName().toString().contains("@"))
          .toList();
    }
  }

  private int recordedLayout() throws IOException {
    String marker = Files.readString(root.resolve(".burrow/store.json"), StandardCharsets.UTF_8);
    assertTrue(marker.contains("\"kind\":\"counters\""), marker);
    return marker.contains("\"layout\":2") ? KindMarker.SHARDED_LAYOUT : KindMarker.FLAT_LAYOUT;
  }
}
