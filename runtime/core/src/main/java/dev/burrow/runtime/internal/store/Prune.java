package dev.burrow.runtime.internal.store;

import dev.burrow.BackendUnavailableException;
import dev.burrow.BurrowException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.InstanceLock;
import dev.burrow.InterruptedOperationException;
import dev.burrow.LockTimeoutException;
import dev.burrow.PruneReport;
import dev.burrow.PruneStoppedException;
import dev.burrow.StoreOptions;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.StorageBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One prune of a store ({@code StoreEngine.prune}, whose Javadoc states the guarantees): walks the
 * listing lazily, asks again under each chosen instance's lock, and tallies what it kept and why in
 * a {@link PruneTally}, so memory is about one page whatever the number of instances.
 *
 * @param <T> the instance type
 */
public final class Prune<T> {
  private final StorageBackend<T> backend;
  private final InstanceSchema<T> schema;
  private final Duration lockTimeout;
  private final PruneTally tally;
  private final Predicate<String> delete;
  private final Runnable requireOpen;

  /**
   * A prune of {@code backend}'s instances, deleting each through {@code delete} (the store's own
   * delete, with its workspace teardown; false if the instance was gone), called holding the
   * instance's lock, and running {@code requireOpen} (the store's check that it is still open)
   * before each instance it reads.
   */
  public Prune(
      StorageBackend<T> backend,
      InstanceSchema<T> schema,
      StoreOptions options,
      Predicate<String> delete,
      Runnable requireOpen) {
    this.backend = backend;
    this.schema = schema;
    this.lockTimeout = options.lockTimeout();
    this.tally = new PruneTally(options.corruptionListener());
    this.delete = delete;
    this.requireOpen = requireOpen;
  }

  /**
   * Deletes every instance {@code which} chooses, reading the listing {@code pageSize} at a time;
   * {@code deleted} is told of each as it is deleted.
   *
   * @throws PruneStoppedException carrying the report so far, if the listing cannot be read, the
   *     backend cannot be reached, the thread is interrupted or the store was closed
   */
  public PruneReport run(int pageSize, Predicate<? super T> which, Consumer<? super T> deleted) {
    Iterator<T> walk;
    try {
      walk = backend.walk(pageSize, tally::damaged);
    } catch (BurrowException e) {
      throw new PruneStoppedException(tally.report(), e);
    }
    while (true) {
      T listed;
      try {
        requireOpen.run();
        if (!walk.hasNext()) {
          return tally.report();
        }
        listed = walk.next();
      } catch (BurrowException e) {
        throw new PruneStoppedException(tally.report(), e);
      }
      tally.examined();
      if (which.test(listed)) {
        T gone = deleteIfStillChosen(schema.id(listed), which);
        if (gone != null) {
          tally.deleted();
          deleted.accept(gone);
        }
      }
    }
  }

  /**
   * {@code now} minus {@code age}, or {@link Instant#MIN} if that is earlier than it: the cutoff of
   * {@code deleteOlderThan}.
   */
  public static Instant cutoff(Instant now, Duration age) {
    return age.compareTo(Duration.between(Instant.MIN, now)) >= 0 ? Instant.MIN : now.minus(age);
  }

  /**
   * Deletes instance {@code id} if {@code which} still chooses it under its lock; null if it was
   * kept, with why in the tally.
   *
   * @throws PruneStoppedException if the failure concerns the whole store
   */
  private @Nullable T deleteIfStillChosen(String id, Predicate<? super T> which) {
    InstanceLock lock;
    try {
      lock = backend.lock(id, lockTimeout);
    } catch (BurrowException e) {
      return kept(id, e);
    }
    try {
      T current;
      try {
        current = backend.find(id).orElse(null);
      } catch (BurrowException e) {
        return kept(id, e);
      }
      if (current == null || !which.test(current)) {
        return null;
      }
      try {
        return delete.test(id) ? current : null;
      } catch (BurrowException e) {
        return kept(id, e);
      }
    } finally {
      lock.close();
    }
  }

  /**
   * Tallies chosen instance {@code id}, kept because of {@code failure}; null.
   *
   * @throws PruneStoppedException if {@code failure} concerns the whole store: the backend cannot
   *     be reached or the thread was interrupted
   */
  private @Nullable T kept(String id, BurrowException failure) {
    if (failure instanceof BackendUnavailableException
        || failure instanceof InterruptedOperationException) {
      throw new PruneStoppedException(tally.report(), failure);
    }
    if (failure instanceof LockTimeoutException) {
      tally.locked(id);
    } else if (failure instanceof CorruptInstanceException damaged) {
      tally.damaged(damaged);
    } else {
      tally.failed(id, failure);
    }
    return null;
  }
}
