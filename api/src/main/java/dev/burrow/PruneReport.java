package dev.burrow;

import java.util.List;
import java.util.Objects;

/**
 * What a prune ({@code XStore.prune}, {@code XStore.deleteOlderThan}) did: how many instances it
 * read and deleted, how many it kept because another holder kept their lock past the store's lock
 * timeout, and how many damaged ones it met (damaged instances are never deleted by a prune; delete
 * them by ID). Instances that were read and not chosen are only counted.
 *
 * <p>The report's size is bounded however many instances the prune meets: it counts every locked
 * and damaged instance but names only the first {@link #MAX_EXAMPLES} of each, in the order met.
 * Every damaged instance is also handed to the store's corruption listener ({@link
 * StoreOptions#corruptionListener()}) as it is met, as a listing does.
 *
 * @param examined instances read
 * @param deleted instances deleted
 * @param locked chosen instances that were kept because their lock was not free in time; a later
 *     prune may delete them
 * @param lockedIds the IDs of the first {@link #MAX_EXAMPLES} of those
 * @param damaged damaged instances met
 * @param problems the reports of the first {@link #MAX_EXAMPLES} of those, each naming its file or
 *     row
 */
public record PruneReport(
    long examined,
    long deleted,
    long locked,
    List<String> lockedIds,
    long damaged,
    List<CorruptInstanceException> problems) {

  /** The most locked IDs, and the most damage reports, a report names: 100. */
  public static final int MAX_EXAMPLES = 100;

  /**
   * Copies both lists so the report is immutable, and checks that the counts are not negative and
   * each list holds the first {@link #MAX_EXAMPLES} of its count.
   *
   * @throws IllegalArgumentException if a count is negative or a list's size does not match it
   */
  public PruneReport {
    lockedIds = List.copyOf(Objects.requireNonNull(lockedIds, "lockedIds"));
    problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    requireCount("examined", examined);
    requireCount("deleted", deleted);
    requireExamples("locked", locked, lockedIds);
    requireExamples("damaged", damaged, problems);
  }

  private static void requireCount(String name, long count) {
    if (count < 0) {
      throw new IllegalArgumentException(
          "PruneReport." + name + " must not be negative, is " + count);
    }
  }

  private static void requireExamples(String name, long count, List<?> examples) {
    requireCount(name, count);
    long named = Math.min(count, MAX_EXAMPLES);
    if (examples.size() != named) {
      throw new IllegalArgumentException(
          "PruneReport."
              + name
              + " is "
              + count
              + ", so the report names the first "
              + named
              + " of them, not "
              + examples.size());
    }
  }
}
