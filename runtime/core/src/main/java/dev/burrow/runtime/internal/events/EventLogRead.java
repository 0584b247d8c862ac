package dev.burrow.runtime.internal.events;

import dev.burrow.CorruptEventException;
import dev.burrow.EventBatch;
import dev.burrow.InstanceLock;
import dev.burrow.InterruptedOperationException;
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
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * One read of an event log ({@link FileEventLog#read(long, int)}, whose class Javadoc states the
 * guarantees): scans the lines from an offset, keeping at most {@code maxLines} lines, events and
 * damaged ones together, and, once it holds an event, at most about {@code maxBytes} of events'
 * JSON. A final line without its line end is looked at again under the log's append lock if that is
 * free right now, and left for a later read if an append holds it. Not thread-safe: one read fills
 * it.
 *
 * <p><b>Only lines that were appended.</b> The read takes no lock, and an append cuts the log
 * before it writes: a torn final line a crashed writer left ({@link TornTail}), or its own line
 * after a failed write or flush. A line the read took from more than one {@code read} call could
 * then join the start of the cut line and the end of the line written in its place: an event no one
 * appended (or damage in a sound log), after which the next offset points past the event that was
 * appended. So a line at risk is read again before it is taken, and read anew from its start if its
 * bytes changed. At risk are a line read in pieces, and a line past the last line end the log had
 * when the read began: only what follows a log's last line end is ever cut, besides a failed
 * append's own line, which its append cuts while holding the lock. Cost: each line at risk is read
 * twice (one in 64 KiB of a long log, and the lines appended while it is read), and one {@code
 * read} of at most 64 KiB at the log's end per read.
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
  private final TailLock appendLock;
  private final Opener opener;
  private final List<LoggedEvent<E>> events = new ArrayList<>();
  private final List<CorruptEventException> problems = new ArrayList<>();
  private long bytes;
  private long next;
  private @Nullable ByteBuffer again;

  /** Takes the log's append lock if it is free right now. */
  @FunctionalInterface
  interface TailLock {
    /**
     * The lock, or null if another holds it (an append in progress, in this or another process).
     *
     * @throws dev.burrow.InterruptedOperationException if the thread is interrupted
     */
    @Nullable InstanceLock tryLock();
  }

  /** Opens the log to read it; tests hand in one that acts between the reads. */
  @FunctionalInterface
  interface Opener {
    /**
     * The log open for reading.
     *
     * @throws IOException as {@link SafeFiles#openToReadSingleLink} throws it
     */
    FileChannel open(Path file) throws IOException;
  }

  /**
   * A read of {@code file}'s {@code type} events with {@code reader}, taking {@code appendLock} if
   * it is free to look again at an unfinished final line.
   */
  EventLogRead(
      Path file,
      Class<E> type,
      ObjectReader reader,
      int maxLines,
      long maxBytes,
      TailLock appendLock) {
    this(file, type, reader, maxLines, maxBytes, appendLock, SafeFiles::openToReadSingleLink);
  }

  /** As above, opening the log with {@code opener}. */
  EventLogRead(
      Path file,
      Class<E> type,
      ObjectReader reader,
      int maxLines,
      long maxBytes,
      TailLock appendLock,
      Opener opener) {
    this.file = file;
    this.type = type;
    this.reader = reader;
    this.maxLines = maxLines;
    this.maxBytes = maxBytes;
    this.appendLock = appendLock;
    this.opener = opener;
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
    try (FileChannel channel = opener.open(file)) {
      checkOffset(channel, offset);
      next = offset;
      // Under the lock nothing is cut; else the lines past it are read again before they count.
      long settled = locked ? Long.MAX_VALUE : settledEnd(channel, offset);
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
        long readStart = position;
        position += read;
        byte[] bytes = chunk.array();
        for (int i = 0; i < read && !full(); ) {
          int lineEnd = lineEnd(bytes, i, read);
          // a line keeps its first FileEventLog.MAX_LINE_BYTES - 1 bytes: a longer one is too long
          // anyway
          long kept = FileEventLog.MAX_LINE_BYTES - 1 - (readStart + i - lineStart);
          line.write(bytes, i, (int) Math.max(0, Math.min(kept, lineEnd - i)));
          if (lineEnd == read) {
            break;
          }
          long end = readStart + lineEnd + 1;
          byte[] held = line.toByteArray();
          if ((lineStart < readStart || end > settled)
              && !stillThere(channel, lineStart, end, held)) {
            // cut and written over since its start was read: read it again from its start
            line.reset();
            position = lineStart;
            break;
          }
          if (end - lineStart > FileEventLog.MAX_LINE_BYTES) {
            tooLong(lineStart, end);
          } else {
            accept(lineStart, end, held);
          }
          line.reset();
          lineStart = end;
          i = lineEnd + 1;
        }
      }
      if (position == lineStart || full()) {
        return;
      }
      if (position - lineStart >= FileEventLog.MAX_LINE_BYTES) {
        // Longer than any append writes (a line and its end fit in FileEventLog.MAX_LINE_BYTES): no
        // crashed writer's torn append, which readers skip as a note, but damage, and not skipped
        // over: appends refuse to write after it, so a reader resumes at its start once it is cut.
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
        rescanTailIfNoAppend(lineStart);
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

  /**
   * Where the log's last line end is now, at most one chunk before its end, and not before {@code
   * offset}: no append cuts the log before it. If that chunk holds none, the log's last {@link
   * FileEventLog#MAX_LINE_BYTES} bytes hold it or no append cuts the log at all ({@link
   * TornTail#cut}), so their start is a bound low enough.
   */
  private long settledEnd(FileChannel channel, long offset) throws IOException {
    long size = channel.size();
    long start = Math.max(offset, size - CHUNK);
    if (start >= size) {
      return offset;
    }
    ByteBuffer tail = buffer();
    tail.clear().limit((int) (size - start));
    while (tail.hasRemaining() && channel.read(tail, start + tail.position()) > 0) {
      // positional reads until the log's end
    }
    if (tail.hasRemaining()) {
      return offset; // cut meanwhile: nothing is known settled
    }
    for (int i = tail.position() - 1; i >= 0; i--) {
      if (tail.get(i) == '\n') {
        return start + i + 1;
      }
    }
    return Math.max(offset, size - FileEventLog.MAX_LINE_BYTES);
  }

  /**
   * Whether the log still holds the line from {@code start} to its line end just before {@code
   * end}, beginning with {@code held} (all of it but its line end, or what a line longer than any
   * append keeps of it): read again in one go, so that a line whose first bytes were read before
   * the log was cut there, and the rest after an append wrote its own line in its place, is not
   * taken.
   */
  private boolean stillThere(FileChannel channel, long start, long end, byte[] held)
      throws IOException {
    ByteBuffer buffer = buffer();
    long at = start;
    int compared = 0;
    while (compared < held.length) {
      buffer.clear().limit(Math.min(CHUNK, held.length - compared));
      int read = channel.read(buffer, at);
      if (read <= 0) {
        return false;
      }
      for (int i = 0; i < read; i++) {
        if (buffer.get(i) != held[compared + i]) {
          return false;
        }
      }
      compared += read;
      at += read;
    }
    buffer.clear().limit(1);
    return channel.read(buffer, end - 1) == 1 && buffer.get(0) == '\n';
  }

  /** The buffer to read the log's end and lines again, made once per read. */
  private ByteBuffer buffer() {
    ByteBuffer buffer = again;
    if (buffer == null) {
      buffer = ByteBuffer.allocate(CHUNK);
      again = buffer;
    }
    return buffer;
  }

  /**
   * An unfinished last line may be an append in progress: look again holding the log's lock, if it
   * is free. If an append holds it (in this process or another), the line is that append's, not yet
   * finished, or a torn line it is about to cut: no event yet either way, so the read ends before
   * it, without waiting (a read never waits for a lock, nor fails for one being held) and without
   * reporting it.
   */
  private void rescanTailIfNoAppend(long tailStart) throws IOException {
    InstanceLock lock;
    try {
      lock = appendLock.tryLock();
    } catch (InterruptedOperationException e) {
      lock = null; // the thread keeps its interrupt status; a later read looks again
    }
    if (lock == null) {
      return;
    }
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
