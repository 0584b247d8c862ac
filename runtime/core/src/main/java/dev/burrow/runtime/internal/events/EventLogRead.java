package dev.burrow.runtime.internal.events;

import dev.burrow.CorruptEventException;
import dev.burrow.EventBatch;
import dev.burrow.InstanceLock;
import dev.burrow.InterruptedOperationException;
import dev.burrow.LoggedEvent;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.text.JsonErrors;
import dev.burrow.runtime.internal.text.JsonReadFailure;
import dev.burrow.runtime.internal.text.TypeNames;
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
 * JSON. A final line without its line end, and a line an append may still cut off, are looked at
 * again under the log's append lock if that is free right now, and left for a later read if an
 * append holds it. Not thread-safe: one read fills it.
 *
 * <p><b>Only lines that were appended.</b> The read takes no lock to read the settled part of the
 * log, and an append cuts the log: before it writes, a torn final line a crashed writer left
 * ({@link TornTail}); after a failed write or flush, its own line, complete or not, while it still
 * holds the lock. A line read before such a cut could be an event no one appended (its append
 * reported failed), its next offset then pointing into the line written in its place; a line read
 * in pieces across the cut could join the start of the cut line and the end of the new one. Nothing
 * before the settled part's end is ever cut: it ends where the log's last line starts if the log
 * ends in a line end when the read begins (that line may be an append's in progress), or after the
 * last line end if it ends in an unfinished line ({@link #settledEnd}). A line ending past it, one
 * appended during the read included, counts only once read holding the lock, taken only if it is
 * free right now ({@link #rescanIfNoAppend}): if an append holds it, the read ends before that
 * line, whose start is the next offset, and reports nothing. A follower so makes progress while
 * appends follow one another, holding the lock most of the time: each line it was left short of is
 * settled once another line follows it, and one line at most waits for the lock to be free. That
 * line may be one whose append has returned: while the next append holds the lock before it writes,
 * nothing in the file tells that line from that append's own. So the lines this process's appends
 * left are known settled ({@link SettledEnds}): a read returns every event this process
 * acknowledged; one another process acknowledged may be left for the next read while an append
 * holds the lock. Cost: one {@code lstat} and one {@code read} of at most 64 KiB at the log's end
 * per read, and, for a read that reaches the log's end, one attempt to take the lock and a second
 * read of the lines from the log's last one on.
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

  /** The file key of the log this read opened, as the look right after the open saw it. */
  private @Nullable Object opened;

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

  /** Opens the log to read it; tests hand in one that acts then. */
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
   * A read of {@code file}'s {@code type} events with {@code reader}, opening it with {@code
   * opener}, taking {@code appendLock} if it is free to look again at an unfinished final line.
   */
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
   * @param offsetIn the file key of the log {@code offset} is in, or null if unknown: a log
   *     replaced by another file since (an import's) holds other lines, and is not read from there
   * @throws IllegalArgumentException if {@code offset} is past the end or not the start of a line,
   *     or is not 0 and the log is another file than {@code offsetIn}
   * @throws IOException if the log cannot be read (as {@link SafeFiles#openToReadSingleLink}
   *     refuses it, or it is missing)
   */
  EventBatch<E> from(long offset, @Nullable Object offsetIn) throws IOException {
    scan(offset, offsetIn, false);
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

  /**
   * The file key of the log this read opened (looked at by path right after the open: Java 17 has
   * no {@code fstat} of a channel), or null if the file system gives none or nothing was opened.
   */
  @Nullable Object opened() {
    return opened;
  }

  private void scan(long offset, @Nullable Object offsetIn, boolean locked) throws IOException {
    try (FileChannel channel = opener.open(file)) {
      // Under the lock nothing is cut, nor replaced; else a line past the settled part counts only
      // under it.
      long settled = Long.MAX_VALUE;
      if (!locked) {
        BasicFileAttributes now = SafeFiles.lstat(file);
        opened = now == null ? null : now.fileKey();
        requireOffsetIn(offset, offsetIn);
        checkOffset(channel, offset);
        settled = settledEnd(channel, offset, now);
      } else {
        checkOffset(channel, offset);
      }
      next = offset;
      ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      long lineStart = offset;
      long position = offset;
      boolean unsettled = false;
      while (!full() && !unsettled) {
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
          if (end > settled) {
            // an append may hold the lock to cut this line off again: it counts only under the lock
            unsettled = true;
            break;
          }
          if (end - lineStart > FileEventLog.MAX_LINE_BYTES) {
            tooLong(lineStart, end);
          } else {
            accept(lineStart, end, line.toByteArray());
          }
          line.reset();
          lineStart = end;
          i = lineEnd + 1;
        }
      }
      if (unsettled) {
        rescanIfNoAppend(lineStart);
        return;
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
        rescanIfNoAppend(lineStart);
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
   * Where the settled part of the log ends, not before {@code offset}: no append cuts anything
   * before it. An append cuts the log only after its last line end (a torn line), or, while it
   * holds the lock, its own line, which is the log's last: so if the log ends in a line end, its
   * last line may be an append's that it is about to cut off again, and the settled part ends where
   * that line starts; if it ends in an unfinished line, where the last line end is. Looks one chunk
   * before the log's end, and further back only for a last line longer than that, at most {@link
   * FileEventLog#MAX_LINE_BYTES} bytes, which hold what an append cuts ({@link TornTail#cut}, and
   * an append's line is no longer), so their start is a bound low enough. Where this process's own
   * appends left lines ending later ({@link SettledEnds}, looked up by {@code now}, the log's
   * attributes seen right after it was opened: if another file has taken its name since, the one
   * read is no longer appended to, so nothing in it is cut either), the settled part ends after the
   * last of them.
   */
  private long settledEnd(FileChannel channel, long offset, @Nullable BasicFileAttributes now)
      throws IOException {
    long size = channel.size();
    long known = now == null ? 0 : SettledEnds.of(file, now);
    if (known > size) {
      known = 0; // past the end: not what this process's appends left in this file
    } else if (known == size) {
      return size;
    }
    long start = Math.max(offset, size - CHUNK);
    if (start >= size) {
      return offset;
    }
    return Math.max(known, settledInTail(channel, offset, size, start));
  }

  /**
   * Refuses an {@code offset} (but 0) into the log {@code offsetIn} if the log opened is another
   * file: one an import put in its place, whose lines may start there too.
   */
  private void requireOffsetIn(long offset, @Nullable Object offsetIn) {
    if (offset != 0 && offsetIn != null && opened != null && !offsetIn.equals(opened)) {
      throw new IllegalArgumentException(
          "offset "
              + offset
              + " is in the event log that "
              + file
              + " was before another file replaced it (an import), not in the new log: read that"
              + " from 0");
    }
  }

  /** {@link #settledEnd} from the log's last chunk, {@code start} to {@code size}. */
  private long settledInTail(FileChannel channel, long offset, long size, long start)
      throws IOException {
    ByteBuffer tail = ByteBuffer.allocate((int) (size - start));
    while (tail.hasRemaining() && channel.read(tail, start + tail.position()) > 0) {
      // positional reads until the log's end
    }
    if (tail.hasRemaining()) {
      return offset; // cut meanwhile: nothing is known settled
    }
    // if the log ends in a line end, the settled part ends before its last line
    int last = tail.position() - (tail.get(tail.position() - 1) == '\n' ? 2 : 1);
    for (int i = last; i >= 0; i--) {
      if (tail.get(i) == '\n') {
        return start + i + 1;
      }
    }
    // a last line longer than the chunk: its start lies within the line length an append writes
    long floor = Math.max(offset, size - FileEventLog.MAX_LINE_BYTES - 1);
    long found = TornTail.lineEndBetween(channel, floor, start);
    return found >= 0 ? found : floor;
  }

  /**
   * The line at {@code lineStart} may be an append's in progress: an unfinished last line (being
   * written, or torn by a crash), or a complete line past the settled part (one an append wrote and
   * may still cut off, its flush having failed). Look again holding the log's lock, if it is free:
   * nothing is cut then. If an append holds it (in this process or another), the line is no
   * acknowledged event yet: the read ends before it, without waiting (a read never waits for a
   * lock, nor fails for one being held) and without reporting it.
   */
  private void rescanIfNoAppend(long lineStart) throws IOException {
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
      if (now == null
          || now.size() < lineStart
          || (opened != null && !opened.equals(now.fileKey()))) {
        return; // replaced since it was opened: the next read finds the other file
      }
      scan(lineStart, null, true);
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
                      : "not a valid " + TypeNames.of(type))
                  + ": "
                  + (e instanceof JacksonException jackson
                      ? JsonErrors.plain(jackson)
                      : e.getMessage())
                  + "; skipped",
              e instanceof JacksonException jackson ? JsonReadFailure.of(jackson) : e);
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
