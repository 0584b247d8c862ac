package dev.burrow.runtime.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.runtime.testing.IndexedUpdateProbe;
import dev.burrow.runtime.testing.Strace;
import dev.burrow.test.internal.Prerequisites;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device flushes of one durable update, counted with strace ({@code fsync} and {@code fdatasync}
 * between the probe's BEGIN and END): the indexes add one when a value changes, however many change
 * and whether any instance had the value before (the flush of the {@link IndexJournal}), and none
 * when none does. Skipped where strace is missing, except in CI, where it fails.
 */
class IndexFlushCountTest {
  @TempDir Path dir;

  @Test
  void indexesAddOneFlushWhenValuesChangeAndNoneWhenTheyDoNot() throws Exception {
    Prerequisites.requireStrace("the flush count of indexed updates");
    long plain = flushes("plain");
    long unchanged = flushes("unchanged");
    long changed = flushes("changed");
    long newValue = flushes("new");
    long both = flushes("both");
    System.out.printf(
        "flushes per durable update: no index %d, value unchanged %d, value changed %d,"
            + " value never seen %d, two values never seen %d%n",
        plain, unchanged, changed, newValue, both);

    assertEquals(2, plain, "the update itself: the temp file and the directory");
    assertEquals(plain, unchanged);
    assertEquals(plain + 1, changed);
    assertEquals(plain + 1, newValue);
    assertEquals(plain + 1, both);
  }

  private long flushes(String mode) throws IOException, InterruptedException {
    List<String> lines =
        Strace.trace(
            dir,
            mode,
            "write,fsync,fdatasync",
            IndexedUpdateProbe.class,
            dir.resolve(mode).toString(),
            mode);
    long flushes = 0;
    boolean inside = false;
    for (String line : lines) {
      if (line.contains("write(1, \"BEGIN")) {
        inside = true;
      } else if (line.contains("write(1, \"END")) {
        return flushes;
      } else if (inside && (line.contains(" fsync(") || line.contains(" fdatasync("))) {
        flushes++;
      }
    }
    throw new AssertionError("no BEGIN ... END in the trace of " + mode);
  }
}
