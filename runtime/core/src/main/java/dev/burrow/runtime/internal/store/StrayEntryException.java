package dev.burrow.runtime.internal.store;

import dev.burrow.CorruptInstanceException;
import java.util.List;

/**
 * A listing's report of an entry of {@code instances/} that is no instance at all (a file, or a
 * directory whose name is no shard or ID, in a place only shards or instances go; not an instance
 * in the wrong shard, which is one), or of a database row whose ID is no valid ID: it is handed to
 * the corruption listener with the damaged instances, but hides no instance, so summaries that
 * count damaged instances ({@link dev.burrow.ExportSummary#damaged}, {@link
 * dev.burrow.ImportSummary#damaged}, {@link dev.burrow.PruneReport#damaged}) do not count it.
 */
public final class StrayEntryException extends CorruptInstanceException {
  private static final long serialVersionUID = 1L;

  /** Reports the stray entry {@code location}; {@code reason} says why it is none. */
  public StrayEntryException(String location, String reason) {
    super(location, "not an instance: " + reason, null);
  }

  /** How many of {@code problems} are damaged instances, the stray entries left out. */
  public static long damagedInstances(List<CorruptInstanceException> problems) {
    return problems.stream().filter(problem -> !(problem instanceof StrayEntryException)).count();
  }
}
