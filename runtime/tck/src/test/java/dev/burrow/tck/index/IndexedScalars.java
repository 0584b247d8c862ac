package dev.burrow.tck.index;

import dev.burrow.Indexed;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;
import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.jspecify.annotations.Nullable;

/** The other indexable scalar types. */
@Instance(name = "indexed-scalars")
public record IndexedScalars(
    @InstanceId String id,
    @Version long version,
    @Indexed byte tiny,
    @Indexed short small,
    @Indexed long big,
    @Indexed char letter,
    @Indexed @Nullable BigInteger huge,
    @Indexed @Nullable Duration timeout,
    @Indexed @Nullable LocalDate day,
    @Indexed @Nullable LocalDateTime moment) {}
