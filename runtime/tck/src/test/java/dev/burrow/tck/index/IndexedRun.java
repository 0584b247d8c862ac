package dev.burrow.tck.index;

import dev.burrow.Default;
import dev.burrow.Indexed;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Indexed components of the common types, and one that is not indexed. */
@Instance(name = "indexed-runs")
public record IndexedRun(
    @InstanceId String id,
    @Version long version,
    @Indexed @Default("PENDING") Status status,
    @Indexed String owner,
    @Indexed int priority,
    @Indexed @Nullable String branch,
    @Indexed boolean urgent,
    @Indexed @Nullable UUID ticket,
    @Indexed @Nullable Instant due,
    @Indexed @Nullable BigDecimal cost,
    List<String> notes) {

  /** Where a run is. */
  public enum Status {
    PENDING,
    RUNNING,
    DONE
  }
}
