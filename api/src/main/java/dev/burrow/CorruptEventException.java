package dev.burrow;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * A line of an event log that could not be read as an event. Reading never throws it: it is
 * reported in {@link EventBatch#problems()} (and logged as a warning) while every other event is
 * returned. Either the final line was torn by a crash ({@link #tornTail()}: it has no line end; the
 * next append removes it) or a complete line in the middle is damaged, which appends alone never
 * produce: something else wrote to the file.
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
    super(file + " at byte " + offset, reason, cause);
    this.offset = offset;
    this.tornTail = tornTail;
  }

  /** The byte offset where the bad line starts. */
  public long offset() {
    return offset;
  }

  /** Whether this is an unfinished final line left by a crash, rather than damage in the middle. */
  public boolean tornTail() {
    return tornTail;
  }
}
