package dev.burrow;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A line of an event log that could not be read as an event, or a log that could not be read at all
 * (a link or special file in its place, or no permission). Reading never throws it: it is reported
 * in {@link EventBatch#problems()} (and logged as a warning) while every other event is returned.
 * For a line, either the final line was torn by a crash ({@link #tornTail()}: it has no line end;
 * the next append removes it) or a complete line in the middle is damaged, which appends alone
 * never produce: something else wrote to the file.
 */
public class CorruptEventException extends DamagedDataException {
  private static final long serialVersionUID = 1L;
  private final long offset;
  private final boolean tornTail;

  /**
   * Creates the report.
   *
   * @param file the log
   * @param offset the byte offset where the bad line starts
   * @param tornTail whether it is an unfinished final line
   * @param reason what is wrong
   * @param cause the parser's exception, if any
   */
  public CorruptEventException(
      Path file, long offset, boolean tornTail, String reason, @Nullable Throwable cause) {
    this(file + " at byte " + offset, offset, tornTail, reason, cause);
  }

  /**
   * Creates the report of a problem of the whole log rather than of one of its lines: a link,
   * directory or special file in its place or on its way, or a log that may not be read. Its {@link
   * #location()} names the file alone, no byte in it.
   *
   * @param file the log
   * @param offset where the reader was to start reading
   * @param reason what is wrong
   * @param cause the refusal, if any
   */
  public CorruptEventException(Path file, long offset, String reason, @Nullable Throwable cause) {
    this(file.toString(), offset, false, reason, cause);
  }

  private CorruptEventException(
      String location, long offset, boolean tornTail, String reason, @Nullable Throwable cause) {
    super(location, reason, cause);
    this.offset = offset;
    this.tornTail = tornTail;
  }

  /**
   * The byte offset where the bad line starts; for a problem of the whole log, where the reader was
   * to start reading.
   */
  public long offset() {
    return offset;
  }

  /** Whether this is an unfinished final line left by a crash, rather than damage in the middle. */
  public boolean tornTail() {
    return tornTail;
  }
}
