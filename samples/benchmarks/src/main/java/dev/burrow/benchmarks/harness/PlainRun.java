package dev.burrow.benchmarks.harness;

import dev.burrow.Default;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;

/** {@link QueryRun} without its indexes: the update the index costs are compared with. */
@Instance(name = "plain-runs")
public record PlainRun(
    @InstanceId String id,
    @Version long version,
    String owner,
    @Default("a") String state,
    String payload,
    int counter) {}
