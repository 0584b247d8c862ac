package dev.burrow;

import java.util.List;

/**
 * The result of scanning all instances: the readable ones, newest first, and one report per
 * instance that could not be read. A damaged document never hides the healthy ones.
 *
 * @param items the readable instances, newest first
 * @param problems one exception per unreadable instance, each naming its file or row; also one per
 *     stray entry (a file or directory in {@code instances/} that is no instance, or a database row
 *     whose ID is no valid ID; its reason begins "not an instance"), which hides no instance, as
 *     {@link Page#problems} says
 */
public record Listing<T>(List<T> items, List<CorruptInstanceException> problems) {
  /** Copies both lists so the listing is immutable. */
  public Listing {
    items = List.copyOf(items);
    problems = List.copyOf(problems);
  }
}
