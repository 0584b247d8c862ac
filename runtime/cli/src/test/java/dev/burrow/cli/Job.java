package dev.burrow.cli;

import dev.burrow.CreatedAt;
import dev.burrow.Default;
import dev.burrow.Indexed;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.UpdatedAt;
import dev.burrow.Version;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** The instances the command's tests make: an application's type the command never sees. */
@Instance(
    name = "jobs",
    subdirectories = {"workspace"})
public record Job(
    @InstanceId String id,
    @Version long version,
    @CreatedAt Instant createdAt,
    @UpdatedAt Instant updatedAt,
    @Indexed @Default("QUEUED") String status,
    @Indexed @Nullable String owner,
    @Indexed int attempts) {}
