package dev.burrow.runtime.internal.fs;

import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
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

  /**
   * Channels {@link #tryLock} found on a file this JVM holds locked through another channel: kept
   * open, and reachable, for the JVM's lifetime, since closing any channel on a file drops every
   * lock this process holds on it.
   */
  private static final Set<AsynchronousFileChannel> KEPT_OPEN = ConcurrentHashMap.newKeySet();

  private AsyncChannels() {}

  /** What {@link #tryLock} found. */
  public enum LockTry {
    /** The channel holds the lock now. */
    LOCKED,
    /** Another process holds a lock on the file; the channel may be closed. */
    HELD_BY_ANOTHER_PROCESS,
    /**
     * This JVM holds a lock on the file through another channel (the JDK's {@link
     * OverlappingFileLockException}): the channel is kept open for the JVM's lifetime and must not
     * be closed, since that would drop this JVM's lock.
     */
    HELD_BY_THIS_JVM
  }

  /**
   * Tries to lock the whole file of {@code channel}, without waiting. A file this JVM already holds
   * locked through another channel is {@link LockTry#HELD_BY_THIS_JVM}, not an {@link
   * OverlappingFileLockException}, and {@code channel} is then kept open for good: Burrow never
   * closes a channel on a file whose lock it holds, however it reached the file (a second path that
   * real paths do not merge, such as a bind mount or a renamed directory above the data root). Cost
   * of that case: one file descriptor for the JVM's lifetime.
   *
   * @throws IOException if the lock cannot be tried; the channel holds no lock then
   */
  public static LockTry tryLock(AsynchronousFileChannel channel) throws IOException {
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      KEPT_OPEN.add(channel);
      return LockTry.HELD_BY_THIS_JVM;
    }
    return lock != null ? LockTry.LOCKED : LockTry.HELD_BY_ANOTHER_PROCESS;
  }

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
      switch (tryLock(channel)) {
        case LOCKED -> {
          if (SafeFiles.lstat(file) != null) {
            return channel;
          }
        }
        case HELD_BY_THIS_JVM -> {
          return null; // taken by a sweep or replay of this JVM: kept open, never closed
        }
        case HELD_BY_ANOTHER_PROCESS -> {
          // given up to that process
        }
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
