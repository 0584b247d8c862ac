package dev.burrow.runtime.testing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Trees whose deepest path only just fits under Linux's PATH_MAX, for delete tests. */
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

  /** The length of {@code path}, absolute, in bytes. */
  public static int bytes(Path path) {
    return path.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8).length;
  }
}
