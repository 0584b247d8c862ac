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

  /** The cursor form of {@link #cursorPast}: a count, then a position's text or nothing. */
  private static final String STRAYS_CURSOR_VERSION = "s1";

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
    return encode(plain());
  }

  /**
   * The cursor of a page that ended among the reports of entries that are no instance: the next
   * page starts after {@code position} (at the newest if null) and leaves out the first {@code
   * reported} such reports the walk from there makes, which pages before it made. A backend that
   * has no such entries takes it for {@code position}.
   */
  public static String cursorPast(@Nullable SortKey position, int reported) {
    return encode(
        STRAYS_CURSOR_VERSION + ":" + reported + ":" + (position == null ? "" : position.plain()));
  }

  /**
   * The position a cursor made by {@link #toCursor()} or {@link #cursorPast} names; null for the
   * start of the listing.
   *
   * @throws IllegalArgumentException if {@code cursor} was made by neither
   */
  public static @Nullable SortKey fromCursor(String cursor) {
    String plain = decode(cursor);
    int reported = reportedIn(plain);
    if (reported < 0) {
      return position(plain, cursor);
    }
    String rest = plain.substring(plain.indexOf(':', STRAYS_CURSOR_VERSION.length() + 1) + 1);
    return rest.isEmpty() ? null : position(rest, cursor);
  }

  /**
   * How many reports of entries that are no instance the page a cursor starts leaves out ({@link
   * #cursorPast}); 0 for one made by {@link #toCursor()}. Only for a cursor {@link #fromCursor}
   * accepts.
   */
  public static int reportedBefore(String cursor) {
    return Math.max(0, reportedIn(decode(cursor)));
  }

  private String plain() {
    return idRank == NewestFirst.idRank(id) && PathSegments.isValid(id)
        ? CURSOR_VERSION + ":" + id
        : ROW_CURSOR_VERSION + ":" + idRank + ":" + id;
  }

  private static String encode(String plain) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  private static String decode(String cursor) {
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw notACursor(cursor, e);
    }
  }

  /** The count of a {@link #cursorPast} text, or -1 if {@code plain} is not one. */
  private static int reportedIn(String plain) {
    String prefix = STRAYS_CURSOR_VERSION + ":";
    int colon = plain.indexOf(':', prefix.length());
    if (!plain.startsWith(prefix) || colon < 0) {
      return -1;
    }
    String count = plain.substring(prefix.length(), colon);
    return NewestFirst.idRank(count) == 0 || count.length() > 9 ? -1 : Integer.parseInt(count);
  }

  /** The position of the text of an {@code i1} or {@code r1} cursor. */
  private static SortKey position(String plain, String cursor) {
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
