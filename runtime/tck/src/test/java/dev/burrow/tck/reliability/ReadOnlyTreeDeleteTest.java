package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.Durability;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.testing.Leftovers;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.test.internal.Prerequisites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delete finishes when the instance's tree holds read-only directories (as Go's module cache
 * makes them, or {@code chmod -R a-w} on build outputs): once the store is closed (the background
 * removal done) or reopened (the sweep), nothing is left in {@code .burrow/trash}; a link in the
 * tree is removed, and what it points to keeps its files and its mode. The deleting store runs as a
 * user without root's power over permissions ({@link Unprivileged}).
 */
class ReadOnlyTreeDeleteTest {
  @TempDir Path work;
  private List<String> launcher = List.of();
  private Path root = Path.of("");

  @BeforeEach
  void unprivilegedRoot() throws IOException {
    Prerequisites.require(
        OwnerOnly.isPosix(),
        "no POSIX permissions: the read-only tree checks did not run",
        "POSIX");
    launcher = Unprivileged.launcher("the read-only tree delete check");
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    root = work.resolve("data");
  }

  @Test
  void deleteRemovesATreeWithReadOnlyDirectories() throws IOException {
    makeReadOnly(createWithCache("x"));

    Unprivileged.Output output = deleteAsUnprivileged("x");

    assertEquals(List.of("deleted true"), output.lines());
    Leftovers.assertNone(root, "once the deleting store closed");
  }

  /**
   * Directories that may be read but not searched ({@code chmod -R 644}): the removal opens each
   * directory through {@code <dir>/.} so that a FIFO swapped in cannot block it, which such a
   * directory refuses; it is then opened by its name, as before, and removed.
   */
  @Test
  void deleteRemovesATreeWhoseDirectoriesMayBeReadButNotSearched() throws IOException {
    Path cache = createWithCache("x");
    giveToUnprivileged(root);
    Unprivileged.chmodTree(cache, "rw-r--r--", "rw-r--r--");

    Unprivileged.Output output = deleteAsUnprivileged("x");

    assertEquals(List.of("deleted true"), output.lines());
    Leftovers.assertNone(root, "once the deleting store closed");
  }

  @Test
  void openRemovesAReadOnlyTreeAnInterruptedDeleteLeftInTheTrash() throws IOException {
    makeReadOnly(createWithCache("x"));
    Path grave = root.resolve(".burrow/trash/0/x~0123456789abcdef");
    Files.move(Stores.instanceDirectory(root, "x"), grave);

    Unprivileged.run(launcher, work, ReadOnlyTreeDelete.class, root.toString());

    Leftovers.assertNone(root, "after the sweep at open");
  }

  @Test
  void aLinkInTheTreeIsRemovedAndWhatItPointsToKeepsItsFilesAndMode() throws IOException {
    Path outside = Files.createDirectory(work.resolve("outside"));
    Files.writeString(outside.resolve("keep.txt"), "kept");
    Path cache = createWithCache("x");
    Files.createSymbolicLink(cache.resolve("a/outside"), outside);
    Files.createSymbolicLink(cache.resolve("a/b/keep.txt"), outside.resolve("keep.txt"));
    makeReadOnly(cache);
    giveToUnprivileged(outside);
    readOnly(outside);

    Unprivileged.Output output = deleteAsUnprivileged("x");

    assertEquals(List.of("deleted true"), output.lines());
    Leftovers.assertNone(root, "once the deleting store closed");
    assertEquals("kept", Files.readString(outside.resolve("keep.txt")));
    try (Stream<Path> entries = Files.list(outside)) {
      assertEquals(List.of(outside.resolve("keep.txt")), entries.toList());
    }
    assertEquals("r-xr-xr-x", mode(outside), "the outside directory's mode");
    assertEquals("r--r--r--", mode(outside.resolve("keep.txt")), "the outside file's mode");
  }

  @Test
  void aReadOnlyTreeDeeperThanARemovalHoldsOpenIsRemovedAndItsLinksAreNotFollowed()
      throws IOException {
    Path outside = Files.createDirectory(work.resolve("outside"));
    Files.writeString(outside.resolve("keep.txt"), "kept");
    Path cache = createWithCache("x");
    Path bottom = Files.createDirectories(cache.resolve("d/".repeat(300)));
    Files.writeString(bottom.resolve("deep.txt"), "deep");
    Files.createSymbolicLink(bottom.resolve("outside"), outside);
    makeReadOnly(cache);
    giveToUnprivileged(outside);
    readOnly(outside);

    Unprivileged.Output output = deleteAsUnprivileged("x");

    assertEquals(List.of("deleted true"), output.lines());
    Leftovers.assertNone(root, "once the deleting store closed");
    try (Stream<Path> entries = Files.list(outside)) {
      assertEquals(List.of(outside.resolve("keep.txt")), entries.toList());
    }
    assertEquals("r-xr-xr-x", mode(outside), "the outside directory's mode");
  }

  @Test
  void whatStillCannotBeRemovedIsLeftAndLoggedAndEverythingElseRemoved() throws IOException {
    Path cache = createWithCache("x");
    Path locked = Files.createDirectories(cache.resolve("a/locked"));
    Files.writeString(locked.resolve("secret.txt"), "secret");
    makeReadOnly(cache);
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try {
      Unprivileged.Output output = deleteAsUnprivileged("x");

      assertEquals(List.of("deleted true"), output.lines());
      List<Path> graves = trashEntries();
      assertEquals(1, graves.size(), graves.toString());
      Path grave = graves.get(0);
      Path left = grave.resolve("workspace/cache/a/locked");
      Files.setPosixFilePermissions(left, PosixFilePermissions.fromString("rwx------"));
      try (Stream<Path> all = Files.walk(grave)) {
        assertEquals(
            List.of(
                grave,
                grave.resolve("workspace"),
                grave.resolve("workspace/cache"),
                grave.resolve("workspace/cache/a"),
                left,
                left.resolve("secret.txt")),
            all.sorted().toList(),
            "only the directory the owner may not open is left, with what leads to it");
      }
      String warning = "left " + grave + " for a later sweep: cannot remove " + left + ": ";
      assertEquals(
          1,
          output.stderr().lines().filter(line -> line.contains(warning)).count(),
          output.stderr());
    } finally {
      Files.setPosixFilePermissions(locked(), PosixFilePermissions.fromString("rwx------"));
    }
  }

  /** The directory the last test locked, wherever it is now. */
  private Path locked() throws IOException {
    List<Path> graves = trashEntries();
    return graves.isEmpty()
        ? Stores.instanceDirectory(root, "x").resolve("workspace/cache/a/locked")
        : graves.get(0).resolve("workspace/cache/a/locked");
  }

  /**
   * Creates the instance {@code id} with files in {@code workspace/cache/a/b} and {@code
   * workspace/cache}; returns the cache directory.
   */
  private Path createWithCache(String id) throws IOException {
    Path cache;
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create(id);
      cache = store.dirs(id).workspace().resolve("cache");
    }
    Files.createDirectories(cache.resolve("a/b"));
    Files.writeString(cache.resolve("a/b/one.txt"), "one");
    Files.writeString(cache.resolve("a/b/two.txt"), "two");
    Files.writeString(cache.resolve("z.txt"), "z");
    return cache;
  }

  /** Gives the root to the unprivileged user and makes the {@code cache} subtree read-only. */
  private void makeReadOnly(Path cache) throws IOException {
    giveToUnprivileged(root);
    readOnly(cache);
  }

  private Unprivileged.Output deleteAsUnprivileged(String id) throws IOException {
    return Unprivileged.run(launcher, work, ReadOnlyTreeDelete.class, root.toString(), id);
  }

  private List<Path> trashEntries() throws IOException {
    try (Stream<Path> stripes = Files.list(root.resolve(".burrow/trash"))) {
      return stripes
          .flatMap(
              stripe -> {
                try (Stream<Path> entries = Files.list(stripe)) {
                  return entries.toList().stream();
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              })
          .toList();
    }
  }

  private void giveToUnprivileged(Path tree) throws IOException {
    if (!launcher.isEmpty()) {
      Unprivileged.giveTo("nobody", "nogroup", tree);
    }
  }

  private static void readOnly(Path tree) throws IOException {
    Unprivileged.chmodTree(tree, "r-xr-xr-x", "r--r--r--");
  }

  private static String mode(Path path) throws IOException {
    return PosixFilePermissions.toString(
        Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
  }
}
