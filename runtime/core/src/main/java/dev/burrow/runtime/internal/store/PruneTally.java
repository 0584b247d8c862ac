package dev.burrow.runtime.internal.store;

import dev.burrow.BurrowException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.PruneReport;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * What a prune has done so far, in memory bounded whatever the number of instances: counts, and the
 * first {@link PruneReport#MAX_EXAMPLES} locked IDs, damage reports and failed deletes. Every
 * damage report also goes to the listener it was made with. Not thread-safe: one prune fills it.
 */
final class PruneTally {
  private final Consumer<? super CorruptInstanceException> damageListener;
  private final List<String> lockedIds = new ArrayList<>();
  private final List<CorruptInstanceException> problems = new ArrayList<>();
  private final List<PruneReport.Failure> failures = new ArrayList<>();
  private long examined;
  private long deleted;
  private long locked;
  private long damaged;
  private long failed;
  private long unlisted;

  /** An empty tally handing every damaged instance to {@code damageListener}. */
  PruneTally(Consumer<? super CorruptInstanceException> damageListener) {
    this.damageListener = damageListener;
  }

  /** One more instance read. */
  void examined() {
    examined++;
  }

  /** One more instance deleted. */
  void deleted() {
    deleted++;
  }

  /** Chosen instance {@code id} kept because its lock was not free in time. */
  void locked(String id) {
    locked++;
    if (lockedIds.size() < PruneReport.MAX_EXAMPLES) {
      lockedIds.add(id);
    }
  }

  /**
   * A damaged instance met, told to the listener; a stray entry ({@link StrayEntryException}) is
   * told to it too, but is no instance and is not counted, and a shard that cannot be listed
   * ({@link UnreadableShardException}) is counted as unlisted.
   */
  void damaged(CorruptInstanceException problem) {
    if (problem instanceof UnreadableShardException) {
      unlisted++;
    } else if (!(problem instanceof StrayEntryException)) {
      damaged++;
      if (problems.size() < PruneReport.MAX_EXAMPLES) {
        problems.add(problem);
      }
    }
    damageListener.accept(problem);
  }

  /** Chosen instance {@code id} kept because its delete threw {@code failure}. */
  void failed(String id, BurrowException failure) {
    failed++;
    if (failures.size() < PruneReport.MAX_EXAMPLES) {
      failures.add(new PruneReport.Failure(id, failure));
    }
  }

  /** The report of what was tallied. */
  PruneReport report() {
    return new PruneReport(
        examined, deleted, locked, lockedIds, damaged, problems, failed, failures, unlisted);
  }
}
