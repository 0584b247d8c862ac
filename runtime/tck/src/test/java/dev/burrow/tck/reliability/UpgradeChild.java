package dev.burrow.tck.reliability;

import dev.burrow.Durability;
import dev.burrow.test.internal.crash.recording.RecordingFileSystem;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Child main of {@link LayoutUpgradeTest}: opens the counter root {@code args[0]} (FSYNC), which
 * upgrades it, and stops inside the move of the {@code args[2]}th instance, at the point {@code
 * args[1]} names ({@link Point}): prints {@code at <point> <count> <from> <to>} and waits there,
 * holding the instance's lock, until it is killed. The store runs on the recording file system,
 * recording nothing, only for its hooks around the renames.
 */
public final class UpgradeChild {
  /** Where in an instance's move the child stops. */
  enum Point {
    /** Its shard directories are made (and their names flushed), the rename not done. */
    BEFORE_RENAME,
    /** The rename is done, the leaf shard not flushed. */
    AFTER_RENAME
  }

  private UpgradeChild() {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]).toRealPath();
    Point point = Point.valueOf(args[1]);
    int stopAt = Integer.parseInt(args[2]);
    RecordingFileSystem fs =
        RecordingFileSystem.over(
            root,
            path -> true,
            new RecordingFileSystem.Hooks() {
              private int moves;

              @Override
              public void beforeMove(Path from, Path to) {
                stopIf(Point.BEFORE_RENAME, from, to);
              }

              @Override
              public void afterMove(Path from, Path to) {
                stopIf(Point.AFTER_RENAME, from, to);
              }

              private void stopIf(Point here, Path from, Path to) {
                boolean upgradeMove = root.resolve("instances").equals(from.getParent());
                if (here == point && upgradeMove && ++moves == stopAt) {
                  KillPoint.stopHere("at " + here + " " + moves + " " + from + " " + to);
                }
              }
            });
    try (CounterStore store = Counters.open(fs.wrap(root), Durability.FSYNC)) {
      System.out.println("finished with " + store.list().size() + " instances");
    }
  }
}
