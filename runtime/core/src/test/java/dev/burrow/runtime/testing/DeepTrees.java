package dev.burrow.runtime.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Trees whose deepest path only just fits under Linux's PATH_MAX, or is far longer, for delete
 * tests.
 */
public final class DeepTrees {
  /** Linux's PATH_MAX, counting the terminating NUL. */
  public static final int PATH_MAX = 4096;

  private DeepTrees() {}

  /** A directory below {@code top} such that {@code <it>/<fileName>} is PATH_MAX - 1 bytes. */
  public static Path deepestDirectory(Path top, String fileName) {
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

  /**
   * Makes a chain of {@code depth} directories named {@code d} below {@code top} (made if missing),
   * {@code <top>/d/d/…/d}, which may be far deeper than PATH_MAX allows a path to reach: it is
   * built from the bottom up, a chain of at most 100 directories at a time moved in above what is
   * built, so no path it uses is longer than {@code <top>} and 200 bytes.
   */
  public static void makeChain(Path top, int depth) throws IOException {
    Path chain = top.resolve("d");
    Path next = top.resolve("next");
    for (int built = 0; built < depth; built += 100) {
      int levels = Math.min(100, depth - built);
      Path bottom = next.resolve("d/".repeat(levels - 1));
      Files.createDirectories(bottom);
      if (built > 0) {
        Files.move(chain, bottom.resolve("d"));
      }
      Files.move(next, chain);
    }
  }

  /** The length of {@code path}, absolute, in bytes. */
  public static int bytes(Path path) {
    return path.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length;
  }
}
