package dev.burrow.runtime.internal.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.StorageException;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.test.internal.crash.CrashStates;
import dev.burrow.test.internal.crash.recording.FsOp;
import dev.burrow.test.internal.crash.recording.RecordingFileSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
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
    Path base = Files.createDirectories(dir.resolve("recorded")).toRealPath();
    Path realRoot = base.resolve("data");
    Path bookkeeping = realRoot.resolve(".burrow");
    AtomicBoolean armed = new AtomicBoolean(true);
    AtomicBoolean recorded = new AtomicBoolean();
    RecordingFileSystem fs =
        RecordingFileSystem.over(
            base,
            path ->
                path.endsWith(".burrow/locks/instances.lock")
                    || path.getFileName().toString().endsWith(".lease"),
            new RecordingFileSystem.Hooks() {
              @Override
              public void afterMove(Path from, Path to) {
                recorded.compareAndSet(false, to.getFileName().toString().equals("store.json"));
              }

              @Override
              public void beforeOpen(Path real, Set<? extends OpenOption> options)
                  throws IOException {
                if (recorded.get()
                    && real.normalize().equals(bookkeeping)
                    && armed.compareAndSet(true, false)) {
                  throw new IOException("injected: flushing .burrow fails");
                }
              }
            });

    StorageException failed =
        assertThrows(
            StorageException.class,
            () -> Stores.counters(fs.wrap(realRoot), Durability.FSYNC).close());
    assertFalse(armed.get(), "the flush failed");
    assertTrue(failed.getMessage().contains("store.json"), failed.getMessage());
    try (CounterStore store = Stores.counters(fs.wrap(realRoot), Durability.FSYNC)) {
      store.create("run-1");
    }

    List<FsOp> ops = fs.log().ops();
    CrashStates states = new CrashStates(ops, fs.log().labels(), 10, 2);
    List<String> lost = new ArrayList<>();
    Path crash = dir.resolve("crash");
    states.forEach(
        ops.size(),
        state -> {
          try {
            state.materialize(crash);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          if (!Files.exists(crash.resolve("data/.burrow/store.json"))) {
            lost.add(state.description());
          }
        });
    assertEquals(0, states.boundedPoints());
    assertEquals(List.of(), lost, "states without the root's record");
  }
}
