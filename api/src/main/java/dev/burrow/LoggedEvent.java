package dev.burrow;

/**
 * One event read from a log, with where its line starts and where the next one starts.
 *
 * @param offset the byte offset of the event's line
 * @param nextOffset the byte offset just after the line, where reading can resume
 * @param event the event
 * @param <E> the event type
 */
public record LoggedEvent<E>(long offset, long nextOffset, E event) {}
