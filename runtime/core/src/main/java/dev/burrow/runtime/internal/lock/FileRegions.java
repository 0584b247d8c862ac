package dev.burrow.runtime.internal.lock;

import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileLock;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Takes an OS lock on one byte of a lock file, polling with a jittered backoff of 20 µs growing to
 * 2 ms. A blocking OS wait is avoided on purpose: it cannot time out, and Linux reports false
 * deadlocks between multi-threaded processes.
 */
final class FileRegions {
  private static final long FIRST_BACKOFF_NANOS = TimeUnit.MICROSECONDS.toNanos(20);
  private static final long MAX_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private FileRegions() {}

  /**
   * The lock on byte {@code region} of {@code channel}'s file, shared or exclusive, taken by {@code
   * deadline} (a {@link System#nanoTime} value), or null if it was not free by then. The caller
   * makes sure no other thread of this JVM holds or asks for an overlapping lock on the file.
   *
   * @throws IOException if the OS refuses the lock
   * @throws InterruptedException if the thread is interrupted while waiting
   */
  static @Nullable FileLock lock(
      AsynchronousFileChannel channel, long region, boolean shared, long deadline)
      throws IOException, InterruptedException {
    long backoff = FIRST_BACKOFF_NANOS;
    while (true) {
      FileLock fileLock = channel.tryLock(region, 1, shared);
      if (fileLock != null) {
        return fileLock;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return null;
      }
      LockSupport.parkNanos(
          Math.min(left, ThreadLocalRandom.current().nextLong(backoff / 2, backoff + 1)));
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      backoff = Math.min(backoff * 2, MAX_BACKOFF_NANOS);
    }
  }
}
