package dev.burrow.runtime.internal.store;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import org.jspecify.annotations.Nullable;

/**
 * An instance's place in the listing order ({@link NewestFirst}) as plain values, so that a
 * database can sort and page by index and a page cursor can name a position: created-at descending
 * (absent last), then the ID descending, all-digit IDs (Snowflake) by number.
 *
 * @param createdSecond created-at in epoch seconds, {@link Long#MIN_VALUE} if absent
 * @param createdNano the nanoseconds of created-at
 * @param idRank {@link NewestFirst#idRank(String)} of the ID
 * @param id the ID
 */
public record SortKey(long createdSecond, int createdNano, int idRank, String id)
    implements Comparable<SortKey> {
  private static final String CURSOR_VERSION = "k1";
  private static final Comparator<SortKey> NEWEST_FIRST =
      Comparator.comparingLong(SortKey::createdSecond)
          .thenComparingInt(SortKey::createdNano)
          .thenComparingInt(SortKey::idRank)
          .thenComparing(SortKey::id)
          .reversed();

  /** The key of an instance created at {@code createdAt} (null if the type has none). */
  public static SortKey of(@Nullable Instant createdAt, String id) {
    return createdAt == null
        ? new SortKey(Long.MIN_VALUE, 0, NewestFirst.idRank(id), id)
        : new SortKey(createdAt.getEpochSecond(), createdAt.getNano(), NewestFirst.idRank(id), id);
  }

  /** Negative if this key lists before {@code other} (it is newer). */
  @Override
  public int compareTo(SortKey other) {
    return NEWEST_FIRST.compare(this, other);
  }

  /** This position as an opaque page cursor. */
  public String toCursor() {
    String plain =
        CURSOR_VERSION + ":" + createdSecond + ":" + createdNano + ":" + idRank + ":" + id;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The position a cursor made by {@link #toCursor()} names.
   *
   * @throws IllegalArgumentException if {@code cursor} was not made by {@link #toCursor()}
   */
  public static SortKey fromCursor(String cursor) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      String[] parts = plain.split(":", 5);
      if (parts.length != 5 || !parts[0].equals(CURSOR_VERSION)) {
        throw new IllegalArgumentException("not a listing cursor");
      }
      return new SortKey(
          Long.parseLong(parts[1]),
          Integer.parseInt(parts[2]),
          Integer.parseInt(parts[3]),
          parts[4]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "PageRequest.after is not a cursor of this store's"
              + " listing: \""
              + dev.burrow.spi.PathSegments.printable(cursor)
              + "\"",
          e);
    }
  }
}
