package dev.burrow.postgres.internal;

import dev.burrow.RetriableException;
import java.time.Duration;
import java.util.List;

/**
 * An open waited longer than the store's lock timeout for another host to finish changing indexes
 * under the same table prefix (building or dropping one, for any kind, under the prefix's index
 * lock, see {@link ExpressionIndexes#apply}): nothing was changed, and opening again once that host
 * is done succeeds. Retriable, and not a {@link dev.burrow.LockTimeoutException}: no instance's
 * lock was waited for, so there is no instance to name.
 */
final class IndexBusyException extends RetriableException {
  private static final long serialVersionUID = 1L;

  private final List<String> indexes;
  private final String table;
  private final Duration timeout;

  /**
   * @param indexes the indexes this host was to build or drop, in order; at least one
   */
  IndexBusyException(List<String> indexes, Tables tables, Duration timeout) {
    super(
        "creating or dropping the indexes "
            + String.join(", ", indexes)
            + " of "
            + tables.instances()
            + " failed: another host is building or dropping an index of the tables "
            + tables.prefix()
            + "* (it holds their lock on index changes) and was still at it after the lock"
            + " timeout ("
            + timeout.toMillis()
            + " ms; a build scans the table and waits for older transactions); nothing was"
            + " changed: open the store again once that host is done");
    this.indexes = List.copyOf(indexes);
    this.table = tables.instances();
    this.timeout = timeout;
  }

  /** The indexes this host was to build or drop, in order. */
  public List<String> indexes() {
    return indexes;
  }

  /** The table the indexes are on. */
  public String table() {
    return table;
  }

  /** How long the open waited for the other host. */
  public Duration timeout() {
    return timeout;
  }
}
