package dev.burrow.runtime.internal.fs;

import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Opens the asynchronous file channels that Burrow keeps its locked files on ({@link
 * AsyncResults}), with every read and write run on the thread that asks for it, which waits for it
 * right away anyway. The JDK's default pool for such channels starts threads of its own in the
 * caller's thread group, kept alive a minute when idle and deaf to interrupts, which a program's
 * host waits for: {@code mvn exec:java} waits 15 seconds at the end of a program for every thread
 * of its group still alive. Locks on these channels are only ever tried ({@code tryLock}), never
 * waited for through the channel, so nothing blocks the calling thread longer than its read or
 * write.
 */
public final class AsyncChannels {
  private static final ExecutorService ON_CALLER = new CallerRuns();

  private AsyncChannels() {}

  /**
   * {@link AsynchronousFileChannel#open(Path, Set, ExecutorService, FileAttribute[])}, its reads
   * and writes run on the calling thread.
   */
  public static AsynchronousFileChannel open(
      Path file, Set<OpenOption> options, FileAttribute<?>... attributes) throws IOException {
    return AsynchronousFileChannel.open(file, options, ON_CALLER, attributes);
  }

  /**
   * Creates {@code file} (owner-only, never through a link) and locks it: a file whose lock tells
   * that its process is alive, which another process takes for a dead one's while it is not locked.
   * Between the creation and the lock, such a process (a sweep, a replay) may lock the fresh file,
   * or lock it and remove it; then the file is given up to it and null returned, and the caller
   * draws another name.
   *
   * @return the locked channel, or null if the file was taken as just said
   * @throws java.nio.file.FileAlreadyExistsException if the name is taken
   * @throws IOException if it cannot be created or locked
   */
  public static @Nullable AsynchronousFileChannel createLocked(Path file) throws IOException {
    AsynchronousFileChannel channel =
        open(
            file,
            Set.of(
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
            OwnerOnly.fileAttributes(file));
    try {
      if (channel.tryLock() != null && SafeFiles.lstat(file) != null) {
        return channel;
      }
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
    channel.close();
    return null;
  }

  /** Runs each task on the thread that submits it; shared by every channel, never shut down. */
  private static final class CallerRuns extends AbstractExecutorService {
    @Override
    public void execute(Runnable task) {
      task.run();
    }

    @Override
    public void shutdown() {
      throw new UnsupportedOperationException("shared by every channel Burrow opens");
    }

    @Override
    public List<Runnable> shutdownNow() {
      throw new UnsupportedOperationException("shared by every channel Burrow opens");
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return false;
    }
  }
}
