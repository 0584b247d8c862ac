package dev.burrow.tck.reliability;

import dev.burrow.CreatedAt;
import dev.burrow.Default;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.UpdatedAt;
import dev.burrow.Version;
import java.time.Instant;
import java.util.Map;

/**
 * The instance type of the reliability suites; the processor generates its {@code CounterSchema},
 * {@code CounterChanges}, {@code CounterDirs} and {@code CounterStore}, so every suite runs on
 * generated code as users do.
 */
@Instance(
    name = "counters",
    subdirectories = {"workspace", "logs"})
public record Counter(
    @InstanceId String id,
    @Version long version,
    @CreatedAt Instant createdAt,
    @UpdatedAt Instant updatedAt,
    @Default("PENDING") String status,
    long count,
    Map<String, String> params) {

  /** This counter with {@code count} one higher (for compare-and-set). */
  public Counter incremented() {
    return new Counter(id, version, createdAt, updatedAt, status, count + 1, params);
  }

  /** Increments the count: the change of an update. */
  public static void increment(CounterChanges changes) {
    changes.count(changes.count() + 1);
  }
}
