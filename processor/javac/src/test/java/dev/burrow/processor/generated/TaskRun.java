package dev.burrow.processor.generated;

import dev.burrow.CreatedAt;
import dev.burrow.Default;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.UpdatedAt;
import dev.burrow.Version;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The shape from the design document, used for store behaviour tests. */
@Instance(
    name = "task-runs",
    subdirectories = {"workspace", "logs", "sidecar-data"})
public record TaskRun(
    @InstanceId String id,
    @Version long version,
    @CreatedAt Instant createdAt,
    @UpdatedAt Instant updatedAt,
    @Default("PENDING") Status status,
    Map<String, String> params,
    List<String> tags,
    int attempts,
    @Nullable String branch) {}
