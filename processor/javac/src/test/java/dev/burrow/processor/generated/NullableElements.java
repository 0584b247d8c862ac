package dev.burrow.processor.generated;

import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** A record whose list elements and map values may be null, as Kotlin's {@code List<String?>}. */
@Instance(name = "nullable-elements")
public record NullableElements(
    @InstanceId String id,
    @Version long version,
    List<@Nullable String> items,
    Map<String, @Nullable String> attrs,
    Map<String, List<@Nullable String>> groups) {}
