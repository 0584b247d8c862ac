package dev.burrow.runtime.internal.filestore;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What is left in a data root's trash: every entry but the stripe directories themselves. */
final class TrashContents {
  private TrashContents() {}

  static List<Path> leftIn(Path root) throws IOException {
    Path trash = root.resolve(".burrow/trash");
    if (!Files.isDirectory(trash)) {
      return List.of();
    }
    try (Stream<Path> everything = Files.walk(trash)) {
      return everything.filter(path -> !path.equals(trash) && !isStripe(trash, path)).toList();
    }
  }

  private static boolean isStripe(Path trash, Path path) {
    return trash.equals(path.getParent())
        && Trash.isStripeName(path)
        && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
  }
}
