package dev.burrow.tck.testkit;

import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;
import org.jspecify.annotations.Nullable;

/** The instance type of the test kit's own tests: a balance and the last transfer's note. */
@Instance(
    name = "accounts",
    subdirectories = {"statements"})
public record Account(
    @InstanceId String id, @Version long version, long balance, @Nullable String lastTransfer) {}
