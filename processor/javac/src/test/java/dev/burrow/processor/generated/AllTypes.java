package dev.burrow.processor.generated;

import dev.burrow.Default;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Every supported component type, each with a {@code @Default} where a literal is possible. */
@Instance(name = "all-types")
public record AllTypes(
    @InstanceId String id,
    @Version long version,
    @Default("hello") String text,
    @Default("true") boolean flag,
    @Default("-7") byte smallest,
    @Default("300") short small,
    @Default("42") int number,
    @Default("9007199254740993") long big,
    @Default("1.5") float ratio,
    @Default("2.25") double precise,
    @Default("x") char letter,
    @Default("true") Boolean boxedFlag,
    @Default("43") Integer boxedNumber,
    @Default("44") Long boxedBig,
    @Default("NaN") Double boxedPrecise,
    @Default("123456789012345678901234567890") BigInteger huge,
    @Default("1.50") BigDecimal money,
    @Default("2024-01-01T00:00:00Z") Instant when,
    @Default("PT30S") Duration timeout,
    @Default("2024-01-31") LocalDate day,
    @Default("2024-01-31T10:15:30") LocalDateTime local,
    @Default("10:15:30") LocalTime clock,
    @Default("2024-01-31T10:15:30+01:00") OffsetDateTime offset,
    @Default("123e4567-e89b-12d3-a456-426614174000") UUID uuid,
    @Default("https://example.com/a?b=c") URI link,
    @Default("work/out") Path path,
    @Default("RUNNING") Status status,
    List<String> names,
    Set<Status> statuses,
    Map<String, Integer> counts,
    Map<Status, List<Long>> idsByStatus,
    Map<UUID, Resources> resourcesById,
    List<Resources> history,
    @Nullable Resources resources,
    @Nullable String note,
    @Nullable @Default("fallback") String noteWithDefault,
    @Nullable Status maybeStatus,
    int zero,
    String empty,
    Duration noWait) {}
