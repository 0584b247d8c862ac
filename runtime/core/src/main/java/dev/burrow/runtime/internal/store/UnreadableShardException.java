package dev.burrow.runtime.internal.store;

import dev.burrow.CorruptInstanceException;
import java.nio.file.AccessDeniedException;
import org.jspecify.annotations.Nullable;

/**
 * A listing's report of a shard of {@code instances/} it could not list: this process may not list
 * it (permission denied), or something other than a directory is in its place (a file, a FIFO, a
 * link, never followed, which may point at a directory of any number of instances). The instances
 * in it, however many, are left out, so it is no one damaged instance and tools that count those
 * count it apart.
 */
public final class UnreadableShardException extends CorruptInstanceException {
  private static final long serialVersionUID = 1L;

  /** Reports the shard {@code location}, which could not be listed for {@code cause}. */
  public UnreadableShardException(String location, AccessDeniedException cause) {
    this(location, "the shard cannot be listed (permission denied)", cause);
  }

  /** Reports the shard {@code location}, which is no directory; {@code reason} says what it is. */
  public UnreadableShardException(String location, String reason) {
    this(location, reason, null);
  }

  private UnreadableShardException(
      String location, String reason, @Nullable AccessDeniedException cause) {
    super(location, reason + "; the instances in it are left out", cause);
  }
}
