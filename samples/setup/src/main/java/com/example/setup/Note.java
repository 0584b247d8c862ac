package com.example.setup;

import dev.burrow.Default;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;

/** A user's record: {@code NoteStore} exists only if the processor ran. */
@Instance(name = "notes")
public record Note(@InstanceId String id, @Version long version, @Default("") String text) {}
