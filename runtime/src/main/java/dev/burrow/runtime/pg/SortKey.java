package dev.burrow.runtime.pg;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The listing order as columns, so the database can sort and page by index: created-at
 * descending (absent last), then the ID descending, all-digit IDs (Snowflake) by number.
 * This is {@link dev.burrow.runtime.backend.NewestFirst}'s order, except that among
 * instances created in the same nanosecond all-digit IDs come before the others.
 */
record SortKey(long createdSecond, int createdNano, int idRank) {

  static SortKey of(@Nullable Instant createdAt, String id) {
    return createdAt == null
        ? new SortKey(Long.MIN_VALUE, 0, rank(id))
        : new SortKey(createdAt.getEpochSecond(), createdAt.getNano(), rank(id));
  }

  /** The length of an all-digit ID (longer means larger), 0 for any other. */
  static int rank(String id) {
    for (int i = 0; i < id.length(); i++) {
      if (id.charAt(i) < '0' || id.charAt(i) > '9') {
        return 0;
      }
    }
    return id.length();
  }
}
