package dev.burrow.processor.generated;

import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;

/** A record whose own constructor refuses some values, as a user's may validate. */
@Instance(name = "guarded")
public record Guarded(@InstanceId String id, @Version long version, int attempts) {
  public Guarded {
    if (attempts < 0) {
      throw new IllegalArgumentException("attempts must not be negative, is " + attempts);
    }
  }
}
