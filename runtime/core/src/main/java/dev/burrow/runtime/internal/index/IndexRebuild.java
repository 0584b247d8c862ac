package dev.burrow.runtime.internal.index;

import dev.burrow.CorruptInstanceException;
import dev.burrow.InstanceLock;
import dev.burrow.LockTimeoutException;
import dev.burrow.runtime.internal.lock.SharedLock;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Rebuilds incomplete indexes from the documents, for {@link FileIndexes#open}, a query that finds
 * its index incomplete, and {@link IndexRepair}: one pass over the documents for all of them, then
 * each marked complete only once its entries are durable and no writer's unmaintained mark is left.
 *
 * @param <T> the instance type
 */
final class IndexRebuild<T> {
  /** The longest a rebuild waits for the writers' lock, holding up the writers that arrive. */
  private static final Duration WRITERS_WAIT = Duration.ofSeconds(1);

  /** An index to rebuild, and the value directory each instance's entry belongs in (or none). */
  record Target<T>(FieldIndex index, Function<T, @Nullable Path> values) {}

  private final FileIndexes.Instances<T> instances;
  private final Duration lockTimeout;

  IndexRebuild(FileIndexes.Instances<T> instances, Duration lockTimeout) {
    this.instances = instances;
    this.lockTimeout = lockTimeout;
  }

  /**
   * The rebuild lock, or null if another process held it for the whole lock timeout: then this one
   * makes the entries too (they are idempotent), for its query, but changes no marker ({@link
   * #rebuild}).
   */
  @Nullable InstanceLock lock() {
    try {
      return instances.lock(FileIndexes.REBUILD_LOCK, lockTimeout);
    } catch (LockTimeoutException e) {
      return null;
    }
  }

  /**
   * Removes the entries of layout 1 ({@link FieldIndex}) from {@code incomplete}, adds the entries
   * of every readable document in one pass over the documents, flushes every value directory and
   * shard touched ({@link UnflushedDirectories}: a few thousand at a time, so the memory held does
   * not grow with the root), then marks each index complete if it could: only under the rebuild
   * lock ({@code locked}), once it cleared the unmaintained marks ({@link #clearUnmaintained}). No
   * instance lock is needed: a writer that changes a document meanwhile has added its own entries
   * first, so the rebuild can only add stale ones. A document or shard the walk may not read
   * (permission denied) is no damage but instances left without entries, so the indexes then stay
   * incomplete, rebuilt again before their next use, rather than miss those instances for good once
   * they can be read; {@code unread} is told of each such document or shard as the walk meets it.
   *
   * <p>Without the rebuild lock (another process held it for the whole lock timeout) the entries
   * are made all the same, for the query that needed them, but no marker changes: the rebuild that
   * holds the lock may have read a document before a writer changed it, and only the writer's mark,
   * which a second rebuild would clear, keeps that one from marking the index complete.
   *
   * @return whether the indexes are marked complete
   */
  boolean rebuild(
      List<Target<T>> incomplete, boolean locked, Consumer<CorruptInstanceException> unread)
      throws IOException {
    if (incomplete.isEmpty()) {
      return true;
    }
    List<UnflushedDirectories> unflushed = new ArrayList<>();
    for (Target<T> field : incomplete) {
      field.index().prepare();
      if (locked) {
        field.index().markIncomplete(); // before the mark goes: never ready while it is rebuilt
      }
      field.index().removeOlderLayout(field.index().valueDirectories(removed -> {}));
      unflushed.add(new UnflushedDirectories(field.index()));
    }
    boolean complete = locked && clearUnmaintained(incomplete);
    boolean[] leftOut = {false};
    Consumer<CorruptInstanceException> problems =
        problem -> {
          if (problem.getCause() instanceof AccessDeniedException) {
            leftOut[0] = true;
            unread.accept(problem);
          }
        };
    for (Iterator<T> all = instances.all(problems); all.hasNext(); ) {
      T instance = all.next();
      String id = instances.id(instance);
      for (int i = 0; i < incomplete.size(); i++) {
        Target<T> field = incomplete.get(i);
        Path values = field.values().apply(instance);
        if (values != null) {
          unflushed.get(i).added(field.index().add(values, id));
        }
      }
    }
    complete &= !leftOut[0];
    for (int i = 0; i < incomplete.size(); i++) {
      unflushed.get(i).flush();
      if (complete) {
        incomplete.get(i).index().markReady();
      }
    }
    return complete;
  }

  /**
   * Clears the unmaintained marks of {@code incomplete} holding the {@linkplain FileIndexes#WRITERS
   * writers' lock} alone: every writer that marked one has written its document by then, so the
   * pass over the documents that follows reads it, and every writer after marks it again. Writers
   * arriving meanwhile wait, so it waits at most {@link #WRITERS_WAIT} (each writer holds the lock
   * for one document write), then leaves the marks: the index is rebuilt but stays incomplete.
   *
   * @return whether the marks are cleared
   */
  private boolean clearUnmaintained(List<Target<T>> incomplete) throws IOException {
    Duration wait = lockTimeout.compareTo(WRITERS_WAIT) < 0 ? lockTimeout : WRITERS_WAIT;
    SharedLock.Hold alone = instances.shared(FileIndexes.WRITERS).exclusive(wait);
    if (alone == null) {
      return false;
    }
    try {
      for (Target<T> field : incomplete) {
        field.index().clearUnmaintained();
      }
      return true;
    } finally {
      alone.close();
    }
  }
}
