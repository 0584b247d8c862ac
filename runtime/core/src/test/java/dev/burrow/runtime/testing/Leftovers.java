package dev.burrow.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.runtime.internal.fs.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What a crash may leave in a data root, and the check that a store's sweep left none of it. */
public final class Leftovers {
  private Leftovers() {}

  /**
   * Fails if a temp file (in a session of the temporary area, or beside its target), a staging
   * directory or trash (anything in the trash but its stripe directories {@code 0}..{@code f}) is
   * left after a store's sweep. Walks the whole root.
   */
  public static void assertNone(Path root, String context) throws IOException {
    Path temps = root.resolve(".burrow/tmp");
    Path trash = root.resolve(".burrow/trash");
    try (Stream<Path> all = Files.walk(root)) {
      List<Path> leftovers =
          all.filter(
                  p ->
                      AtomicFiles.isTempName(p.getFileName().toString())
                          || (isEntryOf(temps, p) && !p.getParent().equals(temps))
                          || isEntryOf(root.resolve(".burrow/staging"), p)
                          || (isEntryOf(trash, p) && !isTrashStripe(trash, p)))
              .toList();
      assertEquals(List.of(), leftovers, context + ": leftovers after the sweep");
    }
  }

  private static boolean isTrashStripe(Path trash, Path p) {
    return trash.equals(p.getParent())
        && p.getFileName().toString().matches("[0-9a-f]")
        && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
  }

  private static boolean isEntryOf(Path directory, Path p) {
    return p.startsWith(directory) && !p.equals(directory);
  }
}
