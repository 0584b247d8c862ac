package dev.burrow.postgres.internal;

import dev.burrow.LockTimeoutException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Another thread or store on this host was making or removing an instance's directory ({@link
 * LocalDirectories}) for longer than the lock timeout: nothing was changed, and the same call may
 * succeed once it is done. It names the instance, not the lock of the host's lock file it waited
 * for.
 */
final class DirectoryBusyException extends LockTimeoutException {
  private static final long serialVersionUID = 1L;
  private final String message;

  DirectoryBusyException(String id, Path directory, Duration timeout, LockTimeoutException cause) {
    super(id, timeout);
    initCause(cause);
    this.message =
        "the directory "
            + directory
            + " of instance '"
            + id
            + "' was being made or removed by another thread or store on this host for longer"
            + " than the lock timeout ("
            + timeout.toMillis()
            + " ms); the directory was left as it was";
  }

  @Override
  public String getMessage() {
    return message;
  }
}
