package dev.burrow.runtime.pg;

import dev.burrow.CorruptInstanceException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing, newest first: the readable instances, a report per unreadable row,
 * and where the next page starts.
 *
 * @param instances readable instances of this page, newest first
 * @param problems one exception per unreadable row of this page, each naming the row
 * @param next pass to {@link PostgresBackend#scan(int, Cursor)} for the next page; null when
 *     this was the last one
 */
public record Page<T>(
    List<T> instances, List<CorruptInstanceException> problems, @Nullable Cursor next) {

  /** Copies both lists so the page is immutable. */
  public Page {
    instances = List.copyOf(instances);
    problems = List.copyOf(problems);
  }

  /**
   * The position of the last row of a page in listing order. Keyset paging: rows created
   * or deleted between pages never shift a page boundary, so no row is read twice or skipped
   * because of them. Treat it as opaque; it is a value so it can be kept between requests.
   *
   * @param createdSecond the row's created-at, epoch seconds ({@link Long#MIN_VALUE} if the
   *     type has none)
   * @param createdNano the nanoseconds of its created-at
   * @param idRank the row's ID order rank (the length of an all-digit ID, else 0)
   * @param id the row's ID
   */
  public record Cursor(long createdSecond, int createdNano, int idRank, String id) {}
}
