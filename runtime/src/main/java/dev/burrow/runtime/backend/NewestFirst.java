package dev.burrow.runtime.backend;

import dev.burrow.spi.InstanceSchema;
import java.time.Instant;
import java.util.Comparator;

/**
 * The order of {@code list()}: newest created first, then by ID descending (time-ordered IDs
 * make that newest first too). Types without {@code @CreatedAt} are ordered by ID alone.
 */
public final class NewestFirst {
  private NewestFirst() {}

  /** The comparator for instances of {@code schema}'s type. */
  public static <T> Comparator<T> of(InstanceSchema<T> schema) {
    Comparator<T> byCreated = Comparator.comparing(
        schema::createdAt, Comparator.nullsLast(Comparator.<Instant>reverseOrder()));
    Comparator<T> byId = Comparator.comparing(schema::id, NewestFirst::compareIds).reversed();
    return byCreated.thenComparing(byId);
  }

  /** Numeric IDs (Snowflake) compare as numbers, all others as text. */
  private static int compareIds(String a, String b) {
    if (a.length() != b.length() && isDigits(a) && isDigits(b)) {
      return Integer.compare(a.length(), b.length());
    }
    return a.compareTo(b);
  }

  private static boolean isDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return !s.isEmpty();
  }
}
