package dev.burrow.runtime.testing;

import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.LockTimeoutException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Child main: tries for {@code args[2]} ms (default 30 s) to lock instance {@code args[1]} of the
 * counter store at {@code args[0]}. Prints {@code locked} and holds the lock until its stdin closes
 * or it is killed, or prints {@code timeout}.
 */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws IOException {
    Duration timeout = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 30_000);
    try (CounterStore store = Stores.counters(Path.of(args[0]), Durability.NONE)) {
      InstanceLock lock;
      try {
        lock = store.lock(args[1], timeout);
      } catch (LockTimeoutException e) {
        System.out.println("timeout");
        return;
      }
      try (lock) {
        System.out.println("locked");
        System.out.flush();
        while (System.in.read() >= 0) {
          // hold the lock until the parent closes stdin
        }
      }
    }
    System.out.println("released");
  }
}
