package dev.burrow;

import java.util.List;

/**
 * The events read from a log in one call, in the order they were appended.
 *
 * @param events the readable events
 * @param nextOffset where to resume reading to get only newer events; it never skips a torn final
 *     line, so a line completed later is not missed
 * @param problems lines that were skipped: a torn final line left by a crash ({@link
 *     CorruptEventException#tornTail()}) or a damaged line in the middle
 * @param <E> the event type
 */
public record EventBatch<E>(
    List<LoggedEvent<E>> events, long nextOffset, List<CorruptEventException> problems) {

  /** Copies the lists. */
  public EventBatch {
    events = List.copyOf(events);
    problems = List.copyOf(problems);
  }

  /** The events alone. */
  public List<E> values() {
    return events.stream().map(LoggedEvent::event).toList();
  }
}
