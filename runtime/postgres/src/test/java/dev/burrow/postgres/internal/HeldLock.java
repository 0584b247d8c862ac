package dev.burrow.postgres.internal;

import dev.burrow.InstanceLock;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A lock of a data root's lock file held by a thread of its own, as another store on the host holds
 * it, until closed: the locks are reentrant, so the test's own thread would take it again at once.
 */
final class HeldLock implements AutoCloseable {
  private final CountDownLatch release = new CountDownLatch(1);
  private final Thread holder;

  private HeldLock(Path root, String name, CountDownLatch held) {
    holder =
        new Thread(
            () -> {
              try (InstanceLock lock = InstanceLocks.forRoot(root).lock(name, Duration.ZERO)) {
                held.countDown();
                release.await();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "holding " + name);
  }

  /** Returns once a thread of its own holds {@code name} in {@code root}'s lock file. */
  static HeldLock take(Path root, String name) throws InterruptedException {
    CountDownLatch held = new CountDownLatch(1);
    HeldLock lock = new HeldLock(root, name, held);
    lock.holder.start();
    held.await();
    return lock;
  }

  /** Releases the lock and waits for its thread to end. */
  @Override
  public void close() throws InterruptedException {
    release.countDown();
    holder.join();
  }
}
