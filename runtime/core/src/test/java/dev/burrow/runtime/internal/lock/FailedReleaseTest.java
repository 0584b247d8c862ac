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
}
