package dev.burrow;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * What a prune ({@code XStore.prune}, {@code XStore.deleteOlderThan}) did: how many instances it
 * read and deleted, and how many chosen ones it could not delete, and why. A prune goes on past an
 * instance it cannot delete, so one bad instance among 100,000 never keeps the others:
 *
 * <ul>
 *   <li><b>locked</b>: another holder kept its lock past the store's lock timeout; a later prune
 *       may delete it;
 *   <li><b>damaged</b>: its document cannot be read (damaged instances are never deleted by a
 *       prune; delete them by ID);
 *   <li><b>failed</b>: its delete failed ({@link StorageException}: the disk or database refused,
 *       the instance is intact; {@link ProvisioningException}: the workspace teardown failed, the
 *       instance is intact; {@link OutcomeUnknownException}: the instance may or may not be gone;
 *       any other {@link BurrowException}, such as a planted link refused). Each is named with the
 *       exception that says what happened to it.
 * </ul>
 *
 * Instances that were read and not chosen are only counted. A failure that concerns the whole store
 * rather than one instance (the listing cannot be read, the backend cannot be reached, the thread
 * was interrupted) stops the prune with a {@link PruneStoppedException} carrying the report so far.
 *
 * <p>The report's size is bounded however many instances the prune meets: it counts every locked,
 * damaged and failed instance but names only the first {@link #MAX_EXAMPLES} of each, in the order
 * met. Every damaged instance is also handed to the store's corruption listener ({@link
 * StoreOptions#corruptionListener()}) as it is met, as a listing does; so is a stray entry (see
 * {@link Page#problems()}), which is no instance and is not counted, on either backend; and so is a
 * part of the listing the prune could not read (on the file system, a shard of {@code instances/}
 * this process may not list, or something other than a directory in a shard's place: a file, a
 * FIFO, a link, never followed), which may hold any number of instances the prune never read: it is
 * counted in {@link #unlisted}, not as damaged.
 *
 * @param examined instances read
 * @param deleted instances deleted
 * @param locked chosen instances that were kept because their lock was not free in time
 * @param lockedIds the IDs of the first {@link #MAX_EXAMPLES} of those
 * @param damaged damaged instances met
 * @param problems the reports of the first {@link #MAX_EXAMPLES} of those, each naming its file or
 *     row
 * @param failed chosen instances whose delete failed
 * @param failures the first {@link #MAX_EXAMPLES} of those, each with the exception its delete
 *     threw
 * @param unlisted parts of the listing that could not be read, whose instances were neither read
 *     nor counted (on the file system, shards this process may not list and things other than a
 *     directory in a shard's place; always 0 on PostgreSQL)
 */
public record PruneReport(
    long examined,
    long deleted,
    long locked,
    List<String> lockedIds,
    long damaged,
    List<CorruptInstanceException> problems,
    long failed,
    List<Failure> failures,
    long unlisted)
    implements Serializable {

  private static final long serialVersionUID = 1L;

  /** The most locked IDs, damage reports and failures a report names: 100. */
  public static final int MAX_EXAMPLES = 100;

  /**
   * A chosen instance the prune could not delete.
   *
   * @param id the instance
   * @param cause what its delete threw, which says whether the instance is intact ({@link
   *     StorageException}, {@link ProvisioningException}) or may be gone ({@link
   *     OutcomeUnknownException})
   */
  public record Failure(String id, BurrowException cause) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Checks that neither is null. */
    public Failure {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(cause, "cause");
    }
  }

  /**
   * Copies the lists so the report is immutable, and checks that the counts are not negative and
   * each list holds the first {@link #MAX_EXAMPLES} of its count.
   *
   * @throws IllegalArgumentException if a count is negative or a list's size does not match it
   */
  public PruneReport {
    lockedIds = List.copyOf(Objects.requireNonNull(lockedIds, "lockedIds"));
    problems = List.copyOf(Objects.requireNonNull(problems, "problems"));
    failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
    requireCount("examined", examined);
    requireCount("deleted", deleted);
    requireExamples("locked", locked, lockedIds);
    requireExamples("damaged", damaged, problems);
    requireExamples("failed", failed, failures);
    requireCount("unlisted", unlisted);
  }

  /**
   * A report of a prune that read its whole listing: {@code unlisted} is 0 (the form before that
   * count, kept for source compatibility).
   *
   * @throws IllegalArgumentException if a count is negative or a list's size does not match it
   */
  public PruneReport(
      long examined,
      long deleted,
      long locked,
      List<String> lockedIds,
      long damaged,
      List<CorruptInstanceException> problems,
      long failed,
      List<Failure> failures) {
    this(examined, deleted, locked, lockedIds, damaged, problems, failed, failures, 0);
  }

  /**
   * A report of a prune in which no delete failed and that read its whole listing: {@code failed}
   * and {@code unlisted} are 0 (the form of API 1.0, kept for source compatibility).
   *
   * @throws IllegalArgumentException if a count is negative or a list's size does not match it
   */
  public PruneReport(
      long examined,
      long deleted,
      long locked,
      List<String> lockedIds,
      long damaged,
      List<CorruptInstanceException> problems) {
    this(examined, deleted, locked, lockedIds, damaged, problems, 0, List.of(), 0);
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
