package dev.burrow.runtime.internal.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.LockTimeoutException;
import dev.burrow.PageRequest;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a repair may move into {@code .burrow/quarantine/}, and what it must leave alone. */
class QuarantineTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

  @TempDir Path root;
  private FileSystemBackend<Counter> backend;

  @BeforeEach
  void twoCounters() {
    backend =
        FileSystemBackend.open(
            CounterSchema.INSTANCE, root, Durability.NONE, Duration.ofMillis(200));
    backend.insert(new Counter("a-1", 1, T0, T0, "new", 0, Map.of()));
    backend.insert(new Counter("b-2", 1, T0, T0, "new", 0, Map.of()));
  }

  @Test
  void aDamagedInstanceLeavesTheListingWholeAndAHealthyOneStays() throws Exception {
    Path damaged = backend.instanceDirectory("a-1");
    Files.writeString(damaged.resolve(FileLayout.DOCUMENT), "{");

    RootMaintenance.Quarantined moved =
        backend.maintenance().quarantine(damaged.resolve(FileLayout.DOCUMENT));
    assertTrue(moved != null);
    assertEquals(damaged, moved.entry());
    assertEquals(root.resolve(".burrow/quarantine"), moved.target().getParent());
    assertEquals("{", Files.readString(moved.target().resolve(FileLayout.DOCUMENT)));
    assertTrue(backend.find("a-1").isEmpty());
    var page = backend.list(PageRequest.first(10));
    assertEquals(List.of("b-2"), page.items().stream().map(Counter::id).toList());
    assertEquals(List.of(), page.problems());

    Path healthy = backend.instanceDirectory("b-2");
    assertNull(backend.maintenance().quarantine(healthy.resolve(FileLayout.DOCUMENT)));
    assertTrue(backend.find("b-2").isPresent());
  }

  @Test
  void shardsAndPathsOutsideTheInstancesAreRefused() {
    Path leaf = backend.instanceDirectory("b-2").getParent();
    for (Path notStray :
        List.of(
            leaf,
            leaf.getParent(),
            root.resolve("instances"),
            root.resolve(".burrow/store.json"),
            backend.instanceDirectory("b-2").resolve("workspace"))) {
      assertThrows(
          IllegalArgumentException.class,
          () -> backend.maintenance().quarantine(notStray),
          notStray::toString);
      assertTrue(Files.exists(notStray, LinkOption.NOFOLLOW_LINKS), notStray + " stays");
    }
    assertTrue(backend.find("b-2").isPresent());
  }

  @Test
  void anInstanceIsMovedOnlyUnderItsLock() throws Exception {
    Path damaged = backend.instanceDirectory("a-1");
    Files.writeString(damaged.resolve(FileLayout.DOCUMENT), "");
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch done = new CountDownLatch(1);
    CompletableFuture<Void> holder =
        CompletableFuture.runAsync(
            () -> {
              try (InstanceLock lock = backend.lock("a-1", Duration.ofSeconds(10))) {
                held.countDown();
                done.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    held.await();
    try {
      assertThrows(LockTimeoutException.class, () -> backend.maintenance().quarantine(damaged));
      assertTrue(Files.exists(damaged), "a locked instance stays where its writer works");
    } finally {
      done.countDown();
      holder.join();
    }
    assertTrue(backend.maintenance().quarantine(damaged) != null);
  }
}
