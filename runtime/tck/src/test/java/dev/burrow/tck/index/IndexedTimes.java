package dev.burrow.tck.index;

import dev.burrow.Indexed;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/** The last indexable types. */
@Instance(name = "indexed-times")
public record IndexedTimes(
    @InstanceId String id,
    @Version long version,
    @Indexed @Nullable LocalTime time,
    @Indexed @Nullable OffsetDateTime stamp) {}
