package dev.burrow.runtime.internal.events;

import dev.burrow.CorruptEventException;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.fs.SafeFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * What an append does first, holding the log's lock: cuts off an unfinished final line that a
 * crashed writer left, so that a damaged line never ends up in the middle of the log.
 */
final class TornTail {
  private static final System.Logger LOG = System.getLogger("dev.burrow");

  private TornTail() {}

  /**
   * Cuts an unfinished final line (a crashed writer's) and returns where the next line starts.
   *
   * @throws CorruptEventException if the log ends in an unfinished line of {@link
   *     FileEventLog#MAX_LINE_BYTES} or more, which is not cut (where it starts is not looked for)
   *     and not written after
   */
  static long cut(Path file, FileChannel appendChannel) throws IOException {
    long size = appendChannel.size();
    if (size == 0) {
      return 0;
    }
    long cleanEnd = lineEndBefore(file, size);
    if (cleanEnd < 0) {
      throw new CorruptEventException(
          file,
          size,
          "its last "
              + FileEventLog.MAX_LINE_BYTES
              + " bytes hold no line end: it ends in an unfinished line longer than any append"
              + " writes, after which no read would reach an event, so nothing was appended; cut"
              + " the log where that line starts (the byte a read names) to append again",
          null);
    }
    if (cleanEnd < size) {
      appendChannel.truncate(cleanEnd);
      LOG.log(
          System.Logger.Level.WARNING,
          Printable.line(
              "event log "
                  + Printable.escaped(file.toString())
                  + ": removed a torn final line of "
                  + (size - cleanEnd)
                  + " bytes at byte "
                  + cleanEnd
                  + " left by a crashed writer"));
    }
    return cleanEnd;
  }

  /**
   * The offset just after the last line end before {@code size}, 0 if there is none in a log
   * shorter than {@link FileEventLog#MAX_LINE_BYTES}, or -1 if the last {@link
   * FileEventLog#MAX_LINE_BYTES} bytes hold none. Reads backwards from {@code size}, at most {@link
   * FileEventLog#MAX_LINE_BYTES} bytes.
   */
  private static long lineEndBefore(Path file, long size) throws IOException {
    try (FileChannel channel = SafeFiles.openToRead(file)) {
      long found = lineEndBetween(channel, Math.max(0, size - FileEventLog.MAX_LINE_BYTES), size);
      return found >= 0 || size >= FileEventLog.MAX_LINE_BYTES ? found : 0;
    }
  }

  /**
   * The offset just after the last line end of {@code channel} from {@code floor} to {@code end},
   * or -1 if there is none there; reads backwards from {@code end}, 4 KiB at a time.
   */
  static long lineEndBetween(FileChannel channel, long floor, long end) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(4096);
    long before = end;
    while (before > floor) {
      long start = Math.max(floor, before - buffer.capacity());
      buffer.clear().limit((int) (before - start));
      while (buffer.hasRemaining() && channel.read(buffer, start + buffer.position()) >= 0) {
        // positional reads until the chunk is full
      }
      for (int i = buffer.position() - 1; i >= 0; i--) {
        if (buffer.get(i) == '\n') {
          return start + i + 1;
        }
      }
      before = start;
    }
    return -1;
  }
}
