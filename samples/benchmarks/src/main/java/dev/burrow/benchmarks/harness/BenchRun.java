package dev.burrow.benchmarks.harness;

import dev.burrow.CreatedAt;
import dev.burrow.Default;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.UpdatedAt;
import dev.burrow.Version;
import java.time.Instant;
import java.util.Map;

/**
 * The document every system stores: the seeds' Python store writes the same fields (a status, a
 * 256-byte parameter text and a counter). No subdirectories, so that Burrow creates what the other
 * systems create: one directory and one document per instance.
 */
@Instance(name = "bench-runs")
public record BenchRun(
    @InstanceId String id,
    @Version long version,
    @CreatedAt Instant createdAt,
    @UpdatedAt Instant updatedAt,
    @Default("starting") String status,
    Map<String, String> params,
    int counter) {

  /** The parameter text every system stores, as long as the Python store's default payload. */
  public static final String TEXT = "x".repeat(256);
}
