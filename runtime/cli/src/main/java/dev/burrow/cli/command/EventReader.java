package dev.burrow.cli.command;

import dev.burrow.CorruptEventException;
import dev.burrow.EventBatch;
import dev.burrow.EventLog;
import dev.burrow.LoggedEvent;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/** Reads an event log from an offset to its end, a batch at a time, so memory stays bounded. */
final class EventReader {
  private static final int BATCH = 1000;

  private EventReader() {}

  /**
   * Hands every event from {@code offset} on to {@code events}, and every damaged line to {@code
   * problems} (a torn last line, which a writer may still be completing, only if {@code
   * reportTornTail}); returns the offset after the last complete line.
   */
  static long read(
      EventLog<JsonNode> log,
      long offset,
      boolean reportTornTail,
      Consumer<LoggedEvent<JsonNode>> events,
      Consumer<CorruptEventException> problems) {
    long position = offset;
    long tornReported = -1;
    while (true) {
      EventBatch<JsonNode> batch = log.read(position, BATCH);
      batch.events().forEach(events);
      for (CorruptEventException problem : batch.problems()) {
        if (problem.tornTail()) {
          if (!reportTornTail || problem.offset() == tornReported) {
            continue; // the last batch reads a torn last line again
          }
          tornReported = problem.offset();
        }
        problems.accept(problem);
      }
      if (batch.nextOffset() == position) {
        return position;
      }
      position = batch.nextOffset();
    }
  }
}
