package dev.burrow.runtime.pg;

import dev.burrow.runtime.backend.NewestFirst;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The listing order as columns, so the database can sort and page by index: created-at
 * descending (absent last), then the ID descending, all-digit IDs (Snowflake) by number.
 * This is {@link NewestFirst}'s order.
 */
record SortKey(long createdSecond, int createdNano, int idRank) {

  static SortKey of(@Nullable Instant createdAt, String id) {
    return createdAt == null
        ? new SortKey(Long.MIN_VALUE, 0, NewestFirst.idRank(id))
        : new SortKey(createdAt.getEpochSecond(), createdAt.getNano(), NewestFirst.idRank(id));
  }
}
