package com.example.runs;

import dev.burrow.CreatedAt;
import dev.burrow.Default;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.UpdatedAt;
import dev.burrow.Version;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

@Instance(
    name = "runs",
    subdirectories = {"workspace", "logs"},
    dataRootEnv = "RUNS_DATA_DIR",
    defaultDataRoot = "~/.runs")
public record TaskRun(
    @InstanceId String id,
    @Version long version,
    @CreatedAt Instant createdAt,
    @UpdatedAt Instant updatedAt,
    @Default("PENDING") Status status,
    Map<String, String> params, // a fresh empty map for every new instance
    @Nullable String error) {

  public enum Status {
    PENDING,
    RUNNING,
    DONE
  }
}
