package dev.burrow.processor.generated;

import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.UnknownFields;
import dev.burrow.Version;
import org.jspecify.annotations.Nullable;

/** Evolution: refuses documents with fields it does not declare. */
@Instance(name = "strict", unknownFields = UnknownFields.FAIL)
public record Strict(
    @InstanceId String id, @Version long version, String name, @Nullable Resources resources) {}
