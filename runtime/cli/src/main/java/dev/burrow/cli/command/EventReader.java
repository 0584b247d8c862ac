package dev.burrow.cli.command;

import dev.burrow.CorruptEventException;
import dev.burrow.EventBatch;
import dev.burrow.EventLog;
import dev.burrow.LoggedEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/** Reads an event log from an offset to its end, a batch at a time, so memory stays bounded. */
final class EventReader {
  /** The most events one read of the log returns. */
  static final int BATCH = 1000;

  private EventReader() {}

  /**
   * Hands every event from {@code offset} on to {@code events}, every damaged line read past (a
   * {@code null} line included) to {@code passed}, and, once, the damage of the line the read
   * stopped at to {@code tail}: a torn last line (which a writer may still be completing) or an
   * unfinished one over the line limit, which the next append cuts, or the log refused (a link or
   * special file in its place). Returns the offset after the last complete line: where a later read
   * goes on, the tail's start.
   */
  static long read(
      EventLog<JsonNode> log,
      long offset,
      Consumer<LoggedEvent<JsonNode>> events,
      Consumer<CorruptEventException> passed,
      Consumer<CorruptEventException> tail) {
    return read(log, offset, Long.MAX_VALUE, events, passed, tail);
  }

  /**
   * {@link #read(EventLog, long, Consumer, Consumer, Consumer)} up to byte {@code end}: the lines
   * that end after it (appended since the log was that long) are left out, and the read stops
   * there.
   */
  static long read(
      EventLog<JsonNode> log,
      long offset,
      long end,
      Consumer<LoggedEvent<JsonNode>> events,
      Consumer<CorruptEventException> passed,
      Consumer<CorruptEventException> tail) {
    long position = offset;
    long tailReported = -1;
    while (position < end) {
      EventBatch<JsonNode> batch = log.read(position, BATCH);
      List<CorruptEventException> problems = new ArrayList<>(batch.problems());
      for (LoggedEvent<JsonNode> event : batch.events()) {
        if (event.nextOffset() > end) {
          continue;
        }
        if (event.event().isNull()) {
          problems.add(nullLine(log, event));
        } else {
          events.accept(event);
        }
      }
      problems.sort(Comparator.comparingLong(CorruptEventException::offset));
      for (CorruptEventException problem : problems) {
        if (problem.offset() >= end) {
          continue;
        }
        if (problem.offset() < batch.nextOffset()) {
          passed.accept(problem);
        } else if (problem.offset() != tailReported) { // the last batch reads the tail again
          tailReported = problem.offset();
          tail.accept(problem);
        }
      }
      if (batch.nextOffset() == position) {
        return position;
      }
      position = batch.nextOffset();
    }
    return position;
  }

  /**
   * The damage a {@code null} line is: read untyped it is JSON's null, but no reader of the
   * application's events reads it (each skips it as damaged, {@code the line is null}), and an
   * import refuses a log holding one.
   */
  private static CorruptEventException nullLine(
      EventLog<JsonNode> log, LoggedEvent<JsonNode> line) {
    return new CorruptEventException(
        log.file(),
        line.offset(),
        false,
        "damaged line in the middle of the log, no event: the line is null, which no reader of"
            + " the log reads; skipped",
        null);
  }
}
