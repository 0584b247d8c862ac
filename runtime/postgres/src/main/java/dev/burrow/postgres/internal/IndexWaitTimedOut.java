package dev.burrow.postgres.internal;

import dev.burrow.LockTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * An open waited longer than the store's lock timeout for another host to finish changing indexes
 * under the same table prefix (building or dropping one, for any kind, under the prefix's index
 * lock, see {@link ExpressionIndexes#apply}): nothing was changed, and opening again once that host
 * is done succeeds. A {@link LockTimeoutException} whose {@link #instanceId()} is the first index
 * this host was to build or drop (no instance is involved), and whose message names them all.
 */
final class IndexWaitTimedOut extends LockTimeoutException {
  private static final long serialVersionUID = 1L;
  private final String message;

  IndexWaitTimedOut(List<String> indexes, Tables tables, Duration timeout) {
    super(indexes.get(0), timeout);
    this.message =
        "creating or dropping the indexes "
            + String.join(", ", indexes)
            + " of "
            + tables.instances()
            + " failed: another host held the lock on index changes of the tables "
            + tables.prefix()
            + "* for longer than the lock timeout ("
            + timeout.toMillis()
            + " ms; it is building or dropping an index, which scans the table and waits for older"
            + " transactions); nothing was changed: open the store again once that host is done";
  }

  @Override
  public String getMessage() {
    return message;
  }
}
