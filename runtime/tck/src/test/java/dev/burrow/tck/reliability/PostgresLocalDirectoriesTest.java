package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.BurrowException;
import dev.burrow.Durability;
import dev.burrow.runtime.testing.DeepTrees;
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
 * once moved into the trash is removed all the same.
 */
@ExtendWith(PostgresExtension.class)
class PostgresLocalDirectoriesTest {
  private static final Duration LEASE = Duration.ofSeconds(15);
  private static final AtomicLong NEXT_PREFIX = new AtomicLong();

  private static DataSource pool;

  @TempDir Path root;
  @TempDir Path outside;
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
      Map<Path, FileTime> before = RootChecks.modificationTimes(outside);

      assertNames(assertThrows(BurrowException.class, () -> store.delete("victim")), link);
      assertNames(assertThrows(BurrowException.class, () -> store.dirs("victim")), link);

      assertTrue(store.find("victim").isPresent(), "the refused delete deleted nothing");
      assertEquals(before, RootChecks.modificationTimes(outside), "nothing outside changed");
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
      Map<Path, FileTime> before = RootChecks.modificationTimes(outside);

      assertNames(assertThrows(BurrowException.class, () -> store.delete("job1")), link);

      assertTrue(store.find("job1").isPresent(), "the refused delete deleted nothing");
      assertEquals(before, RootChecks.modificationTimes(outside), "nothing outside changed");
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
      Map<Path, FileTime> before = RootChecks.modificationTimes(outside);

      BurrowException e = assertThrows(BurrowException.class, () -> store.delete("kept"));

      assertTrue(e.getMessage().contains(root.resolve(".burrow/trash") + "/"), e.getMessage());
      assertTrue(store.find("kept").isPresent(), "the refused delete deleted nothing");
      assertEquals(before, RootChecks.modificationTimes(outside), "nothing outside changed");
    }
    try (CounterStore reopened = open()) {
      assertTrue(reopened.delete("kept"), "the sweep at open removed the planted links");
    }
    try (Stream<Path> left = Files.list(outside)) {
      assertEquals(List.of(outside.resolve("mine.txt")), left.toList(), "nothing moved outside");
    }
    RootChecks.assertNoLeftovers(root, "after the delete");
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
      RootChecks.assertNoLeftovers(root, "after the delete");
      assertTrue(Files.notExists(root.resolve("instances/x")), "the directory is gone");
    }
  }

  /** Opening a store is refused, naming {@code link}, and nothing outside the root changes. */
  private void assertOpenRefused(Path link) throws IOException {
    Map<Path, FileTime> before = RootChecks.modificationTimes(outside);

    BurrowException e = assertThrows(BurrowException.class, this::open);

    assertNames(e, link);
    assertEquals(before, RootChecks.modificationTimes(outside), "nothing outside changed");
  }

  private static void assertNames(BurrowException e, Path planted) {
    assertTrue(e.getMessage().contains(planted + ": it is a symbolic link"), e.getMessage());
  }
}
