package dev.burrow.tck.reliability;

import dev.burrow.Durability;
import dev.burrow.test.internal.crash.recording.RecordingFileSystem;
import java.io.IOException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Child main of {@link IndexRebuildKillTest}: opens the indexed counters at {@code args[0]}
 * (FSYNC), which rebuilds their indexes, and stops right before it creates the {@code args[2]}th
 * file of the kind {@code args[1]} names ({@link Point}) in the indexes: prints {@code at <point>
 * <count> <path>} and waits there, holding the rebuild lock, until it is killed. The store runs on
 * the recording file system, recording nothing, only for its hook before each file is opened.
 */
public final class IndexRebuildChild {
  /** Which file's creation the child stops before. */
  enum Point {
    /** An entry: a file named by an instance's ID, in a leaf shard. */
    ENTRY,
    /** A ready marker, made once the index's entries are flushed. */
    READY
  }

  private IndexRebuildChild() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]).toRealPath();
    Path indexes = root.resolve(".burrow/indexes");
    Point point = Point.valueOf(args[1]);
    int stopAt = Integer.parseInt(args[2]);
    RecordingFileSystem fs =
        RecordingFileSystem.over(
            root,
            path -> true,
            new RecordingFileSystem.Hooks() {
              private int made;

              @Override
              public void beforeOpen(Path real, Set<? extends OpenOption> options) {
                if (options.contains(StandardOpenOption.CREATE_NEW)
                    && real.startsWith(indexes)
                    && pointOf(real) == point
                    && ++made == stopAt) {
                  KillPoint.stopHere("at " + point + " " + made + " " + real);
                }
              }
            });
    try (IndexedCounterStore store =
        IndexedCounterStore.open(Counters.options(fs.wrap(root), Durability.FSYNC))) {
      System.out.println("finished with " + store.list().size() + " instances");
    }
  }

  private static Point pointOf(Path file) {
    return file.getFileName().toString().startsWith(".ready") ? Point.READY : Point.ENTRY;
  }
}
