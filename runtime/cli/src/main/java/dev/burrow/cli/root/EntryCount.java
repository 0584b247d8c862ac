package dev.burrow.cli.root;

import dev.burrow.runtime.internal.fs.DirectoryListing;
import java.io.IOException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How many entries the shards of a root's {@code instances/} hold, counted without a store: the
 * total of a progress bar.
 */
final class EntryCount {
  private EntryCount() {}

  /**
   * How many entries the shards of {@code root}'s {@code instances/} hold ({@code
   * instances/<top>/<leaf>/<entry>}): about the instances a pass reads, damaged ones and strays
   * included. It reads no document: one directory listing per shard, links never followed.
   */
  static long of(Path root) {
    long count = 0;
    for (Path top : directoryEntries(root.resolve("instances"))) {
      for (Path leaf : directoryEntries(top)) {
        count += directoryEntries(leaf).size();
      }
    }
    return count;
  }

  /** The entries of {@code directory} if it is a directory, not a link; else none. */
  private static List<Path> directoryEntries(Path directory) {
    if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = DirectoryListing.open(directory)) {
      entries.forEach(found::add);
      return found;
    } catch (IOException | DirectoryIteratorException e) {
      return List.of(); // a count for a progress bar only: the pass itself reports what it meets
    }
  }
}
