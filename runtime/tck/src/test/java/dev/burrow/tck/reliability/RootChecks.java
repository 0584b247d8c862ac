package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Raw checks of a data root, below the store's API. */
final class RootChecks {
  private RootChecks() {}

  /**
   * The IDs in the shards under {@code instances/}, failing unless each is a directory with a
   * document and every declared subdirectory (no half-created or half-deleted instance).
   */
  static Set<String> completeInstanceDirectories(Path root, String context) throws IOException {
    Set<String> ids = new HashSet<>();
    try (Stream<Path> entries = Files.walk(root.resolve("instances"), 3)) {
      for (Path dir : entries.filter(p -> depth(root, p) == 4).toList()) {
        assertTrue(
            Files.isRegularFile(dir.resolve("instance.json")),
            context + ": an instance directory without a document is visible: " + dir);
        for (String sub : CounterSchema.INSTANCE.layout().subdirectories()) {
          assertTrue(
              Files.isDirectory(dir.resolve(sub)),
              context + ": an instance without its " + sub + " directory: " + dir);
        }
        ids.add(dir.getFileName().toString());
      }
    }
    return ids;
  }

  /**
   * Fails unless the root is wholly in the sharded layout once a store was opened on it: no
   * instance directory left directly under {@code instances/}, and the marker records layout 2.
   */
  static void assertUpgraded(Path root, String context) throws IOException {
    assertEquals(
        List.of(),
        FlatRoot.flatInstanceDirectories(root),
        context + ": instance directories left outside their shards");
    assertEquals(
        FlatRoot.SHARDED_LAYOUT, FlatRoot.recordedLayout(root), context + ": the recorded layout");
  }

  private static int depth(Path root, Path p) {
    return root.relativize(p).getNameCount();
  }

  /**
   * Moves {@code root/directory} to {@code elsewhere/moved} and leaves a symbolic link to it in its
   * place, as an attacker who can write the root would.
   *
   * @return where the directory went
   */
  static Path swapForLink(Path root, String directory, Path elsewhere) throws IOException {
    Path planted = root.resolve(directory);
    Path moved = Files.move(planted, elsewhere.resolve("moved"));
    Files.createSymbolicLink(planted, moved);
    return moved;
  }

  /**
   * Releases any thread still waiting to open one of {@code fifos} (a test that failed leaves it
   * blocked): opening a FIFO for reading and writing never waits, and gives it the other end. One
   * that Burrow removed and made again as what belongs there is left alone.
   */
  static void releaseFifos(List<Path> fifos) throws IOException {
    for (Path fifo : fifos) {
      if (Files.exists(fifo, LinkOption.NOFOLLOW_LINKS)
          && Files.readAttributes(fifo, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
              .isOther()) {
        try (FileChannel channel =
            FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
          channel.write(ByteBuffer.wrap(new byte[] {'x'}));
        }
      }
    }
  }
}
