package dev.burrow.samples.jpms.unopened;

import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;
import org.jspecify.annotations.Nullable;

/**
 * A note whose nested {@link Detail} Jackson databind would read and write, in a package the module
 * does not open to it: {@link RefusedWithoutOpens} shows the store refusing to open.
 *
 * @param id the note's ID
 * @param version the stored version
 * @param detail the nested value
 */
@Instance(name = "notes")
public record Note(@InstanceId String id, @Version long version, @Nullable Detail detail) {}
