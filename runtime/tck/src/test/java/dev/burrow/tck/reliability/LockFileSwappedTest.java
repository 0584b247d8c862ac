package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.burrow.InstanceLock;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.test.internal.crash.recording.RecordingFileSystem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data root's lock file replaced (the root removed and made again) in the moment between this
 * JVM's open of it and its look at which file the path holds: the locks it hands out are on the
 * file at the path, which other processes lock, and not on the one replaced. The replacement is
 * made by a hook of the recording file system right after the open, so it always lands in that
 * moment.
 */
class LockFileSwappedTest {
  @TempDir Path work;

  @Test
  void aLockFileReplacedRightAfterItsOpenIsOpenedAgainSoItsLocksAreOnTheFileThere()
      throws IOException {
    Path lockFile = Files.createDirectories(work.resolve("root/.burrow/locks")).resolve("lock");
    Replace replace = new Replace(lockFile);
    RecordingFileSystem fs = RecordingFileSystem.over(work, path -> true, replace);

    InstanceLocks locks = InstanceLocks.forFile(fs.wrap(lockFile));

    try (InstanceLock held = locks.lock("x", Duration.ofSeconds(1));
        FileChannel there = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
      // The JVM's own file locks on the file at the path overlap any region of it.
      assertThrows(
          OverlappingFileLockException.class,
          () -> there.tryLock(0, Long.MAX_VALUE, false),
          "the lock on "
              + held.instanceIds()
              + " is on the file replaced, not the one at the path");
    }
    replace.assertDone();
  }

  /** Replaces the lock file, once, right after it is opened for locking. */
  private static final class Replace implements RecordingFileSystem.Hooks {
    private final Path lockFile;
    private boolean done;

    Replace(Path lockFile) {
      this.lockFile = lockFile;
    }

    @Override
    public void afterOpen(Path real, Set<? extends OpenOption> options) throws IOException {
      if (!done && real.equals(lockFile) && options.contains(StandardOpenOption.READ)) {
        done = true;
        Files.delete(lockFile);
        Files.createFile(lockFile);
      }
    }

    void assertDone() {
      if (!done) {
        throw new AssertionError("the lock file was never opened for locking");
      }
    }
  }
}
