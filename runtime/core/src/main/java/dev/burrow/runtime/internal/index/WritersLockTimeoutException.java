package dev.burrow.runtime.internal.index;

import dev.burrow.LockTimeoutException;
import java.time.Duration;

/**
 * A write of one instance that could not take the indexes' {@linkplain FileIndexes#WRITERS writers'
 * lock} within the lock timeout: only an index rebuild holds that lock alone, so the message says
 * so instead of blaming the instance's lock, which the writer does hold. Callers catch it as the
 * {@link LockTimeoutException} it is; {@link #instanceId()} names the instance.
 */
final class WritersLockTimeoutException extends LockTimeoutException {
  private static final long serialVersionUID = 1L;

  WritersLockTimeoutException(String instanceId, Duration timeout) {
    super(instanceId, timeout);
  }

  /** Names the writers' lock and the rebuild holding it, then the instance whose write waited. */
  @Override
  public String getMessage() {
    return "could not take the index writers' lock ("
        + FileIndexes.WRITERS
        + ") within "
        + timeout().toMillis()
        + " ms to write instance '"
        + instanceId()
        + "': an index rebuild holds it alone (a process rebuilding an index of this data root,"
        + " or burrow fsck --repair) while it clears the marks of writers that do not maintain"
        + " that index; retry once the rebuild is done";
  }
}
