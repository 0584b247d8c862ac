package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The indexed counters' finders checked against a full scan of the store. */
final class IndexFinderChecks {
  private IndexFinderChecks() {}

  /**
   * Fails unless each finder (by every status {@link IndexUpdater} writes, by every count an
   * instance holds) returns exactly the instances a full scan finds with that value.
   */
  static void assertFindersMatchScan(IndexedCounterStore store, String context) {
    List<IndexedCounter> all = store.list();
    for (String status : IndexUpdater.STATUSES) {
      assertEquals(
          ids(all.stream().filter(c -> c.status().equals(status)).toList()),
          ids(store.streamByStatus(status).toList()),
          context + ": status " + status);
    }
    for (long count : all.stream().map(IndexedCounter::count).collect(Collectors.toSet())) {
      assertEquals(
          ids(all.stream().filter(c -> c.count() == count).toList()),
          ids(store.streamByCount(count).toList()),
          context + ": count " + count);
    }
  }

  private static Set<String> ids(List<IndexedCounter> counters) {
    return counters.stream().map(IndexedCounter::id).collect(Collectors.toSet());
  }
}
