package dev.burrow.processor.generated;

import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A record whose list elements and map values may be null, as Kotlin's {@code List<String?>}, of
 * scalar and of record types.
 */
@Instance(name = "nullable-elements")
public record NullableElements(
    @InstanceId String id,
    @Version long version,
    List<@Nullable String> items,
    Map<String, @Nullable String> attrs,
    Map<String, List<@Nullable String>> groups,
    List<@Nullable Step> steps,
    Map<String, @Nullable Step> stepsByName) {

  /** A nested record, whose class literal the codec of a nullable element names. */
  public record Step(String name) {}
}
