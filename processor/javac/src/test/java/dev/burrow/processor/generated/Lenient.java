package dev.burrow.processor.generated;

import dev.burrow.Default;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;
import org.jspecify.annotations.Nullable;

/**
 * Evolution: reads documents written before {@code retries} and {@code owner} existed, and skips
 * fields it does not declare (the default policy).
 */
@Instance(name = "lenient")
public record Lenient(
    @InstanceId String id,
    @Version long version,
    String name,
    @Default("3") int retries,
    @Nullable Resources resources) {}
