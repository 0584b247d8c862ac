package com.example.runs;

import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;

@Instance(name = "accounts", idKind = dev.burrow.IdKind.UUID_V7)
public record Account(@InstanceId String id, @Version long version, long balance) {}
