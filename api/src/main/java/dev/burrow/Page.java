package dev.burrow;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One page of a listing, newest first: the readable instances, a report per damaged one, and where
 * the next page starts.
 *
 * <p>Pages are keyset pages: {@link #next()} names the position after the last instance of this
 * page, so instances created or deleted between two calls never shift a page boundary. An instance
 * that exists throughout a paged walk is returned exactly once; one created during the walk may or
 * may not be.
 *
 * @param items the readable instances of this page, newest first; fewer than the request's size
 *     when the page met damaged instances or stray entries, which count toward its size (so items
 *     and problems together are at most the size), or reached the backend's bound on the bytes one
 *     page reads
 * @param problems one report per damaged instance met on this page, each naming its file or row;
 *     also one per stray entry met (on the filesystem backend a file or directory in {@code
 *     instances/} that is no instance, on PostgreSQL a row whose ID is no valid ID; its reason
 *     begins "not an instance"), which hides no instance; a paged walk reports each once, those a
 *     page has no room for on the pages after it
 * @param next the request for the following page, or null when this is the last one
 * @param <T> the instance type
 */
public record Page<T>(
    List<T> items, List<CorruptInstanceException> problems, @Nullable PageRequest next) {

  /** Copies both lists so the page is immutable. */
  public Page {
    items = List.copyOf(Objects.requireNonNull(items, "items"));
    problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
  }

  /** Whether another page follows. */
  public boolean hasNext() {
    return next != null;
  }
}
