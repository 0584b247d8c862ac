package dev.burrow;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which page of a listing to read: at most {@code size} instances, newest first, starting after the
 * position {@code after} (a cursor from a previous {@link Page#next()}), or at the newest instance
 * when it is null.
 *
 * <p>A cursor is an opaque string: keep it (in a URL, a token, a file) and pass it back with {@link
 * #after(String, int)}. A cursor only names a position (where its page ended): it is not signed or
 * tied to a kind or backend, so one from a listing of another kind or backend is accepted and the
 * page starts after the position it names. Text no listing could have made (garbage, truncated, or
 * of another format) is refused with {@link IllegalArgumentException}.
 *
 * @param size the largest number of instances on the page, 1 to {@value #MAX_SIZE}
 * @param after the position after which the page starts, or null for the first page
 */
public record PageRequest(int size, @Nullable String after) {
  /** The largest page size. */
  public static final int MAX_SIZE = 10_000;

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException naming {@code size} if it is out of range, or {@code after} if
   *     it is empty
   */
  public PageRequest {
    if (size < 1 || size > MAX_SIZE) {
      throw new IllegalArgumentException(
          "PageRequest.size must be between 1 and " + MAX_SIZE + ", is " + size);
    }
    if (after != null && after.isEmpty()) {
      throw new IllegalArgumentException(
          "PageRequest.after must not be empty; use null for the" + " first page");
    }
  }

  /** The first (newest) page of {@code size} instances. */
  public static PageRequest first(int size) {
    return new PageRequest(size, null);
  }

  /** The page of {@code size} instances after the position {@code cursor}. */
  public static PageRequest after(String cursor, int size) {
    return new PageRequest(size, Objects.requireNonNull(cursor, "cursor"));
  }
}
