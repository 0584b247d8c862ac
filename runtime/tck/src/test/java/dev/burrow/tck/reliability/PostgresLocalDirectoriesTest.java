package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.BurrowException;
import dev.burrow.Durability;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.runtime.testing.DeepTrees;
import dev.burrow.runtime.testing.Leftovers;
import dev.burrow.runtime.testing.ModificationTimes;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The PostgreSQL backend's instance directories on this host's disk: {@code instances/}, {@code
 * .burrow/}, the trash and its stripes planted as links (before the store opens, or swapped in
 * after) are refused with an exception naming the planted path, before anything is deleted, and
 * nothing outside the data root is ever made, moved or removed; a tree whose paths outgrow PATH_MAX
 * once moved into the trash is removed all the same. With two hosts (two data roots) on the same
 * tables: a host's directory of an instance deleted elsewhere is never handed to one created again
 * with its ID, and is removed at the host's next open, while a live instance's directory is kept.
 */
@ExtendWith(PostgresExtension.class)
class PostgresLocalDirectoriesTest {
  private static final Duration LEASE = Duration.ofSeconds(15);
  private static final AtomicLong NEXT_PREFIX = new AtomicLong();

  private static DataSource pool;

  @TempDir Path root;
  @TempDir Path outside;

  /** A second host's data root, on the same tables. */
  @TempDir Path otherHost;

  private final String prefix = "localdirs" + NEXT_PREFIX.incrementAndGet() + "_";

  @BeforeAll
  static void connect(LocalPostgres server) {
    pool = server.sharedPool();
  }

  /** The generated counter store on PostgreSQL, instance directories under {@link #root}. */
  private CounterStore open() {
    return Counters.onPostgres(pool, prefix, LEASE, Counters.options(root, Durability.NONE));
  }

  @Test
  void aBurrowDirectoryLinkedOutsideIsRefusedAtOpenAndNothingThereIsSwept() throws IOException {
    Path grave = Files.createDirectories(outside.resolve("trash/job1~0123456789abcdef"));
    Files.writeString(grave.resolve("notes.txt"), "precious");
    Files.createDirectories(outside.resolve("trash/0/job2~0123456789abcdef"));

    assertOpenRefused(Files.createSymbolicLink(root.resolve(".burrow"), outside));
  }

  @Test
  void aTrashLinkedOutsideIsRefusedAtOpen() throws IOException {
    Files.writeString(outside.resolve("mine.txt"), "mine");
    Files.createDirectories(root.resolve(".burrow"));

    assertOpenRefused(Files.createSymbolicLink(root.resolve(".burrow/trash"), outside));
  }

  @Test
  void instancesLinkedOutsideBeforeOpenAreNeverMovedOrRemoved() throws IOException {
    Path victim = Files.createDirectories(outside.resolve("victim"));
    Files.writeString(victim.resolve("notes.txt"), "precious");
    Path link = Files.createSymbolicLink(root.resolve("instances"), outside);
    try (CounterStore store = open()) {
      store.create("victim");
      Map<Path, FileTime> before = ModificationTimes.of(outside);

      assertNames(assertThrows(BurrowException.class, () -> store.delete("victim")), link);
      assertNames(assertThrows(BurrowException.class, () -> store.dirs("victim")), link);

      assertTrue(store.find("victim").isPresent(), "the refused delete deleted nothing");
      assertEquals(before, ModificationTimes.of(outside), "nothing outside changed");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"instances", ".burrow", ".burrow/trash"})
  void aDirectorySwappedForALinkAfterOpenIsRefusedBeforeTheDelete(String directory)
      throws IOException {
    Path link = root.resolve(directory);
    try (CounterStore store = open()) {
      store.create("warm-up");
      store.dirs("warm-up");
      assertTrue(store.delete("warm-up"), "the first delete made the trash");
      store.create("job1");
      Files.writeString(store.dirs("job1").workspace().resolve("notes.txt"), "job1's");
      RootChecks.swapForLink(root, directory, outside);
      Map<Path, FileTime> before = ModificationTimes.of(outside);

      assertNames(assertThrows(BurrowException.class, () -> store.delete("job1")), link);

      assertTrue(store.find("job1").isPresent(), "the refused delete deleted nothing");
      assertEquals(before, ModificationTimes.of(outside), "nothing outside changed");
    }
    if (!directory.equals("instances")) {
      assertOpenRefused(link);
    }
  }

  @Test
  void trashStripesPlantedAsLinksAreRefusedByDeleteAndClearedByTheNextOpen() throws IOException {
    Files.writeString(outside.resolve("mine.txt"), "mine");
    try (CounterStore store = open()) {
      store.create("warm-up");
      store.dirs("warm-up");
      assertTrue(store.delete("warm-up"), "the first delete made the trash");
      store.create("kept");
      store.dirs("kept");
      for (char name : "0123456789abcdef".toCharArray()) {
        Path stripe = root.resolve(".burrow/trash/" + name);
        Files.deleteIfExists(stripe);
        Files.createSymbolicLink(stripe, outside);
      }
      Map<Path, FileTime> before = ModificationTimes.of(outside);

      BurrowException e = assertThrows(BurrowException.class, () -> store.delete("kept"));

      assertTrue(e.getMessage().contains(root.resolve(".burrow/trash") + "/"), e.getMessage());
      assertTrue(store.find("kept").isPresent(), "the refused delete deleted nothing");
      assertEquals(before, ModificationTimes.of(outside), "nothing outside changed");
    }
    try (CounterStore reopened = open()) {
      assertTrue(reopened.delete("kept"), "the sweep at open removed the planted links");
    }
    try (Stream<Path> left = Files.list(outside)) {
      assertEquals(List.of(outside.resolve("mine.txt")), left.toList(), "nothing moved outside");
    }
    Leftovers.assertNone(root, "after the delete");
  }

  @Test
  void deleteRemovesATreeWhoseDeepestPathIsAtTheLimit() throws IOException {
    try (CounterStore store = open()) {
      store.create("x");
      Path deepest = DeepTrees.deepestDirectory(store.dirs("x").workspace(), "notes.txt");
      Files.createDirectories(deepest);
      Path file = deepest.resolve("notes.txt");
      Files.writeString(file, "deep");
      assertEquals(DeepTrees.PATH_MAX - 1, DeepTrees.bytes(file), "the tree reaches the limit");

      assertTrue(store.delete("x"));

      assertTrue(store.find("x").isEmpty());
      Leftovers.assertNone(root, "after the delete");
      assertTrue(Files.notExists(root.resolve("instances/x")), "the directory is gone");
    }
  }

  /**
   * Host B keeps a directory with files for an instance that host A deletes and creates again with
   * the same ID: B's directory lookup says the deleted instance is gone, and then hands the new
   * instance a fresh, empty directory, never the old one's files.
   */
  @Test
  void anInstanceCreatedAgainOnAnotherHostNeverSeesTheOldInstancesFiles() throws IOException {
    try (CounterStore hostA = open();
        CounterStore hostB = openOn(otherHost)) {
      hostA.create("job");
      Path workspace = hostB.dirs("job").workspace();
      Files.writeString(workspace.resolve("result.txt"), "the old job's");
      assertTrue(hostA.delete("job"));
      assertThrows(InstanceNotFoundException.class, () -> hostB.dirs("job"));
      hostA.create("job");

      assertEquals(workspace, hostB.dirs("job").workspace());

      assertEquals(List.of(), entries(workspace), "the new job's workspace is empty");
      Leftovers.assertNone(otherHost, "after the fresh directory");
    }
  }

  /**
   * Opening a store on host B removes B's directories of instances deleted meanwhile by host A (one
   * deleted, one deleted and created again) and keeps a live instance's files.
   */
  @Test
  void openingAHostRemovesTheDirectoriesOfInstancesDeletedElsewhereAndKeepsLiveOnes()
      throws IOException {
    List<String> ids = List.of("gone", "again", "live");
    try (CounterStore hostA = open()) {
      try (CounterStore hostB = openOn(otherHost)) {
        for (String id : ids) {
          hostA.create(id);
          Files.writeString(hostB.dirs(id).workspace().resolve("notes.txt"), id + "'s");
        }
      }
      assertTrue(hostA.delete("gone"));
      assertTrue(hostA.delete("again"));
      hostA.create("again");

      try (CounterStore hostB = openOn(otherHost)) {
        assertEquals(
            List.of(otherHost.resolve("instances/live")),
            entries(otherHost.resolve("instances")),
            "only the live instance's directory is left");
        assertEquals(
            "live's", Files.readString(otherHost.resolve("instances/live/workspace/notes.txt")));
        Leftovers.assertNone(otherHost, "after the sweep");
        assertEquals(List.of(), entries(hostB.dirs("again").workspace()));
      }
    }
  }

  /**
   * A directory made before incarnations were recorded (no record) is taken for the live
   * instance's: its files stay, at open and at lookup; once its instance is deleted elsewhere, the
   * next open removes it.
   */
  @Test
  void aDirectoryWithoutARecordIsKeptForItsLiveInstanceAndRemovedOnceItIsGone() throws IOException {
    try (CounterStore hostA = open()) {
      hostA.create("old");
      Path notes = otherHost.resolve("instances/old/workspace/notes.txt");
      Files.createDirectories(notes.getParent());
      Files.writeString(notes, "from before");
      try (CounterStore hostB = openOn(otherHost)) {
        assertEquals(notes.getParent(), hostB.dirs("old").workspace());
        assertEquals("from before", Files.readString(notes));
      }
      Files.delete(otherHost.resolve(".burrow/incarnations/old"));
      assertTrue(hostA.delete("old"));
      try (CounterStore hostB = openOn(otherHost)) {
        assertTrue(Files.notExists(otherHost.resolve("instances/old")), "removed at open");
      }
    }
  }

  private CounterStore openOn(Path dataRoot) {
    return Counters.onPostgres(pool, prefix, LEASE, Counters.options(dataRoot, Durability.NONE));
  }

  private static List<Path> entries(Path directory) throws IOException {
    if (Files.notExists(directory)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.toList();
    }
  }

  /** Opening a store is refused, naming {@code link}, and nothing outside the root changes. */
  private void assertOpenRefused(Path link) throws IOException {
    Map<Path, FileTime> before = ModificationTimes.of(outside);

    BurrowException e = assertThrows(BurrowException.class, this::open);

    assertNames(e, link);
    assertEquals(before, ModificationTimes.of(outside), "nothing outside changed");
  }

  private static void assertNames(BurrowException e, Path planted) {
    assertTrue(e.getMessage().contains(planted + ": it is a symbolic link"), e.getMessage());
  }
}
