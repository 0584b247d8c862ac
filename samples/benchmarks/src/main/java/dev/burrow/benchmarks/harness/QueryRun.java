package dev.burrow.benchmarks.harness;

import dev.burrow.Default;
import dev.burrow.Indexed;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;

/**
 * The document of the query benchmark: two indexed components (the owner queries look for, and a
 * state updates change), a 256-byte payload and a counter. No subdirectories.
 */
@Instance(name = "query-runs")
public record QueryRun(
    @InstanceId String id,
    @Version long version,
    @Indexed String owner,
    @Indexed @Default("a") String state,
    String payload,
    int counter) {}
