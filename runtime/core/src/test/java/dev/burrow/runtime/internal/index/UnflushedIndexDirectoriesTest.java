package dev.burrow.runtime.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rebuild's unflushed directories stay bounded however many entries it adds: they are flushed and
 * forgotten whenever the bound is reached, and all of them by the last flush.
 */
class UnflushedIndexDirectoriesTest {
  private static final int MAX = 16;

  @TempDir Path dataRoot;

  @Test
  void theDirectoriesHeldStayWithinTheBoundWhateverTheNumberOfEntries() throws IOException {
    FieldIndex index =
        new FieldIndex(
            dataRoot, dataRoot.resolve("status"), FieldIndex.READY, Durability.FSYNC, true);
    index.prepare();
    UnflushedDirectories unflushed = new UnflushedDirectories(index, MAX);
    int peak = 0;
    for (int i = 0; i < 300; i++) {
      Path values = index.values(i % 2 == 0 ? "DONE" : "RUNNING");
      unflushed.added(
          index.add(values, Long.toString(350_000_000_000_000_000L + i * 10_000_000_000L)));
      peak = Math.max(peak, unflushed.held());
    }
    assertTrue(peak < MAX, "held at most " + peak);
    unflushed.flush();
    assertEquals(0, unflushed.held());
  }
}
