package dev.burrow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.Listing;
import dev.burrow.runtime.internal.fs.Trees;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Fifos;
import dev.burrow.runtime.testing.StoreOpener;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.runtime.testing.TempFileHolder;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the sweep at open removes, and what it must never touch. */
class SweepTest {
  @TempDir Path root;

  private CounterStore store() {
    return Stores.counters(root, Durability.NONE);
  }

  @Test
  void theSweepNeverRemovesAUsersFilesWhateverTheyAreNamed() throws IOException {
    Path instance;
    try (CounterStore store = store()) {
      store.create("kept");
      instance = store.dirs("kept").root();
    }
    List<Path> userFiles =
        List.of(
            instance.resolve(".draft.tmp"),
            instance.resolve(".instance.json.5eed.tmp"),
            instance.resolve("workspace/.cache.tmp"));
    for (Path file : userFiles) {
      Files.writeString(file, "mine");
    }

    try (CounterStore store = store()) {
      assertEquals(1, store.get("kept").version());
    }

    for (Path file : userFiles) {
      assertTrue(Files.exists(file), "the sweep removed a user's file " + file);
    }
  }

  @Test
  void crashLeftoversAreNeverReadAsDataAndAreSweptAtOpen() throws IOException {
    try (CounterStore store = store()) {
      store.create("kept");
    }
    Path temps = root.resolve(".burrow/tmp");
    Path withoutLease = temps.resolve("5eed/1f2e-instance.json");
    Files.createDirectories(withoutLease.getParent());
    Files.writeString(withoutLease, "{ half a docu");
    Path deadLease = Files.writeString(temps.resolve("beef.lease"), "");
    Path deadTemp = temps.resolve("beef/2a3b-notes.json");
    Files.createDirectories(deadTemp.getParent());
    Files.writeString(deadTemp, "{ half");
    Path staged = root.resolve(".burrow/staging/never-finished~1234");
    Files.createDirectories(staged.resolve("workspace"));
    Files.writeString(staged.resolve("instance.json"), "{}");
    Path grave = root.resolve(".burrow/trash/half-deleted~99");
    Files.createDirectories(grave.resolve("logs/deep"));
    Files.writeString(grave.resolve("logs/deep/file.txt"), "x");
    Path stripedGrave = root.resolve(".burrow/trash/c/deleted-later~aa");
    Files.createDirectories(stripedGrave.resolve("logs"));
    Files.writeString(stripedGrave.resolve("instance.json"), "{}");

    try (CounterStore store = store()) {
      Listing<Counter> listing = store.scan();
      assertEquals(List.of("kept"), listing.items().stream().map(Counter::id).toList());
      assertEquals(List.of(), listing.problems());
      for (Path gone :
          List.of(
              withoutLease.getParent(),
              deadLease,
              deadTemp.getParent(),
              staged,
              grave,
              stripedGrave)) {
        assertFalse(Files.exists(gone), "not swept: " + gone);
      }
      assertTrue(store.find("never-finished").isEmpty());
      assertTrue(store.find("half-deleted").isEmpty());
      assertTrue(store.find("deleted-later").isEmpty());
    }
  }

  @Test
  void aTemporaryAreaClearedByHandIsMadeAgainByTheNextWrite() throws IOException {
    try (CounterStore store = store()) {
      store.create("kept");
      store.update("kept", Counter::incremented);
      Trees.delete(root.resolve(".burrow/tmp"));

      assertEquals(2, store.update("kept", Counter::incremented).count());
      assertEquals(2, store.get("kept").count());
      List<Path> sessions;
      try (Stream<Path> entries = Files.list(root.resolve(".burrow/tmp"))) {
        sessions = entries.filter(Files::isDirectory).toList();
      }
      assertEquals(1, sessions.size(), "one session in " + sessions);
      Path session = sessions.get(0);
      assertTrue(
          Files.exists(session.resolveSibling(session.getFileName() + ".lease")),
          "the session in use has its lease, so no other process's sweep takes it for a dead one");
    }
  }

  @Test
  void theSweepLeavesALiveProcesssTemporaryFilesAloneAndRemovesThemOnceItIsGone()
      throws IOException {
    Path temp;
    try (ChildJvm child = ChildJvm.start(TempFileHolder.class, root.toString())) {
      temp = Path.of(child.nextLine());
      try (CounterStore store = store()) {
        store.create("busy");
        store.update("busy", Counter::incremented);
      }
      assertTrue(Files.exists(temp), "swept a live process's temporary file");
      child.kill();
    }

    try (CounterStore store = store()) {
      assertEquals(2, store.get("busy").version());
    }

    assertFalse(Files.exists(temp), "a dead process's temporary file was not swept");
    assertFalse(Files.exists(temp.getParent()), "a dead process's session was not swept");
  }

  /**
   * The same data root reached by a second path that real paths do not merge (here its parent
   * renamed after a store opened on it): the sweep at open knew this JVM's own sessions by their
   * lease's real path, so it opened the first store's lease and tried its lock, an {@code
   * OverlappingFileLockException} that escaped the open, and closing that channel dropped this
   * JVM's lock on its live session, which another process's sweep could then remove.
   */
  @Test
  void aSessionReachedThroughTheRootsNewPathAfterARenameIsStillThisJvmsOwn() throws IOException {
    Path before = root.resolve("a");
    Path after = root.resolve("b");
    CounterStore first = Stores.counters(before.resolve("root"), Durability.NONE);
    try {
      first.create("before");
      Files.move(before, after);
      Path moved = after.resolve("root");
      try (CounterStore second = Stores.counters(moved, Durability.NONE)) {
        second.create("after");
        List<Path> sessions = sessions(moved);
        assertTrue(sessions.size() >= 2, "one session per store in " + sessions);
        try (ChildJvm child = ChildJvm.start(StoreOpener.class, moved.toString())) {
          assertEquals("opened", child.nextLine());
          child.awaitSuccess();
        }
        assertTrue(sessions(moved).containsAll(sessions), "another process swept a live session");
        assertEquals(1, second.update("after", Counter::incremented).count());
        assertEquals(1, second.update("before", Counter::incremented).count());
      }
    } finally {
      try {
        first.close();
      } catch (RuntimeException e) {
        // its root was moved away under it: closing it may fail, which this test is not about
      }
    }
  }

  /**
   * A root made again at the path of one whose parent was renamed: this JVM's session for that path
   * is in the moved root, so the new root's first temporary file starts a session of its own there,
   * with its lease, which another process's sweep leaves alone; the moved root's session, given up,
   * is swept by a store opened on the moved root.
   */
  @Test
  void aRootMadeAgainWhereAMovedOneWasGetsASessionOfItsOwn() throws IOException {
    Path before = root.resolve("a");
    Path dataRoot = before.resolve("root");
    try (CounterStore first = Stores.counters(dataRoot, Durability.NONE)) {
      first.create("before");
    }
    List<Path> given = sessions(dataRoot);
    Path moved = root.resolve("b").resolve("root");
    Files.move(before, root.resolve("b"));

    try (CounterStore second = Stores.counters(dataRoot, Durability.NONE)) {
      second.create("after");
      second.update("after", Counter::incremented);
      List<Path> own = sessions(dataRoot);
      assertEquals(1, own.size(), "one session in " + own);
      assertTrue(
          Files.exists(own.get(0).resolveSibling(own.get(0).getFileName() + ".lease")),
          "with its lease");
      for (Path opened : List.of(dataRoot, moved)) {
        try (ChildJvm child = ChildJvm.start(StoreOpener.class, opened.toString())) {
          assertEquals("opened", child.nextLine());
          child.awaitSuccess();
        }
      }
      assertTrue(sessions(dataRoot).containsAll(own), "another process swept the live session");
      assertEquals(2, second.update("after", Counter::incremented).count());
    }
    for (Path session : given) {
      assertFalse(
          Files.exists(moved.resolve(".burrow/tmp").resolve(session.getFileName())),
          "the moved root's session, given up, is swept");
    }
  }

  private static List<Path> sessions(Path dataRoot) throws IOException {
    try (Stream<Path> entries = Files.list(dataRoot.resolve(".burrow/tmp"))) {
      return entries.filter(Files::isDirectory).sorted().toList();
    }
  }

  /**
   * A FIFO planted in {@code .burrow/tmp/} under a session lease's name: the sweep at open tried
   * the lease by opening it for writing, which on a FIFO waits for a reader, so opening the store
   * hung for good. It is now left alone unopened, as a link is.
   */
  @Test
  void aFifoPlantedAsASessionLeaseIsNeverOpened() throws Exception {
    try (CounterStore store = store()) {
      store.create("kept");
      store.update("kept", Counter::incremented);
    }
    Path fifo = root.resolve(".burrow/tmp/planted.lease");
    Fifos.make(fifo);
    try {
      assertTimeoutPreemptively(
          Duration.ofSeconds(20),
          () -> {
            try (CounterStore store = store()) {
              assertEquals(2, store.get("kept").version());
            }
          },
          "opening the store blocked on the FIFO");
      assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS), "left for a person");
    } finally {
      // Lets a sweep that still waits to open the FIFO for writing go on.
      try (FileChannel channel =
          FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        channel.write(ByteBuffer.wrap(new byte[] {'x'}));
      }
    }
  }
}
