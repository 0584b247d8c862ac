package dev.burrow.runtime.internal.events;

import dev.burrow.CorruptEventException;
import dev.burrow.EventBatch;
import dev.burrow.InstanceLock;
import dev.burrow.LoggedEvent;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.text.JsonErrors;
import dev.burrow.runtime.internal.utf8.StrictUtf8;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * One read of an event log ({@link FileEventLog#read(long, int)}, whose class Javadoc states the
 * guarantees): scans the lines from an offset, keeping at most {@code maxLines} lines, events and
 * damaged ones together, and, once it holds an event, at most about {@code maxBytes} of events'
 * JSON. A final line without its line end is looked at again under the log's append lock. Not
 * thread-safe: one read fills it.
 *
 * @param <E> the event type
 */
final class EventLogRead<E> {
  private static final System.Logger LOG = System.getLogger("dev.burrow");
  private static final int CHUNK = 64 * 1024;

  private final Path file;
  private final Class<E> type;
  private final ObjectReader reader;
  private final int maxLines;
  private final long maxBytes;
  private final Supplier<InstanceLock> appendLock;
  private final List<LoggedEvent<E>> events = new ArrayList<>();
  private final List<CorruptEventException> problems = new ArrayList<>();
  private long bytes;
  private long next;

  /**
   * A read of {@code file}'s {@code type} events with {@code reader}, taking {@code appendLock} to
   * look again at an unfinished final line.
   */
  EventLogRead(
      Path file,
      Class<E> type,
      ObjectReader reader,
      int maxLines,
      long maxBytes,
      Supplier<InstanceLock> appendLock) {
    this.file = file;
    this.type = type;
    this.reader = reader;
    this.maxLines = maxLines;
    this.maxBytes = maxBytes;
    this.appendLock = appendLock;
  }

  /**
   * The events and damaged lines from {@code offset} on, up to the read's limits; logs one warning
   * for the damaged lines.
   *
   * @throws IllegalArgumentException if {@code offset} is past the end or not the start of a line
   * @throws IOException if the log cannot be read (as {@link SafeFiles#openToReadSingleLink}
   *     refuses it, or it is missing)
   */
  EventBatch<E> from(long offset) throws IOException {
    scan(offset, false);
    warnDamagedLines(problems);
    return new EventBatch<>(events, next, problems);
  }

  private boolean full() {
    return events.size() + problems.size() >= maxLines || (bytes >= maxBytes && !events.isEmpty());
  }

  /**
   * Logs one warning for the damaged lines a read met, naming the first and how many there were: a
   * log of a million damaged lines does not flood the application's log on every read.
   */
  private static void warnDamagedLines(List<CorruptEventException> problems) {
    CorruptEventException first = null;
    int damaged = 0;
    for (CorruptEventException problem : problems) {
      if (!problem.tornTail()) {
        first = first == null ? problem : first;
        damaged++;
      }
    }
    if (first != null) {
      LOG.log(
          System.Logger.Level.WARNING,
          damaged == 1
              ? first.getMessage()
              : first.getMessage()
                  + " (the first of "
                  + damaged
                  + " damaged lines this read skipped)");
    }
  }

  private void scan(long offset, boolean locked) throws IOException {
    try (FileChannel channel = SafeFiles.openToReadSingleLink(file)) {
      checkOffset(channel, offset);
      next = offset;
      ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      long lineStart = offset;
      long position = offset;
      while (!full()) {
        chunk.clear();
        int read = channel.read(chunk, position);
        if (read < 0) {
          break;
        }
        byte[] bytes = chunk.array();
        for (int i = 0; i < read && !full(); ) {
          int lineEnd = lineEnd(bytes, i, read);
          // a line keeps its first FileEventLog.MAX_LINE_BYTES - 1 bytes: a longer one is too long
          // anyway
          long kept = FileEventLog.MAX_LINE_BYTES - 1 - (position + i - lineStart);
          line.write(bytes, i, (int) Math.max(0, Math.min(kept, lineEnd - i)));
          if (lineEnd == read) {
            break;
          }
          long end = position + lineEnd + 1;
          if (end - lineStart > FileEventLog.MAX_LINE_BYTES) {
            tooLong(lineStart, end);
          } else {
            accept(lineStart, end, line.toByteArray());
          }
          line.reset();
          lineStart = end;
          i = lineEnd + 1;
        }
        position += read;
      }
      if (position == lineStart || full()) {
        return;
      }
      if (position - lineStart >= FileEventLog.MAX_LINE_BYTES) {
        // Longer than any append writes (a line and its end fit in FileEventLog.MAX_LINE_BYTES): no
        // crashed
        // writer's torn append, which readers skip as a note, but damage, and not skipped over:
        // appends refuse to write after it, so a reader resumes at its start once it is cut.
        problems.add(
            longLine(
                lineStart,
                position,
                "unfinished final line",
                " (no line end), which no append writes; appends refuse to write after it until"
                    + " the log is cut here"));
        return;
      }
      if (!locked) {
        rescanTailUnderLock(lineStart);
        return;
      }
      CorruptEventException torn =
          new CorruptEventException(
              file,
              lineStart,
              true,
              "torn final line of "
                  + (position - lineStart)
                  + " bytes (no line end) left by a crashed writer;"
                  + " skipped",
              null);
      LOG.log(System.Logger.Level.WARNING, torn.getMessage());
      problems.add(torn);
    }
  }

  /** An unfinished last line may be an append in progress: look again once it is done. */
  private void rescanTailUnderLock(long tailStart) throws IOException {
    InstanceLock lock = appendLock.get();
    try {
      BasicFileAttributes now = SafeFiles.lstat(file);
      if (now == null || now.size() < tailStart) {
        return;
      }
      scan(tailStart, true);
    } finally {
      lock.close();
    }
  }

  /**
   * Reports a line longer than {@link FileEventLog#MAX_LINE_BYTES}, which was skipped without being
   * kept.
   */
  private void tooLong(long start, long end) {
    problems.add(longLine(start, end, "line", "; skipped"));
    next = end;
  }

  /** The damage of the {@code what} from {@code start} to {@code end}, over the line limit. */
  private CorruptEventException longLine(long start, long end, String what, String then) {
    return new CorruptEventException(
        file,
        start,
        false,
        what
            + " of "
            + (end - start)
            + " bytes is longer than the limit of "
            + FileEventLog.MAX_LINE_BYTES
            + " bytes"
            + then,
        null);
  }

  private void accept(long start, long end, byte[] json) {
    try {
      StrictUtf8.check(json);
      E event = reader.readValue(json);
      if (event == null) {
        throw new IllegalArgumentException("the line is null");
      }
      events.add(new LoggedEvent<>(start, end, event));
      bytes += json.length;
    } catch (JacksonException | IllegalArgumentException e) {
      CorruptEventException damaged =
          new CorruptEventException(
              file,
              start,
              false,
              "damaged line in the middle of the log, "
                  + (JsonNode.class.isAssignableFrom(type)
                      ? "not valid JSON" // read untyped, by tools: no type to name
                      : "not a valid " + type.getSimpleName())
                  + ": "
                  + (e instanceof JacksonException jackson
                      ? JsonErrors.plain(jackson)
                      : e.getMessage())
                  + "; skipped",
              e);
      problems.add(damaged);
    }
    next = end;
  }

  private void checkOffset(FileChannel channel, long offset) throws IOException {
    long size = channel.size();
    if (offset < 0 || offset > size) {
      throw new IllegalArgumentException(
          "offset " + offset + " is outside event log " + file + " (0.." + size + ")");
    }
    if (offset > 0) {
      ByteBuffer previous = ByteBuffer.allocate(1);
      channel.read(previous, offset - 1);
      if (previous.get(0) != '\n') {
        throw new IllegalArgumentException(
            "offset "
                + offset
                + " is not the start of a line in"
                + " event log "
                + file
                + "; use an offset the log returned");
      }
    }
  }

  /** The index of the first line end in {@code bytes} from {@code from}, or {@code to} if none. */
  private static int lineEnd(byte[] bytes, int from, int to) {
    for (int i = from; i < to; i++) {
      if (bytes[i] == '\n') {
        return i;
      }
    }
    return to;
  }
}
