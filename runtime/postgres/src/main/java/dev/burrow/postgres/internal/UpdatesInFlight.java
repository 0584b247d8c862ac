package dev.burrow.postgres.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The updates of each instance that threads of one store are running, so that an update knows
 * whether it runs alone. Memory: one entry per instance while it is being updated.
 */
final class UpdatesInFlight {
  private final ConcurrentHashMap<String, Integer> running = new ConcurrentHashMap<>();

  /** Counts an update of {@code id} beginning; true if no other update of it is running. */
  boolean begin(String id) {
    return running.merge(id, 1, Integer::sum) == 1;
  }

  /** Counts an update of {@code id} that {@link #begin} counted ending. */
  void end(String id) {
    running.computeIfPresent(id, (key, count) -> count == 1 ? null : count - 1);
  }
}
