package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Delete finishes for a tree whose deepest path only just fits under PATH_MAX where the instance
 * lives: moved aside into {@code .burrow/trash/}, its paths may no longer fit, and it must still be
 * removed.
 */
class DeepTreeDeleteTest {
  /** Linux's PATH_MAX, counting the terminating NUL. */
  private static final int PATH_MAX = 4096;

  @TempDir Path root;

  @Test
  void deleteRemovesATreeWhoseDeepestPathIsAtTheLimit() throws IOException {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("x");
      Path deepest = deepestDirectory(store.dirs("x").workspace(), "notes.txt");
      Files.createDirectories(deepest);
      Path file = deepest.resolve("notes.txt");
      Files.writeString(file, "deep");
      assertEquals(PATH_MAX - 1, bytes(file), "the test tree reaches the limit exactly");

      assertTrue(store.delete("x"));

      assertTrue(store.find("x").isEmpty());
    }
    RootChecks.assertNoLeftovers(root, "after close");
    try (CounterStore reopened = Counters.open(root, Durability.NONE)) {
      assertFalse(reopened.find("x").isPresent());
      RootChecks.assertNoLeftovers(root, "after a sweep");
    }
  }

  /** A directory below {@code top} such that {@code <it>/<fileName>} is PATH_MAX - 1 bytes. */
  private static Path deepestDirectory(Path top, String fileName) {
    Path at = top.toAbsolutePath();
    int room = PATH_MAX - 1 - bytes(at) - 1 - fileName.length();
    while (room > 0) {
      int segment = Math.min(200, room - 1);
      if (room - (segment + 1) == 1) {
        segment--; // a last segment needs a slash and a character
      }
      at = at.resolve("d".repeat(segment));
      room -= segment + 1;
    }
    return at;
  }

  private static int bytes(Path path) {
    return path.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length;
  }
}
