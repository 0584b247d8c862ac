package dev.burrow.runtime.internal.cache;

import java.util.LinkedHashMap;
import java.util.Map;

/** Maps that keep only the entries used last: what a process remembers of a bounded working set. */
public final class RecentlyUsed {
  private RecentlyUsed() {}

  /**
   * An empty map, not synchronized, that keeps the {@code max} entries read or written last and
   * drops the least recently used one when a put makes it larger.
   */
  public static <K, V> Map<K, V> map(int max) {
    return new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > max;
      }
    };
  }
}
