package dev.burrow.runtime.internal.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.StorageException;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.FailingFlush;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The record of a new data root's kind ({@code .burrow/store.json}) when its flush fails. */
class KindMarkerFlushTest {
  @TempDir Path dir;

  /**
   * The first open of a new root writes {@code .burrow/store.json} and flushes {@code .burrow/};
   * when that flush fails, the open must fail as the {@link StorageException} a store's open
   * documents, and the open after it must make the record durable before it returns: every state a
   * power cut after it could leave holds the record. The flush failure is injected by the recording
   * file system. Before the fix the open threw {@code OutcomeUnknownException} naming the file as
   * an instance, and the next open found the record and flushed nothing, so states without it were
   * found.
   */
  @Test
  void aRecordWhoseNameCouldNotBeFlushedFailsTheOpenAndIsFlushedByTheNext() throws IOException {
    FailingFlush flush =
        FailingFlush.afterMoveTo(dir, root -> root.resolve(".burrow"), "store.json");

    StorageException failed =
        assertThrows(
            StorageException.class,
            () -> Stores.counters(flush.dataRoot(), Durability.FSYNC).close());
    assertTrue(flush.failed(), "the flush failed");
    assertTrue(failed.getMessage().contains("store.json"), failed.getMessage());
    try (CounterStore store = Stores.counters(flush.dataRoot(), Durability.FSYNC)) {
      store.create("run-1");
    }

    assertEquals(
        List.of(),
        flush.statesNotHolding(root -> Files.exists(root.resolve(".burrow/store.json"))),
        "states without the root's record");
  }
}
