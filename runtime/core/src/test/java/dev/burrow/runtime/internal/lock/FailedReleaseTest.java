package dev.burrow.runtime.internal.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.InstanceLock;
import dev.burrow.StorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An OS lock whose release fails (as {@code fcntl} may with EIO on a network file system): the hold
 * ends without an exception, which would replace the outcome of the write it guarded, and the lock
 * is released before it is next taken.
 */
class FailedReleaseTest {
  @TempDir Path dir;

  /**
   * The lock file's channel, whose locks fail to release while {@link #failing} is set and then
   * stay held, as the OS may keep them.
   */
  private static final class FailingReleases extends AsynchronousFileChannel {
    private final AsynchronousFileChannel real;
    volatile boolean failing;

    FailingReleases(AsynchronousFileChannel real) {
      this.real = real;
    }

    @Override
    public @Nullable FileLock tryLock(long position, long size, boolean shared) throws IOException {
      FileLock lock = real.tryLock(position, size, shared);
      if (lock == null) {
        return null;
      }
      return new FileLock(this, position, size, shared) {
        @Override
        public boolean isValid() {
          return lock.isValid();
        }

        @Override
        public void release() throws IOException {
          if (failing) {
            throw new IOException("Input/output error");
          }
          lock.release();
        }
      };
    }

    @Override
    public <A> void lock(
        long position,
        long size,
        boolean shared,
        A attachment,
        CompletionHandler<FileLock, ? super A> handler) {
      throw new UnsupportedOperationException("InstanceLocks only tries locks");
    }

    @Override
    public Future<FileLock> lock(long position, long size, boolean shared) {
      throw new UnsupportedOperationException("InstanceLocks only tries locks");
    }

    @Override
    public long size() throws IOException {
      return real.size();
    }

    @Override
    public AsynchronousFileChannel truncate(long size) throws IOException {
      real.truncate(size);
      return this;
    }

    @Override
    public void force(boolean metaData) throws IOException {
      real.force(metaData);
    }

    @Override
    public <A> void read(
        ByteBuffer dst,
        long position,
        A attachment,
        CompletionHandler<Integer, ? super A> handler) {
      real.read(dst, position, attachment, handler);
    }

    @Override
    public Future<Integer> read(ByteBuffer dst, long position) {
      return real.read(dst, position);
    }

    @Override
    public <A> void write(
        ByteBuffer src,
        long position,
        A attachment,
        CompletionHandler<Integer, ? super A> handler) {
      real.write(src, position, attachment, handler);
    }

    @Override
    public Future<Integer> write(ByteBuffer src, long position) {
      return real.write(src, position);
    }

    @Override
    public boolean isOpen() {
      return real.isOpen();
    }

    @Override
    public void close() throws IOException {
      real.close();
    }
  }

  @Test
  void aLockWhoseReleaseFailsEndsQuietlyAndIsReleasedBeforeItIsNextTaken() throws IOException {
    Path file = dir.resolve("instances.lock");
    try (FailingReleases channel =
        new FailingReleases(
            AsynchronousFileChannel.open(
                file,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE,
                StandardOpenOption.CREATE))) {
      InstanceLocks locks = new InstanceLocks(file, channel);
      InstanceLock held = locks.lock("a", Duration.ofSeconds(1));
      channel.failing = true;
      held.close();
      assertEquals(0, locks.activeNames());

      StorageException refused =
          assertThrows(StorageException.class, () -> locks.lock("a", Duration.ofSeconds(1)));
      assertTrue(
          refused.getMessage().contains("cannot lock 'a'")
              && refused.getMessage().contains("Input/output error"),
          refused.getMessage());
      assertEquals(0, locks.activeNames());

      channel.failing = false;
      try (InstanceLock again = locks.lock("a", Duration.ofSeconds(1))) {
        assertEquals(List.of("a"), again.instanceIds());
      }
      try (InstanceLock other = locks.lock("b", Duration.ofSeconds(1))) {
        assertEquals(List.of("b"), other.instanceIds());
      }
    }
  }

  private static AsynchronousFileChannel open(Path file) throws IOException {
    return AsynchronousFileChannel.open(
        file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
  }

  @Test
  void aSharedHoldWhoseReleaseFailsIsReleasedBeforeTheGateIsNextTaken() throws IOException {
    Path file = dir.resolve("instances.lock");
    try (FailingReleases channel = new FailingReleases(open(file))) {
      SharedLock writers = new InstanceLocks(file, channel).shared("writers");
      SharedLock.Hold hold = writers.share(Duration.ofSeconds(1));
      channel.failing = true;
      hold.close(); // never fails: logged

      StorageException refused =
          assertThrows(StorageException.class, () -> writers.share(Duration.ofSeconds(1)));
      assertTrue(
          refused.getMessage().contains("'writers'")
              && refused.getMessage().contains("Input/output error"),
          refused.getMessage());

      channel.failing = false;
      SharedLock.Hold again = writers.share(Duration.ofSeconds(1));
      assertTrue(again != null, "shared hold after a failed release");
      again.close();
      SharedLock.Hold alone = writers.exclusive(Duration.ofSeconds(1));
      assertTrue(alone != null, "exclusive hold after a failed release");
      alone.close();
    }
  }

  @Test
  void anExclusiveHoldWhoseReleasesFailIsReleasedBeforeTheLockIsNextTaken() throws IOException {
    Path file = dir.resolve("instances.lock");
    try (FailingReleases channel = new FailingReleases(open(file))) {
      SharedLock writers = new InstanceLocks(file, channel).shared("writers");
      channel.failing = true;
      SharedLock.Hold alone = writers.exclusive(Duration.ofSeconds(1)); // turnstile kept
      assertTrue(alone != null, "exclusive hold");
      alone.close(); // gate kept
      channel.failing = false;
      for (int i = 0; i < 2; i++) {
        SharedLock.Hold hold = writers.share(Duration.ofSeconds(1));
        assertTrue(hold != null, "shared hold after failed releases");
        hold.close();
        SharedLock.Hold again = writers.exclusive(Duration.ofSeconds(1));
        assertTrue(again != null, "exclusive hold after failed releases");
        again.close();
      }
    }
  }

  @Test
  void aSharedLockHeldThroughAnotherChannelOfThisJvmIsReportedAsAStorageException()
      throws IOException {
    Path file = dir.resolve("instances.lock");
    try (AsynchronousFileChannel first = open(file);
        AsynchronousFileChannel second = open(file)) {
      SharedLock.Hold held =
          new InstanceLocks(file, first).shared("writers").exclusive(Duration.ofSeconds(1));
      try {
        SharedLock other = new InstanceLocks(file, second).shared("writers");
        StorageException refused =
            assertThrows(StorageException.class, () -> other.share(Duration.ofSeconds(1)));
        assertTrue(
            refused.getMessage().contains("'writers'")
                && refused.getMessage().contains(file.toString()),
            refused.getMessage());
        assertThrows(StorageException.class, () -> other.exclusive(Duration.ofSeconds(1)));
      } finally {
        held.close();
      }
    }
  }

  @Test
  void anInstanceLockHeldThroughAnotherChannelOfThisJvmIsReportedAsAStorageException()
      throws IOException {
    Path file = dir.resolve("instances.lock");
    try (AsynchronousFileChannel first = open(file);
        AsynchronousFileChannel second = open(file);
        InstanceLock held = new InstanceLocks(file, first).lock("a", Duration.ofSeconds(1))) {
      InstanceLocks other = new InstanceLocks(file, second);
      StorageException refused =
          assertThrows(StorageException.class, () -> other.lock("a", Duration.ofSeconds(1)));
      assertTrue(
          refused.getMessage().contains("'a'") && refused.getMessage().contains(file.toString()),
          refused.getMessage() + " while " + held.instanceIds() + " is held");
      assertEquals(0, other.activeNames());
    }
  }
}
