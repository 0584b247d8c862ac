package dev.burrow.runtime.internal.lock;

import java.nio.channels.FileLock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * In-process reentrant locks by key, with an entry only while some thread holds or waits for that
 * key: memory is bounded by the number of threads, not by how many keys were ever used.
 */
final class KeyedLocks {

  /** One key's lock, its count of holders and waiters, and the OS lock while held. */
  static final class Entry {
    final ReentrantLock lock = new ReentrantLock();

    /** Guarded by the map's per-key atomicity ({@code compute}). */
    int users;

    /** Guarded by {@link #lock}. */
    @Nullable FileLock fileLock;
  }

  private final ConcurrentHashMap<Long, Entry> entries = new ConcurrentHashMap<>();

  /** Registers the caller as a user of {@code key}; pair every call with {@link #leave}. */
  Entry enter(long key) {
    return entries.compute(
        key,
        (k, entry) -> {
          Entry current = entry == null ? new Entry() : entry;
          current.users++;
          return current;
        });
  }

  /** Unregisters a user; the entry is dropped when it was the last one. */
  void leave(long key) {
    entries.computeIfPresent(key, (k, entry) -> --entry.users == 0 ? null : entry);
  }

  /** The entry of {@code key}, or null if no thread holds or waits for it. */
  @Nullable Entry get(long key) {
    return entries.get(key);
  }

  /** Number of keys currently held or waited for. */
  int size() {
    return entries.size();
  }
}
