package dev.burrow.runtime.internal.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.LockHolder;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data root removed, or moved away with a directory above it, and made again at its path: this
 * JVM locks the new lock file, as other processes do, and closes the old one's channel once no lock
 * is held through it (a channel per root made again would run out of file descriptors).
 */
class RootMadeAgainTest {
  @TempDir Path dir;

  private static void deleteTree(Path top) throws IOException {
    try (Stream<Path> all = Files.walk(top)) {
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  private static long openDescriptors() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  @Test
  void aRootRemovedAndMadeAgainExcludesOtherProcesses() throws IOException {
    Path root = dir.resolve("root");
    assertMadeAgainExcludesOtherProcesses(root, () -> deleteTree(root));
  }

  @Test
  void aRootMovedAwayAndMadeAgainExcludesOtherProcesses() throws IOException {
    Path parent = dir.resolve("a");
    assertMadeAgainExcludesOtherProcesses(
        parent.resolve("root"), () -> Files.move(parent, dir.resolve("b")));
  }

  /**
   * Locks in a store on {@code root} and closes it, takes the root away with {@code takeAway} (no
   * store of this JVM has it open then), and asserts that a lock taken in a store on the root made
   * again at its path keeps another process out.
   */
  private static void assertMadeAgainExcludesOtherProcesses(Path root, PathChange takeAway)
      throws IOException {
    try (CounterStore store = Stores.counters(root, Durability.NONE)) {
      store.lock("x", Duration.ofSeconds(1)).close();
    }
    takeAway.run();
    try (CounterStore store = Stores.counters(root, Durability.NONE);
        InstanceLock held = store.lock("x", Duration.ofSeconds(1));
        ChildJvm child = ChildJvm.start(LockHolder.class, root.toString(), "x", "300")) {
      assertEquals("timeout", child.nextLine(), "another process took " + held.instanceIds());
    }
  }

  /** A change to the file system that may fail. */
  @FunctionalInterface
  private interface PathChange {
    void run() throws IOException;
  }

  /**
   * The old lock file's channel is closed at once when nothing of this JVM is locked through it,
   * and else when its last lock (an instance lock, or a shared lock's gate) is released: never
   * before, as closing it would drop every lock this JVM holds on the file.
   */
  @Test
  void aRootMadeAgainThousandsOfTimesWhileLockedLeaksNoFileDescriptor() throws IOException {
    Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd");
    Path root = dir.resolve("root");
    makeAgain(root, 30);
    long before = openDescriptors();
    makeAgain(root, 2_000);
    long after = openDescriptors();
    assertTrue(after <= before + 20, before + " descriptors open before, " + after + " after");
  }

  private static void makeAgain(Path root, int times) throws IOException {
    for (int i = 0; i < times; i++) {
      InstanceLocks old = InstanceLocks.forRoot(root);
      AutoCloseable held =
          switch (i % 3) {
            case 0 -> null;
            case 1 -> old.lock("x", Duration.ofSeconds(1));
            default -> old.shared("writers").share(Duration.ofSeconds(1));
          };
      assertTrue(i % 3 == 0 || held != null, "held");
      if (i % 2 == 0) {
        deleteTree(root);
      } else {
        Path away = root.resolveSibling("away");
        Files.move(root, away);
        deleteTree(away);
      }
      InstanceLocks remade = InstanceLocks.forRoot(root);
      assertTrue(remade != old, "the file at the path is another one");
      assertTrue(remade == InstanceLocks.forRoot(root), "found again by its path");
      assertEquals(held == null, old.isClosed(), "old channel closed at " + i);
      try (InstanceLock lock = remade.lock("x", Duration.ofSeconds(1))) {
        assertNotNull(lock);
      }
      if (held != null) {
        try {
          held.close();
        } catch (Exception e) {
          throw new AssertionError(e);
        }
        assertTrue(old.isClosed(), "old channel closed with its last lock at " + i);
      }
    }
  }
}
