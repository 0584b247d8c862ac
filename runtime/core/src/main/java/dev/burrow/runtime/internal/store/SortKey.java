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

  /** The key of {@code id}. */
  public static SortKey of(String id) {
    return new SortKey(NewestFirst.idRank(id), id);
  }

  /** Negative if this key lists before {@code other}. */
  @Override
  public int compareTo(SortKey other) {
    return NewestFirst.IDS.compare(id, other.id);
  }

  /** This position as an opaque page cursor. */
  public String toCursor() {
    String plain = CURSOR_VERSION + ":" + id;
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
    if (!plain.startsWith(prefix) || !PathSegments.isValid(plain.substring(prefix.length()))) {
      throw notACursor(cursor, null);
    }
    return of(plain.substring(prefix.length()));
  }

  private static IllegalArgumentException notACursor(String cursor, @Nullable Throwable cause) {
    return new IllegalArgumentException(
        "PageRequest.after is not a cursor of a Burrow listing: \""
            + PathSegments.printable(cursor)
            + "\"",
        cause);
  }
}
