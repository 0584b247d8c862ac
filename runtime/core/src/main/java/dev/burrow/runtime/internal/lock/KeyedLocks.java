package dev.burrow.runtime.internal.lock;

import dev.burrow.InstanceLock;
import dev.burrow.InterruptedOperationException;
import dev.burrow.MisuseException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * In-process reentrant locks by key, each guarding an outer lock shared with other processes (a
 * region of a lock file, a lease row in a database) that a thread takes on its outermost hold and
 * gives back when that hold ends. An entry exists only while some thread holds or waits for its
 * key: memory is bounded by the number of threads, not by how many keys were ever used. Both
 * backends' instance locks are built on it.
 *
 * @param <K> the key
 * @param <S> what taking the outer lock leaves to release it with
 */
public final class KeyedLocks<K, S> {

  /** Takes the outer lock of a thread's outermost hold. */
  @FunctionalInterface
  public interface Outer<S> {
    /**
     * Takes the outer lock.
     *
     * @return what releases it, or null if it was not free in time
     * @throws InterruptedException if the thread is interrupted while waiting
     */
    @Nullable S take() throws InterruptedException;
  }

  /** Releases an outer lock when the outermost hold of its key ends. */
  @FunctionalInterface
  public interface Release<K, S> {
    /** Releases the outer lock of {@code key} that {@link Outer#take} returned as {@code outer}. */
    void release(K key, S outer);
  }

  /** One key's lock, its count of holders and waiters, and the outer lock while held. */
  private static final class Entry<S> {
    final ReentrantLock lock = new ReentrantLock();

    /** Guarded by the map's per-key atomicity ({@code compute}). */
    int users;

    /** Set and cleared under {@link #lock}; volatile for readers that do not hold it. */
    volatile @Nullable S outer;
  }

  private final ConcurrentHashMap<K, Entry<S>> entries = new ConcurrentHashMap<>();
  private final String lockOf;
  private final Release<K, S> release;

  /**
   * @param lockOf how messages name a lock before its quoted name, such as {@code "the lock of "}
   * @param release gives back an outer lock when the last hold of its key ends
   */
  public KeyedLocks(String lockOf, Release<K, S> release) {
    this.lockOf = lockOf;
    this.release = release;
  }

  /**
   * Takes the lock of {@code key} for {@code name}: the in-process lock, then, if this is the
   * thread's outermost hold, the outer lock by {@code outer}, both by {@code deadline} (a {@link
   * System#nanoTime} value).
   *
   * @return the hold, or null if either lock was not free in time
   * @throws InterruptedOperationException if the thread is interrupted while waiting (the interrupt
   *     status is kept)
   */
  public @Nullable Hold acquire(
      K key, String name, Duration timeout, long deadline, Outer<S> outer) {
    Entry<S> entry = enter(key);
    boolean locked = false;
    try {
      if (!entry.lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        return null;
      }
      try {
        if (entry.lock.getHoldCount() == 1) {
          S taken = outer.take();
          if (taken == null) {
            return null;
          }
          entry.outer = taken;
        }
        locked = true;
        return new Hold(key, name, entry);
      } finally {
        if (!locked) {
          entry.lock.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedOperationException(
          "interrupted while waiting up to "
              + timeout.toMillis()
              + " ms for "
              + lockOf
              + "'"
              + name
              + "'",
          e);
    } finally {
      if (!locked) {
        leave(key);
      }
    }
  }

  /** Whether the calling thread holds the lock of {@code key}. Cost: one hash-map lookup. */
  public boolean isHeldByCurrentThread(K key) {
    Entry<S> entry = entries.get(key);
    return entry != null && entry.lock.isHeldByCurrentThread();
  }

  /** Whether some thread of this JVM holds or waits for the lock of {@code key}. */
  public boolean isInUse(K key) {
    return entries.containsKey(key);
  }

  /** Number of threads waiting for the lock of {@code key}. Cost: one hash-map lookup. */
  public int waiting(K key) {
    Entry<S> entry = entries.get(key);
    return entry == null ? 0 : entry.lock.getQueueLength();
  }

  /** Number of keys currently held or waited for. */
  public int size() {
    return entries.size();
  }

  /** The outer lock held for {@code key}, or null if there is none. */
  public @Nullable S outer(K key) {
    Entry<S> entry = entries.get(key);
    return entry == null ? null : entry.outer;
  }

  /** A snapshot of the outer locks held now, by key. */
  public Map<K, S> outers() {
    Map<K, S> held = new HashMap<>();
    entries.forEach(
        (key, entry) -> {
          S outer = entry.outer;
          if (outer != null) {
            held.put(key, outer);
          }
        });
    return held;
  }

  /**
   * Forgets every outer lock without releasing it, for an owner that has released them all at once:
   * holds still held end without releasing one.
   */
  public void forgetOuters() {
    entries.values().forEach(entry -> entry.outer = null);
  }

  /** Registers the caller as a user of {@code key}; pair every call with {@link #leave}. */
  private Entry<S> enter(K key) {
    return entries.compute(
        key,
        (k, entry) -> {
          Entry<S> current = entry == null ? new Entry<>() : entry;
          current.users++;
          return current;
        });
  }

  /** Unregisters a user; the entry is dropped when it was the last one. */
  private void leave(K key) {
    entries.computeIfPresent(key, (k, entry) -> --entry.users == 0 ? null : entry);
  }

  private void release(K key, Entry<S> entry) {
    try {
      S outer = entry.outer;
      if (entry.lock.getHoldCount() == 1 && outer != null) {
        entry.outer = null;
        release.release(key, outer);
      }
    } finally {
      entry.lock.unlock();
      leave(key);
    }
  }

  /** One holder's handle; reentrant acquisitions get handles of their own. */
  public final class Hold implements InstanceLock {
    private final K key;
    private final String name;
    private final Entry<S> entry;
    private boolean closed;

    private Hold(K key, String name, Entry<S> entry) {
      this.key = key;
      this.name = name;
      this.entry = entry;
    }

    @Override
    public List<String> instanceIds() {
      return List.of(name);
    }

    /** The outer lock of this hold's key, or null if it was forgotten. */
    public @Nullable S outer() {
      return entry.outer;
    }

    /**
     * Ends this hold; the thread's outermost hold releases the outer lock.
     *
     * @throws MisuseException if the calling thread does not hold the lock (it stays held)
     */
    @Override
    public void close() {
      if (closed) {
        return;
      }
      if (!entry.lock.isHeldByCurrentThread()) {
        throw new MisuseException(
            lockOf
                + "'"
                + name
                + "' was closed by a thread that does not hold it; close it on the thread that"
                + " took it (it stays held)");
      }
      closed = true;
      release(key, entry);
    }
  }
}
