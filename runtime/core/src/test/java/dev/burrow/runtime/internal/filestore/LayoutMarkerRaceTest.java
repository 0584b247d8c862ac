package dev.burrow.runtime.internal.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stores opening a root of the layout before sharding at once each upgrade it, then record the
 * layout they use; none records a lower layout than the marker holds by then.
 */
class LayoutMarkerRaceTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

  @TempDir Path root;

  private int recordedLayout() throws Exception {
    String json = Files.readString(root.resolve(".burrow").resolve("store.json"));
    return Integer.parseInt(json.replaceAll("(?s).*\"layout\"\\s*:\\s*(\\d+).*", "$1"));
  }

  /**
   * A plain store (layout 2) parked in its upgrade of a flat root, by the lock of the one instance
   * to move, while a store with indexes under {@code FSYNC} opens the root and records layout 3.
   * Before, the plain store then recorded 2 without looking again: a Burrow of layout 2 would open
   * the root, and take index entries kept in top-level shards for strays.
   */
  @Test
  void aStoreFinishingItsUpgradeNeverRecordsALowerLayoutThanAnotherRecorded() throws Exception {
    FileSystemBackend<Counter> first =
        FileSystemBackend.open(
            CounterSchema.INSTANCE, root, Durability.NONE, Duration.ofSeconds(5));
    first.insert(new Counter("x1", 1, T0, T0, "ok", 0, Map.of()));
    first.close();
    Path sharded = FileSystemBackend.instanceDirectory(root, "x1");
    Path flat = root.resolve("instances").resolve("x1");
    Files.move(sharded, flat);
    Files.delete(sharded.getParent());
    Files.delete(sharded.getParent().getParent());
    Path marker = root.resolve(".burrow").resolve("store.json");
    Files.writeString(
        marker, Files.readString(marker).replaceAll("\"layout\"\\s*:\\s*\\d+", "\"layout\":1"));
    assertEquals(KindMarker.FLAT_LAYOUT, recordedLayout());

    InstanceLocks locks = InstanceLocks.forRoot(root.toAbsolutePath().normalize());
    InstanceLock held = locks.lock("x1", Duration.ofSeconds(5));
    AtomicReference<Throwable> failed = new AtomicReference<>();
    AtomicReference<FileSystemBackend<Counter>> plain = new AtomicReference<>();
    Thread opener =
        new Thread(
            () -> {
              try {
                plain.set(
                    FileSystemBackend.open(
                        CounterSchema.INSTANCE, root, Durability.NONE, Duration.ofSeconds(30)));
              } catch (Throwable t) {
                failed.set(t);
              }
            });
    FileSystemBackend<Counter> indexed = null;
    try {
      opener.start();
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (locks.waitingFor("x1") == 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertTrue(locks.waitingFor("x1") > 0, "the plain store waits in its upgrade");
      // as another opener's upgrade moves the instance meanwhile
      Files.createDirectories(sharded.getParent());
      Files.move(flat, sharded);
      indexed =
          FileSystemBackend.open(
              CounterSchema.indexing(CounterSchema.STATUS),
              root,
              Durability.FSYNC,
              Duration.ofSeconds(5));
      assertEquals(KindMarker.ENTRIES_IN_TOPS_LAYOUT, recordedLayout());
    } finally {
      held.close();
      opener.join(30_000);
    }
    try {
      if (failed.get() != null) {
        throw new AssertionError(failed.get());
      }
      assertEquals(KindMarker.ENTRIES_IN_TOPS_LAYOUT, recordedLayout());
    } finally {
      indexed.close();
      if (plain.get() != null) {
        plain.get().close();
      }
    }
  }
}
