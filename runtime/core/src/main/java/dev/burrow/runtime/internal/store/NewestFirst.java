package dev.burrow.runtime.internal.store;

import dev.burrow.spi.InstanceSchema;
import java.time.Instant;
import java.util.Comparator;

/**
 * The order of {@code list()} on every backend: newest created first (instances without a
 * created-at last), then by ID descending, where all-digit IDs (Snowflake) rank by their length
 * first, so they compare as numbers and come before any other ID. The order is total, so it is the
 * same for a sort in memory and for a database index.
 */
public final class NewestFirst {
  private NewestFirst() {}

  /** The comparator for instances of {@code schema}'s type. */
  public static <T> Comparator<T> of(InstanceSchema<T> schema) {
    Comparator<T> byCreated =
        Comparator.comparing(
            schema::createdAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()));
    Comparator<String> byId =
        Comparator.comparingInt(NewestFirst::idRank).thenComparing(Comparator.naturalOrder());
    return byCreated.thenComparing(schema::id, byId.reversed());
  }

  /** The length of an all-digit ID (longer means larger), 0 for any other ID. */
  public static int idRank(String id) {
    for (int i = 0; i < id.length(); i++) {
      if (id.charAt(i) < '0' || id.charAt(i) > '9') {
        return 0;
      }
    }
    return id.length();
  }
}
