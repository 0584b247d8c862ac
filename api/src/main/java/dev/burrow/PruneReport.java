package dev.burrow;

import java.util.List;
import java.util.Objects;

/**
 * What a prune ({@code XStore.prune}, {@code XStore.deleteOlderThan}) did: how many instances it
 * read and deleted, which ones it kept because another holder kept their lock past the store's lock
 * timeout, and which damaged ones it met (damaged instances are never deleted by a prune; delete
 * them by ID). Instances that were read and not chosen are only counted.
 *
 * @param examined instances read
 * @param deleted instances deleted
 * @param locked IDs of chosen instances that were kept because their lock was not free in time; a
 *     later prune may delete them
 * @param problems one report per damaged instance met, each naming its file or row
 */
public record PruneReport(
    long examined, long deleted, List<String> locked, List<CorruptInstanceException> problems) {

  /** Copies both lists so the report is immutable. */
  public PruneReport {
    locked = List.copyOf(Objects.requireNonNull(locked, "locked"));
    problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
  }
}
