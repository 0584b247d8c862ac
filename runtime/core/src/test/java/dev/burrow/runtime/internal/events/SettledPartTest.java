package dev.burrow.runtime.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.EventBatch;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.json.FilesMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What a read takes without the append lock, while an append (of another process, or of this one
 * before it writes) holds it: every line but the last, which that append may still cut off, and the
 * lines this process's appends left, known by the file whatever path reaches it, and only while the
 * log is the one they were appended to.
 */
class SettledPartTest {
  @TempDir Path dir;

  /** A read of {@code log} from its start while an append holds the lock. */
  private static EventBatch<JsonNode> readWhileAnAppendHoldsTheLock(Path log) throws Exception {
    return new EventLogRead<>(
            log,
            JsonNode.class,
            FilesMapper.INSTANCE.readerFor(JsonNode.class),
            Integer.MAX_VALUE,
            Long.MAX_VALUE,
            () -> null,
            SafeFiles::openToReadSingleLink)
        .from(0, null);
  }

  private static Path lines(Path log, int count, int size) throws Exception {
    return Files.writeString(log, ("{\"s\":\"" + "x".repeat(size) + "\"}\n").repeat(count));
  }

  @Test
  void everyLineButTheLastIsTakenAlsoWhenTheLastIsLongerThanAChunk() throws Exception {
    Path log = lines(dir.resolve("events.jsonl"), 3, 100 * 1024);

    EventBatch<JsonNode> read = readWhileAnAppendHoldsTheLock(log);

    assertEquals(2, read.events().size(), "next offset " + read.nextOffset());
    assertEquals(2 * (Files.size(log) / 3), read.nextOffset());
  }

  @Test
  void linesThisProcessAppendedThroughASecondPathCountThroughTheFirst() throws Exception {
    Path real = Files.createDirectory(dir.resolve("real"));
    Path second = Files.createSymbolicLink(dir.resolve("second"), real); // as a bind mount would
    Path log = lines(real.resolve("events.jsonl"), 1, 10);
    SettledEnds.record(second.resolve("events.jsonl"), SafeFiles.lstat(log), Files.size(log));

    assertEquals(1, readWhileAnAppendHoldsTheLock(log).events().size());
  }

  /**
   * A log deleted and made again may get the same inode; one of the very length this process's
   * append left is told apart by its modification time, and its last line, which its own append may
   * still cut off, is left for the next read.
   */
  @Test
  void aLogModifiedSinceThisProcessAppendedIsNotTakenAsSettledToItsEnd() throws Exception {
    Path log = lines(dir.resolve("events.jsonl"), 1, 10);
    SettledEnds.record(log, SafeFiles.lstat(log), Files.size(log));
    lines(log, 1, 10); // the same inode and length, written again
    Files.setLastModifiedTime(
        log, FileTime.fromMillis(Files.getLastModifiedTime(log).toMillis() + 1_000));

    assertEquals(0, readWhileAnAppendHoldsTheLock(log).events().size());

    SettledEnds.record(log, SafeFiles.lstat(log), Files.size(log));
    assertEquals(1, readWhileAnAppendHoldsTheLock(log).events().size());
  }
}
