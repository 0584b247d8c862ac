package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.BurrowException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.InvalidIdException;
import dev.burrow.Listing;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.HostileNames;
import dev.burrow.runtime.testing.ModificationTimes;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.tck.LogSafety;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Contract line 6: hostile IDs are rejected before any file is touched; links never lead out. */
class HostileInputTest {
  @TempDir Path root;
  @TempDir Path outside;

  static Stream<String> hostileIds() {
    return HostileNames.ids();
  }

  @ParameterizedTest
  @MethodSource("hostileIds")
  void everyOperationRejectsTheIdBeforeTouchingAnyFile(String id) throws IOException {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("existing");
      Map<Path, FileTime> before = ModificationTimes.of(root);

      List<Consumer<CounterStore>> operations =
          List.of(
              s -> s.create(id),
              s -> s.get(id),
              s -> s.find(id),
              s -> s.update(id, c -> {}),
              s ->
                  s.compareAndSet(
                      new Counter(id, 1, Instant.EPOCH, Instant.EPOCH, "x", 0, Map.of())),
              s -> s.delete(id),
              s -> s.dirs(id),
              s -> s.lock(id).close());
      for (Consumer<CounterStore> operation : operations) {
        InvalidIdException e =
            assertThrows(InvalidIdException.class, () -> operation.accept(store));
        assertFalse(e.rule().isEmpty());
        assertTrue(e.getMessage().startsWith("invalid instance id"), e.getMessage());
        LogSafety.assertSafe(e.getMessage());
      }

      assertEquals(before, ModificationTimes.of(root));
    }
  }

  @Test
  void aNullOrEmptyDataRootIsRefusedNamingTheOptionBeforeAnythingIsCreated() {
    Path workingDirectory = Path.of("").toAbsolutePath();
    boolean hadInstances = Files.exists(workingDirectory.resolve("instances"));
    for (Path refused : Arrays.asList(null, Path.of(""))) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> CounterStore.open(refused).close());
      assertTrue(e.getMessage().startsWith("StoreOptions.dataRoot must not be "), e.getMessage());
    }
    assertEquals(hadInstances, Files.exists(workingDirectory.resolve("instances")));
  }

  @Test
  void atLeastThirtyKindsOfHostileIdAreCovered() {
    assertTrue(hostileIds().count() >= 30);
  }

  @Test
  void aSymlinkPlantedUnderInstancesNeverLeadsAWriteOutside() throws IOException {
    Path victim = outside.resolve("victim");
    Files.createDirectories(victim);
    Files.writeString(victim.resolve("instance.json"), "{\"id\":\"evil\",\"version\":\"1\"}");
    Map<Path, FileTime> outsideBefore = ModificationTimes.of(outside);
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("healthy");
      Path evil = Stores.instanceDirectory(root, "evil");
      Files.createDirectories(evil.getParent());
      Files.createSymbolicLink(evil, victim);

      assertThrows(CorruptInstanceException.class, () -> store.get("evil"));
      assertThrows(CorruptInstanceException.class, () -> store.update("evil", c -> {}));
      assertThrows(Exception.class, () -> store.create("evil"));
      Listing<Counter> listing = store.scan();
      assertEquals(List.of("healthy"), listing.items().stream().map(Counter::id).toList());
      assertEquals(1, listing.problems().size());
      assertTrue(listing.problems().get(0).getMessage().contains("symbolic link"));

      assertTrue(store.delete("evil"));
      assertFalse(
          Files.exists(
              Stores.instanceDirectory(root, "evil"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }
    assertEquals(outsideBefore, ModificationTimes.of(outside));
    assertTrue(Files.exists(victim.resolve("instance.json")));
  }

  @Test
  void aShardSwappedForASymlinkNeverLeadsAWriteOutside() throws IOException {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("swapped");
      store.create("healthy");
      Path leaf = store.dirs("swapped").root().getParent();
      Path moved = outside.resolve("leaf");
      Files.move(leaf, moved);
      Files.createSymbolicLink(leaf, moved);
      Map<Path, FileTime> outsideBefore = ModificationTimes.of(outside);

      for (Executable write :
          List.<Executable>of(
              () -> store.update("swapped", Counter::increment),
              () -> store.delete("swapped"),
              () -> store.create("swapped"))) {
        BurrowException refused = assertThrows(BurrowException.class, write);
        assertTrue(refused.getMessage().contains(leaf.toString()), refused.getMessage());
      }
      Listing<Counter> listing = store.scan();
      assertEquals(List.of("healthy"), listing.items().stream().map(Counter::id).toList());
      assertEquals(1, listing.problems().size(), listing.problems().toString());

      assertEquals(outsideBefore, ModificationTimes.of(outside));
    }
  }

  @Test
  void aSymlinkedDocumentIsNeverFollowed() throws IOException {
    Path secret = outside.resolve("secret.json");
    Files.writeString(
        secret,
        "{\"id\":\"doc\",\"version\":\"9\",\"createdAt\":\"2020-01-01T00:00:00Z\","
            + "\"updatedAt\":\"2020-01-01T00:00:00Z\"}");
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("doc");
      Path document = Stores.instanceDirectory(root, "doc").resolve("instance.json");
      Files.delete(document);
      Files.createSymbolicLink(document, secret);

      CorruptInstanceException e =
          assertThrows(CorruptInstanceException.class, () -> store.get("doc"));
      assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    }
    assertEquals(
        "{\"id\":\"doc\",\"version\":\"9\",\"createdAt\":\"2020-01-01T00:00:00Z\","
            + "\"updatedAt\":\"2020-01-01T00:00:00Z\"}",
        Files.readString(secret));
  }

  @Test
  void deletingAnInstanceWhoseSubdirectoryIsALinkRemovesTheLinkNotItsTarget() throws IOException {
    Path precious = Files.createDirectories(outside.resolve("precious"));
    Files.writeString(precious.resolve("keep.txt"), "keep");
    Map<Path, FileTime> outsideBefore = ModificationTimes.of(outside);
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("linked");
      Path workspace = store.dirs("linked").workspace();
      Files.delete(workspace);
      Files.createSymbolicLink(workspace, precious);
      Files.createSymbolicLink(
          store.dirs("linked").logs().resolve("escape"), precious.resolve("keep.txt"));

      assertTrue(store.delete("linked"));
      assertFalse(
          Files.exists(
              Stores.instanceDirectory(root, "linked"), java.nio.file.LinkOption.NOFOLLOW_LINKS));
    }
    assertEquals(outsideBefore, ModificationTimes.of(outside));
  }

  @ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(
      strings = {
        "instances",
        ".burrow",
        ".burrow/trash",
        ".burrow/staging",
        ".burrow/locks",
        ".burrow/tmp"
      })
  void aDataRootWhoseOwnDirectoryIsALinkIsRefusedAndTheTargetUntouched(String directory)
      throws IOException {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("x");
    }
    RootChecks.swapForLink(root, directory, outside);
    Path planted = root.resolve(directory);
    Map<Path, FileTime> outsideBefore = ModificationTimes.of(outside);

    dev.burrow.BurrowException e =
        assertThrows(dev.burrow.BurrowException.class, () -> Counters.open(root, Durability.NONE));

    assertTrue(
        e.getMessage().contains(planted.toString()) && e.getMessage().contains("symbolic link"),
        e.getMessage());
    assertEquals(outsideBefore, ModificationTimes.of(outside));
  }

  /**
   * A data root below a linked directory (a linked home or temporary directory, which the user
   * chose) opens with Snowflake IDs, which lease a worker number at open, and creates. Before, the
   * open threw {@code IllegalArgumentException: <real path>/.burrow/workers is not below <root>}.
   */
  @Test
  void aDataRootBelowALinkedDirectoryOpensAndCreatesWithGeneratedIds() throws IOException {
    Path linked = Files.createSymbolicLink(outside.resolve("linked"), root).resolve("data");
    try (CounterStore store =
        CounterStore.open(
            StoreOptions.defaults().withDataRoot(linked).withDurability(Durability.NONE))) {
      Counter created = store.create();
      assertEquals(created, store.get(created.id()));
    }
  }

  @Test
  void aDataRootWithControlAndBidiCharactersIsQuotedEscapedInMessages() throws IOException {
    Path strange = root.resolve("new\nline\u202eevil\u001b[31m");
    try (CounterStore store = Counters.open(strange, Durability.NONE)) {
      store.create("victim");
      Files.writeString(
          Stores.instanceDirectory(strange, "victim").resolve("instance.json"), "{\"id\":");

      CorruptInstanceException e =
          assertThrows(CorruptInstanceException.class, () -> store.get("victim"));

      LogSafety.assertSafe(e.getMessage());
      assertTrue(e.getMessage().contains("instance.json"), e.getMessage());
    }
  }
}
