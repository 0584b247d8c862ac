package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.BurrowException;
import dev.burrow.CorruptEventException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.EventBatch;
import dev.burrow.EventLog;
import dev.burrow.runtime.testing.Fifos;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.test.internal.crash.recording.RecordingFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FIFO swapped in for a file or a directory in the moment between Burrow's look at the path and
 * its open: the look saw a regular file or a directory, so only the open itself can tell. Opening a
 * FIFO for reading (or writing) alone blocks until the other end comes, so before the fix each of
 * these operations hung for good; now each reports the FIFO as damage, as it does one planted
 * before the look ({@link PlantedFilesTest}). The swap is made by a hook of the recording file
 * system on the thread that opens, right before the open, so it always lands in that moment.
 */
class SwappedInFifoTest {
  private static final Duration NO_HANG = Duration.ofSeconds(20);

  @TempDir Path work;
  private Path root;
  private RecordingFileSystem fs;
  private final List<Path> fifos = new ArrayList<>();
  private final Swap swap = new Swap();

  @BeforeEach
  void makeRoot() throws IOException {
    root = Files.createDirectory(work.resolve("root"));
    fs = RecordingFileSystem.over(root, path -> true, swap);
  }

  /** Releases any open a FIFO still blocks (before the fix), so the JVM can go on. */
  @AfterEach
  void unblockFifos() throws IOException {
    RootChecks.releaseFifos(fifos);
  }

  @Test
  void aDocumentSwappedForAFifoBeforeItsOpenIsReportedNeverWaitedFor() throws Exception {
    createInstances("healthy", "victim");
    Path document = documentOf("victim");
    try (CounterStore store = openRecorded(Durability.NONE, null)) {
      swap.arm(document::equals);

      CorruptInstanceException e =
          assertThrows(CorruptInstanceException.class, () -> noHang(() -> store.get("victim")));

      assertTrue(e.getMessage().contains("FIFO"), e.getMessage());
      swap.assertDone();
    }
  }

  @Test
  void aListingWhoseDocumentIsSwappedForAFifoReportsItAndGoesOn() throws Exception {
    createInstances("healthy", "victim");
    List<CorruptInstanceException> reported = new ArrayList<>();
    try (CounterStore store = openRecorded(Durability.NONE, reported)) {
      swap.arm(documentOf("victim")::equals);

      List<String> listed = noHang(() -> store.list()).stream().map(Counter::id).toList();

      assertEquals(List.of("healthy"), listed);
      assertEquals(1, reported.size(), reported.toString());
      assertTrue(reported.get(0).getMessage().contains("FIFO"), reported.get(0).getMessage());
      swap.assertDone();
    }
  }

  @Test
  void anEventLogSwappedForAFifoBeforeAnAppendOrAReadIsReportedNeverWaitedFor() throws Exception {
    createInstances("a");
    try (CounterStore store = openRecorded(Durability.NONE, null)) {
      EventLog<Tick> events = store.events("a", Tick.class);
      events.append(new Tick(1));
      Path log = Path.of(events.file().toString()); // the recording file system's path, unwrapped

      swap.arm(log::equals);
      CorruptEventException refused =
          assertThrows(CorruptEventException.class, () -> noHang(() -> events.append(new Tick(2))));
      assertTrue(refused.getMessage().contains("FIFO"), refused.getMessage());
      swap.assertDone();

      restore(log);
      swap.arm(log::equals);
      EventBatch<Tick> batch = noHang(() -> events.read(0));
      assertEquals(List.of(), batch.values());
      assertTrue(
          batch.problems().get(0).getMessage().contains("FIFO"), batch.problems().toString());
      swap.assertDone();
    }
  }

  @Test
  void aDirectorySwappedForAFifoBeforeItsFlushFailsTheWriteNeverWaitedFor() throws Exception {
    Path instances = root.resolve("instances");
    try (CounterStore store = openRecorded(Durability.FSYNC, null)) {
      store.create("first");
      swap.arm(path -> path.startsWith(instances) && !path.equals(instances));

      assertThrows(BurrowException.class, () -> noHang(() -> store.create("second")));

      swap.assertDone();
    }
  }

  @Test
  void aShardSwappedForAFifoBeforeItIsListedIsReportedNeverWaitedFor() throws Exception {
    createInstances("a");
    Path shard = Stores.instanceDirectory(root, "a").getParent();
    List<CorruptInstanceException> reported = new ArrayList<>();
    try (CounterStore store = openRecorded(Durability.NONE, reported)) {
      swap.arm(shard::equals);

      List<Counter> listed = noHang(() -> store.list());

      assertEquals(List.of(), listed);
      swap.assertDone();
      assertEquals(1, reported.size(), reported.toString());
      assertTrue(reported.get(0).getMessage().contains("FIFO"), reported.get(0).getMessage());
    }
  }

  /**
   * Swaps the first path opened or listed that a test's predicate accepts for a FIFO, right before
   * the open, keeping what was there under {@code work}.
   */
  private final class Swap implements RecordingFileSystem.Hooks {
    private volatile @Nullable Predicate<Path> target;

    void arm(Predicate<Path> path) {
      target = path;
    }

    void assertDone() {
      assertNull(target, "nothing the test armed the swap for was opened");
    }

    @Override
    public void beforeOpen(Path real, Set<? extends OpenOption> options) throws IOException {
      swapIfTarget(real);
    }

    @Override
    public void beforeList(Path real) throws IOException {
      swapIfTarget(real);
    }

    private void swapIfTarget(Path real) throws IOException {
      Path path = real.normalize();
      Predicate<Path> armed = target;
      if (armed != null && armed.test(path)) {
        target = null;
        Files.move(path, keptAside(path));
        mkfifo(path);
      }
    }
  }

  private Path keptAside(Path path) {
    return work.resolve("kept-" + path.getFileName());
  }

  /** Puts back what {@link Swap} kept aside of {@code path}, in place of its FIFO. */
  private void restore(Path path) throws IOException {
    Files.delete(path);
    Files.move(keptAside(path), path);
  }

  private void createInstances(String... ids) {
    try (CounterStore store = CounterStore.open(Counters.options(fs.wrap(root), Durability.NONE))) {
      for (String id : ids) {
        store.create(id);
      }
    }
  }

  /**
   * A new store, its document cache empty, on the root through the recording file system (as the
   * store that made its instances: the stores of one process share a temporary-file session).
   */
  private CounterStore openRecorded(
      Durability durability, @Nullable List<CorruptInstanceException> reported) {
    var options = Counters.options(fs.wrap(root), durability);
    return CounterStore.open(
        reported == null ? options : options.withCorruptionListener(reported::add));
  }

  private Path documentOf(String id) {
    return Stores.instanceDirectory(root, id).resolve("instance.json");
  }

  private void mkfifo(Path path) throws IOException {
    Fifos.make(path);
    assertFalse(Files.isRegularFile(path));
    fifos.add(path);
  }

  private static <V> V noHang(ThrowingSupplier<V> action) {
    return assertTimeoutPreemptively(NO_HANG, action, "blocked on a FIFO swapped in");
  }
}
