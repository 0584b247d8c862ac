package dev.burrow.samples.taskrunner;

import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A record whose list and set elements and map values may be null, built with NullAway in JSpecify
 * mode like every sample: the generated code must pass it too.
 */
@Instance(name = "checklists")
public record Checklist(
    @InstanceId String id,
    @Version long version,
    List<@Nullable String> answers,
    Set<@Nullable String> tags,
    Map<String, @Nullable Integer> scores) {}
