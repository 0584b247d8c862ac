package dev.burrow.runtime.testing;

import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.internal.lock.SharedLock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child main: tries for {@code args[3]} ms to hold the shared lock {@code args[1]} of the data root
 * {@code args[0]}, shared if {@code args[2]} is {@code share}, else alone. Prints {@code waiting}
 * before it tries, then {@code held} and holds it until its stdin closes, or prints {@code
 * timeout}.
 */
public final class SharedLockHolder {
  private SharedLockHolder() {}

  public static void main(String[] args) throws IOException {
    SharedLock lock = InstanceLocks.forRoot(Path.of(args[0])).shared(args[1]);
    Duration timeout = Duration.ofMillis(Long.parseLong(args[3]));
    System.out.println("waiting");
    System.out.flush();
    SharedLock.Hold hold = args[2].equals("share") ? lock.share(timeout) : lock.exclusive(timeout);
    if (hold == null) {
      System.out.println("timeout");
      return;
    }
    try (hold) {
      System.out.println("held");
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold it until the parent closes stdin
      }
    }
  }
}
