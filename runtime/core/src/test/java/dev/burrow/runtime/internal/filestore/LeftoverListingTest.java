package dev.burrow.runtime.internal.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.LockHolder;
import dev.burrow.runtime.testing.TempFileHolder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listing of crash leftovers for {@code fsck} ({@link RootMaintenance#leftovers}) names what
 * the sweep removes, by the sweep's own rules, and removes nothing; an open that leaves leftovers
 * removes none. The empty session a process leaves when it exits is swept, but is no leftover: it
 * holds no unfinished write.
 */
class LeftoverListingTest {
  @TempDir Path root;

  @Test
  void theListingNamesWhatTheSweepRemovesAndLeavesWorkInProgressOfLiveProcesses() throws Exception {
    try (ChildJvm creating = ChildJvm.start(LockHolder.class, root.toString(), "busy");
        ChildJvm writing = ChildJvm.start(TempFileHolder.class, root.toString())) {
      creating.awaitLine("locked");
      Path liveTemp = Path.of(writing.nextLine());
      Path busy = directory(".burrow/staging/busy~01");
      Path staged = directory(".burrow/staging/abandoned~02");
      Path grave = directory(".burrow/trash/c/deleted~03");
      Path stray = directory(".burrow/trash/not-a-stripe");
      Path withoutLease = directory(".burrow/tmp/5eed");
      Path deadSession = directory(".burrow/tmp/beef");
      Files.writeString(root.resolve(".burrow/tmp/beef.lease"), "");
      Path exited = Files.createDirectories(root.resolve(".burrow/tmp/cafe"));
      Path exitedLease = Files.writeString(root.resolve(".burrow/tmp/cafe.lease"), "");
      Set<Leftover> expected =
          Set.of(
              new Leftover(staged, Leftover.Kind.STAGING),
              new Leftover(grave, Leftover.Kind.TRASH),
              new Leftover(stray, Leftover.Kind.TRASH),
              new Leftover(withoutLease, Leftover.Kind.TEMPORARY),
              new Leftover(deadSession, Leftover.Kind.TEMPORARY));
      List<Path> all = List.of(busy, staged, grave, stray, withoutLease, deadSession, liveTemp);

      FileSystemBackend<Counter> backend =
          FileSystemBackend.openLeavingLeftovers(
              CounterSchema.INSTANCE,
              root,
              StoreOptions.defaults()
                  .withDurability(Durability.NONE)
                  .withLockTimeout(Duration.ofMillis(200)));
      all.forEach(path -> assertTrue(Files.exists(path), "the open removed " + path));

      assertEquals(expected, new HashSet<>(backend.maintenance().leftovers()));
      all.forEach(path -> assertTrue(Files.exists(path), "the listing removed " + path));

      assertEquals(expected, new HashSet<>(backend.maintenance().sweep()));
      for (Leftover swept : expected) {
        assertFalse(Files.exists(swept.location()), "not swept: " + swept);
      }
      assertFalse(Files.exists(root.resolve(".burrow/tmp/beef.lease")), "its lease is swept");
      assertFalse(Files.exists(exited), "the empty session of an exited process is swept");
      assertFalse(Files.exists(exitedLease), "the empty session of an exited process is swept");
      assertTrue(Files.exists(busy), "swept a create in progress");
      assertTrue(Files.exists(liveTemp), "swept a live process's temporary file");
      assertEquals(List.of(), backend.maintenance().leftovers());
      backend.close();
    }
  }

  private Path directory(String relative) throws Exception {
    Path directory = Files.createDirectories(root.resolve(relative));
    Files.writeString(directory.resolve("f"), "x");
    return directory;
  }
}
