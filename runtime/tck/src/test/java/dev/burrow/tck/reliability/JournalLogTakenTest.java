package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.StorageException;
import dev.burrow.test.internal.crash.recording.RecordingFileSystem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every new index journal log taken by another process's replay as soon as it is made (here:
 * removed right after its creation, as a replay that locks and removes it does): a durable write of
 * an indexed value makes a few logs, then fails with a {@link StorageException} saying so, and
 * writes nothing; the next write, once logs are left alone, succeeds.
 */
class JournalLogTakenTest {
  @TempDir Path work;

  @Test
  void aWriteWhoseNewLogsAreAllTakenFailsSayingSoAndWritesNothing() throws IOException {
    Path root = Files.createDirectory(work.resolve("root"));
    TakeNewLogs take = new TakeNewLogs(root.resolve(".burrow/journal"));
    RecordingFileSystem fs = RecordingFileSystem.over(root, path -> true, take);
    try (IndexedCounterStore store =
        IndexedCounterStore.open(Counters.options(root, Durability.FSYNC))) {
      store.create("a");
    } // its log retired: the next write makes a new one
    take.taking = true;
    try (IndexedCounterStore store =
        IndexedCounterStore.open(Counters.options(fs.wrap(root), Durability.FSYNC))) {

      StorageException e =
          assertThrows(StorageException.class, () -> store.update("a", IndexedCounter::increment));

      assertTrue(e.getMessage().contains("new logs"), e.getMessage());
      assertTrue(take.taken > 1, "it made more than one log: " + take.taken);
      assertEquals(0L, store.get("a").count(), "nothing written");
      assertEquals(0L, store.countByCount(1L), "no entry for the value");

      take.taking = false;
      store.update("a", IndexedCounter::increment);
      assertEquals(1L, store.get("a").count());
      assertEquals(List.of("a"), store.streamByCount(1L).map(IndexedCounter::id).toList());
    }
  }

  /** Removes each new log right after it is made, while {@link #taking}. */
  private static final class TakeNewLogs implements RecordingFileSystem.Hooks {
    private final Path journal;
    volatile boolean taking;
    int taken;

    TakeNewLogs(Path journal) {
      this.journal = journal;
    }

    @Override
    public void afterOpen(Path real, Set<? extends OpenOption> options) throws IOException {
      if (taking
          && journal.equals(real.getParent())
          && options.contains(StandardOpenOption.CREATE_NEW)) {
        taken++;
        Files.delete(real);
      }
    }
  }
}
