package dev.burrow.runtime.internal.store;

import dev.burrow.spi.InstanceSchema;
import java.util.Comparator;

/**
 * The order of listings on every backend: by ID, descending, so time-ordered IDs (Snowflake,
 * UUIDv7) list newest first without reading a document. All-digit IDs (Snowflake) rank by their
 * length first, so they come before any other ID and compare as numbers when they have no leading
 * zeros (Snowflake IDs never do; {@code 007} ranks with three-digit IDs); other IDs compare by
 * their characters (a UUIDv7's text sorts by its time). IDs a user chose list by the same rule. The
 * order is total, so a sort in memory and a database index agree.
 */
public final class NewestFirst {
  /** The order of IDs. */
  public static final Comparator<String> IDS =
      Comparator.comparingInt(NewestFirst::idRank)
          .thenComparing(Comparator.<String>naturalOrder())
          .reversed();

  private NewestFirst() {}

  /** The order of instances of {@code schema}'s type, by their IDs. */
  public static <T> Comparator<T> of(InstanceSchema<T> schema) {
    return Comparator.comparing(schema::id, IDS);
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
