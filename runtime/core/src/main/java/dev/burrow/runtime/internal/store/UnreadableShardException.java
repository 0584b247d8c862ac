package dev.burrow.runtime.internal.store;

import dev.burrow.CorruptInstanceException;
import java.nio.file.AccessDeniedException;

/**
 * A listing's report of a shard of {@code instances/} this process may not list (permission
 * denied): the instances in it, however many, are left out, so it is no one unreadable instance and
 * tools that count those count it apart.
 */
public final class UnreadableShardException extends CorruptInstanceException {
  private static final long serialVersionUID = 1L;

  /** Reports the shard {@code location}, which could not be listed for {@code cause}. */
  public UnreadableShardException(String location, AccessDeniedException cause) {
    super(
        location,
        "the shard cannot be listed (permission denied); the instances in it are left out",
        cause);
  }
}
