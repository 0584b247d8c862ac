package dev.burrow.postgres.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The incarnation and version of the row each of a store's last {@value #CAPACITY} reads by ID
 * found: what tells, once a replace's answer is lost and its row is found still at the version it
 * expected, that this is the very row the replace was sent for, which it therefore did not change,
 * and not a row deleted and created again since at that version, which the replace may have changed
 * before that delete ({@link LostCommits#replacedOrNot}). Versions of one incarnation only grow, so
 * a row of the incarnation a read found at the expected version, still at that version after the
 * replace was sent, has not been replaced. Costs a map entry per ID read, the least recently read
 * dropped first.
 */
final class SeenRows {
  private static final int CAPACITY = 4096;

  private record Seen(long incarnation, long version) {}

  private final Map<String, Seen> seen =
      new LinkedHashMap<>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Seen> eldest) {
          return size() > CAPACITY;
        }
      };

  /** Records that a read of {@code id} found the row of {@code incarnation} at {@code version}. */
  synchronized void saw(String id, long incarnation, long version) {
    seen.put(id, new Seen(incarnation, version));
  }

  /**
   * The incarnation of the row the last read of {@code id} found at {@code version}, null if that
   * read found another version, or none is remembered.
   */
  synchronized @Nullable Long incarnationAt(String id, long version) {
    Seen last = seen.get(id);
    return last == null || last.version() != version ? null : last.incarnation();
  }
}
