package dev.burrow.runtime.internal.filestore;

import java.nio.file.Path;
import java.util.TreeSet;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Removes the trees of deleted instances from {@code .burrow/trash/} on a background thread, so
 * that a delete returns once its instance is gone (its directory renamed into the trash, the rename
 * flushed under {@code FSYNC}) rather than once every file of it is removed. The caller pays one
 * rename; removing in place would cost it an unlink per file and a removal per directory, and a
 * crash halfway would leave half an instance listed.
 *
 * <ul>
 *   <li>One thread per data root per JVM, started when a tree is queued and ended after a second
 *       without work; it is a daemon, so it never keeps a JVM alive.
 *   <li>At most {@link #MAX_PENDING} trees wait: a delete that finds the queue full removes its own
 *       tree itself, so deletes cannot run ahead of the removal without bound.
 *   <li>{@link #awaitIdle} (a store's {@code close}) waits until every tree queued before it is
 *       gone.
 *   <li>A tree left by a process that exits without closing its store, or dies, is removed by the
 *       next store's sweep at open, as an interrupted removal always was.
 * </ul>
 */
final class TrashRemover {
  /** How many trees may wait for the background thread. */
  static final int MAX_PENDING = 1024;

  private static final ConcurrentHashMap<Path, TrashRemover> PER_ROOT = new ConcurrentHashMap<>();

  private final FileLayout layout;
  private final ThreadPoolExecutor thread;
  private final Object idle = new Object();

  /** Tickets of the trees queued and not yet removed, in the order they were queued. */
  private final TreeSet<Long> pending = new TreeSet<>();

  private long issued;

  private TrashRemover(FileLayout layout) {
    this.layout = layout;
    this.thread =
        new ThreadPoolExecutor(
            0,
            1,
            1,
            TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(MAX_PENDING),
            work -> {
              Thread remover = new Thread(work, "burrow-trash-remover");
              remover.setDaemon(true);
              return remover;
            });
  }

  /** The remover of {@code layout}'s data root; one per root per JVM. */
  static TrashRemover forRoot(FileLayout layout) {
    return PER_ROOT.computeIfAbsent(layout.root(), root -> new TrashRemover(layout));
  }

  /**
   * Removes the tree {@code grave} (an entry of the trash), in the background if the queue has
   * room, else right away. Never fails: a tree that cannot be removed is left for a later sweep.
   */
  void remove(Path grave) {
    long ticket;
    synchronized (idle) {
      ticket = ++issued;
      pending.add(ticket);
    }
    try {
      thread.execute(() -> removeNow(grave, ticket));
    } catch (RejectedExecutionException e) {
      removeNow(grave, ticket);
    }
  }

  private void removeNow(Path grave, long ticket) {
    try {
      layout.deleteQuietly(grave);
    } finally {
      synchronized (idle) {
        pending.remove(ticket);
        idle.notifyAll();
      }
    }
  }

  /**
   * Waits until every tree queued before the call is removed; trees queued meanwhile by other
   * threads are not waited for. An interrupt ends the wait early, with the thread's interrupt
   * status set; the trees left are removed anyway, or swept later.
   */
  void awaitIdle() {
    synchronized (idle) {
      long upTo = issued;
      while (!pending.isEmpty() && pending.first() <= upTo) {
        try {
          idle.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }
}
