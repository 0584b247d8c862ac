package dev.burrow.postgres.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Per instance, how many times in a row the one-statement update of a row a store wrote last found
 * it written by someone else (a miss costs that statement), so that a row others keep writing is
 * updated by locking it: after the n-th miss in a row, the next 2^n - 1 locked updates keep
 * nothing, and the one statement is tried again only after them (n at most 6, so at most 63). A try
 * that writes forgets the count. Memory: at most {@link #MAX_TRACKED} counts; past that, all are
 * forgotten, which costs at most one more miss each.
 */
final class MissedUpdates {
  private static final int MAX_MISSES = 6;
  static final int MAX_TRACKED = 10_000;

  /** Misses in a row, and the locked updates still to run before the next try. */
  private record Backoff(int misses, int owed) {}

  private final ConcurrentHashMap<String, Backoff> backoffs = new ConcurrentHashMap<>();

  /** The one statement found the row of {@code id} written by someone else. */
  void missed(String id) {
    if (backoffs.size() >= MAX_TRACKED) {
      backoffs.clear();
    }
    backoffs.compute(
        id,
        (key, backoff) -> {
          int misses = Math.min(backoff == null ? 1 : backoff.misses() + 1, MAX_MISSES);
          return new Backoff(misses, (1 << misses) - 1);
        });
  }

  /** The one statement wrote the row of {@code id}. */
  void wrote(String id) {
    backoffs.remove(id);
  }

  /**
   * Whether a locked update of {@code id} that just committed may keep what it wrote for the next
   * try of the one statement; counts it against what is owed if not.
   */
  boolean mayKeep(String id) {
    boolean[] owed = new boolean[1];
    backoffs.computeIfPresent(
        id,
        (key, backoff) -> {
          owed[0] = backoff.owed() > 0;
          return owed[0] ? new Backoff(backoff.misses(), backoff.owed() - 1) : backoff;
        });
    return !owed[0];
  }
}
