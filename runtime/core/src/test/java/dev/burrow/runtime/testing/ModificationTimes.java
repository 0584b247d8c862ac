package dev.burrow.runtime.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** What tests compare to show that an operation changed nothing in a tree. */
public final class ModificationTimes {
  private ModificationTimes() {}

  /**
   * Every path below {@code dir} (itself included) with its modification time, links not followed:
   * equal before and after an operation only if nothing there was created, removed or written.
   */
  public static Map<Path, FileTime> of(Path dir) throws IOException {
    Map<Path, FileTime> files = new TreeMap<>();
    try (Stream<Path> all = Files.walk(dir)) {
      for (Path p : all.toList()) {
        files.put(p, Files.getLastModifiedTime(p, LinkOption.NOFOLLOW_LINKS));
      }
    }
    return files;
  }
}
