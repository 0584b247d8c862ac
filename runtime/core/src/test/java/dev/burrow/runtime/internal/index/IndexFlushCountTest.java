package dev.burrow.runtime.internal.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.runtime.testing.IndexedUpdateProbe;
import dev.burrow.runtime.testing.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Device flushes of one durable update, counted with strace ({@code fsync} and {@code fdatasync}
 * between the probe's BEGIN and END): an index adds one when its value changes (two the first time
 * any instance takes the value) and none when it does not. Skipped where strace is missing, except
 * in CI, where it fails.
 */
class IndexFlushCountTest {
  @TempDir Path dir;

  @Test
  void anIndexAddsOneFlushWhenItsValueChangesAndNoneWhenItDoesNot() throws Exception {
    Prerequisites.requireStrace("the flush count of indexed updates");
    long plain = flushes("plain");
    long unchanged = flushes("unchanged");
    long changed = flushes("changed");
    long newValue = flushes("new");
    System.out.printf(
        "flushes per durable update: no index %d, value unchanged %d, value changed %d,"
            + " value never seen %d%n",
        plain, unchanged, changed, newValue);

    assertEquals(2, plain, "the update itself: the temp file and the directory");
    assertEquals(plain, unchanged);
    assertEquals(plain + 1, changed);
    assertEquals(plain + 2, newValue);
  }

  private long flushes(String mode) throws IOException, InterruptedException {
    Path root = dir.resolve(mode);
    Path trace = dir.resolve(mode + ".trace");
    Process process =
        new ProcessBuilder(
                "strace",
                "-f",
                "-qq",
                "-o",
                trace.toString(),
                "-e",
                "trace=write,fsync,fdatasync",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                IndexedUpdateProbe.class.getName(),
                root.toString(),
                mode)
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(mode + ".out").toFile())
            .start();
    assertTrue(process.waitFor(5, TimeUnit.MINUTES));
    assertEquals(0, process.exitValue(), Files.readString(dir.resolve(mode + ".out")));
    List<String> lines = Files.readAllLines(trace);
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
