package dev.burrow.tck.reliability;

import dev.burrow.CreatedAt;
import dev.burrow.Default;
import dev.burrow.Indexed;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.UpdatedAt;
import dev.burrow.Version;
import java.time.Instant;
import java.util.Map;

/**
 * {@link Counter} with its status and count {@code @Indexed}: the instance type of the index
 * reliability suites.
 */
@Instance(
    name = "indexed-counters",
    subdirectories = {"workspace", "logs"})
public record IndexedCounter(
    @InstanceId String id,
    @Version long version,
    @CreatedAt Instant createdAt,
    @UpdatedAt Instant updatedAt,
    @Indexed @Default("PENDING") String status,
    @Indexed long count,
    Map<String, String> params) {

  /** This counter with another status and {@code count} one higher (for compare-and-set). */
  public IndexedCounter next(String newStatus) {
    return new IndexedCounter(id, version, createdAt, updatedAt, newStatus, count + 1, params);
  }

  /** Increments the count: an update that changes one indexed value. */
  public static void increment(IndexedCounterChanges changes) {
    changes.count(changes.count() + 1);
  }
}
