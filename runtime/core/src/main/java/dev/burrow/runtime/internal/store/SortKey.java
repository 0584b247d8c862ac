package dev.burrow.runtime.internal.store;

import dev.burrow.spi.PathSegments;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * An instance's place in the listing order ({@link NewestFirst}) as plain values, so that a
 * database can sort and page by index and a page cursor can name a position.
 *
 * @param idRank {@link NewestFirst#idRank(String)} of the ID
 * @param id the ID
 */
public record SortKey(int idRank, String id) implements Comparable<SortKey> {
  private static final String CURSOR_VERSION = "i1";

  /**
   * The cursor form of a position whose rank is not its ID's own, or whose ID is no valid ID: a
   * database row written behind Burrow's back, which a page can end with. It names the rank too, so
   * the next page starts right after that row instead of failing or starting over.
   */
  private static final String ROW_CURSOR_VERSION = "r1";

  /** The key of {@code id}. */
  public static SortKey of(String id) {
    return new SortKey(NewestFirst.idRank(id), id);
  }

  /**
   * Negative if this key lists before {@code other}: by rank, then by ID, both descending, as
   * {@link NewestFirst#IDS} orders IDs, so that a position whose rank is not its ID's own lies
   * among the IDs of its rank, where a database's index puts it.
   */
  @Override
  public int compareTo(SortKey other) {
    int byRank = Integer.compare(other.idRank, idRank);
    return byRank != 0 ? byRank : other.id.compareTo(id);
  }

  /** This position as an opaque page cursor. */
  public String toCursor() {
    String plain =
        idRank == NewestFirst.idRank(id) && PathSegments.isValid(id)
            ? CURSOR_VERSION + ":" + id
            : ROW_CURSOR_VERSION + ":" + idRank + ":" + id;
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
    String plain;
    try {
      plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw notACursor(cursor, e);
    }
    String prefix = CURSOR_VERSION + ":";
    if (plain.startsWith(prefix) && PathSegments.isValid(plain.substring(prefix.length()))) {
      return of(plain.substring(prefix.length()));
    }
    SortKey row = rowPosition(plain);
    if (row == null) {
      throw notACursor(cursor, null);
    }
    return row;
  }

  /**
   * The position the text of an {@code r1} cursor names, or null if it is none. An ID with a NUL
   * character is none: no backend can hold it (PostgreSQL text cannot), so no listing made it.
   */
  private static @Nullable SortKey rowPosition(String plain) {
    String prefix = ROW_CURSOR_VERSION + ":";
    int colon = plain.indexOf(':', prefix.length());
    if (!plain.startsWith(prefix)
        || colon < 0
        || colon == plain.length() - 1
        || plain.indexOf('\0', colon) >= 0) {
      return null;
    }
    String rank = plain.substring(prefix.length(), colon);
    if (NewestFirst.idRank(rank) == 0 || rank.length() > 9) {
      return null;
    }
    return new SortKey(Integer.parseInt(rank), plain.substring(colon + 1));
  }

  private static IllegalArgumentException notACursor(String cursor, @Nullable Throwable cause) {
    return new IllegalArgumentException(
        "PageRequest.after is not a cursor of a Burrow listing: \""
            + PathSegments.printable(cursor)
            + "\"",
        cause);
  }
}
