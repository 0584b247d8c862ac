package dev.burrow.test.internal.crash.recording;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.test.internal.crash.CrashStates;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the recording file system records is what the calls did to the disk. */
class RecordingFileSystemTest {
  @TempDir Path base;

  /**
   * {@code truncate} to a size no smaller than the file's leaves the file as it is, so no crash
   * state holds it longer: before the fix it was recorded as growing the file with zeros.
   */
  @Test
  void aTruncateBeyondTheEndLeavesTheFileAsItIs() throws IOException {
    RecordingFileSystem fileSystem = RecordingFileSystem.over(base, path -> false);
    Path file = fileSystem.wrap(base.resolve("file"));
    try (FileChannel channel =
        FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap("abcd".getBytes(UTF_8)));
      channel.truncate(10);
      channel.force(true);
    }

    assertEquals(Set.of(4L), sizesIn(fileSystem.log()));
    assertEquals(4, Files.size(base.resolve("file")));
  }

  @Test
  void anAsynchronousTruncateBeyondTheEndLeavesTheFileAsItIs()
      throws IOException, InterruptedException, ExecutionException {
    RecordingFileSystem fileSystem = RecordingFileSystem.over(base, path -> false);
    Path file = fileSystem.wrap(base.resolve("file"));
    try (AsynchronousFileChannel channel =
        AsynchronousFileChannel.open(
            file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap("abcd".getBytes(UTF_8)), 0).get();
      channel.truncate(10);
      channel.force(true);
    }

    assertEquals(Set.of(4L), sizesIn(fileSystem.log()));
  }

  /**
   * A file opened with {@code DELETE_ON_CLOSE} is unlinked as soon as it is open (as the JDK does
   * on Linux), so once its directory is flushed no crash state holds it: before the fix only its
   * creation was recorded, and every later crash state held a file the disk never kept.
   */
  @Test
  void aFileOpenedToBeDeletedOnCloseIsNoLongerThereOnceItsDirectoryIsFlushed() throws IOException {
    RecordingFileSystem fileSystem = RecordingFileSystem.over(base, path -> false);
    try (FileChannel channel =
        FileChannel.open(
            fileSystem.wrap(base.resolve("file")),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE,
            StandardOpenOption.DELETE_ON_CLOSE)) {
      channel.write(ByteBuffer.wrap("abcd".getBytes(UTF_8)));
      channel.force(true);
      try (FileChannel directory =
          FileChannel.open(fileSystem.wrap(base), StandardOpenOption.READ)) {
        directory.force(true);
      }
    }

    assertEquals(Set.of(), sizesIn(fileSystem.log()));
  }

  /** The sizes of {@code file} in the crash states after every recorded operation that keep it. */
  private static Set<Long> sizesIn(FsLog log) {
    List<FsOp> ops = log.ops();
    Set<Long> sizes = new TreeSet<>();
    new CrashStates(ops, log.labels(), 10, 2)
        .forEach(
            ops.size(),
            state -> {
              for (String line : state.fingerprint().split("\n")) {
                if (line.startsWith("file=")) {
                  sizes.add(Long.parseLong(line.substring(5, line.indexOf('/'))));
                }
              }
            });
    return sizes;
  }
}
