package dev.burrow.runtime.internal.lock;

import dev.burrow.InterruptedOperationException;
import dev.burrow.StorageException;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.fs.Failures;
import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;

/**
 * A lock that any number of threads and processes hold together ({@link #share}) or one thread of
 * one process holds alone ({@link #exclusive}), on two bytes of a lock file that no instance lock
 * uses ({@link InstanceLocks#shared}).
 *
 * <ul>
 *   <li>The <b>gate</b> byte is locked shared by every process with a shared holder and exclusively
 *       by the exclusive holder. In one JVM the shared holders are counted: the first takes the
 *       gate from the OS and the last gives it back; an exclusive taker first waits, through a
 *       {@link ReentrantReadWriteLock}, for this JVM's shared holders to leave.
 *   <li>The <b>turnstile</b> byte is locked exclusively by an exclusive taker while it waits for
 *       the gate, and every shared taker passes it (locks it shared and lets go) first: shared
 *       holders that keep arriving queue behind a waiting exclusive taker instead of keeping the
 *       gate held for ever.
 * </ul>
 *
 * <p>Cost of a shared hold, uncontended: a read lock, two mutexes and four {@code fcntl} calls (the
 * turnstile passed, the gate taken and given back), two when another thread of the JVM holds it
 * too. Waiting for another process polls ({@link FileRegions}). Not reentrant: a thread holding it
 * must not take it again, and holds must be short (no caller code runs under one), or an exclusive
 * taker waits for them all.
 */
public final class SharedLock {
  private static final System.Logger LOG = System.getLogger("dev.burrow");

  private final InstanceLocks owner;
  private final AsynchronousFileChannel channel;
  private final Path file;
  private final String name;
  private final long gate;
  private final long turnstile;
  private final ReentrantReadWriteLock local = new ReentrantReadWriteLock();

  /** Held by the one thread of this JVM passing the turnstile. */
  private final ReentrantLock passage = new ReentrantLock();

  /** Guards {@link #holders} and {@link #sharedGate}. */
  private final ReentrantLock count = new ReentrantLock();

  private int holders;
  private @Nullable FileLock sharedGate;

  /** The OS locks whose release failed, on {@link #gate} or {@link #turnstile}. */
  private final UnreleasedLocks unreleased = new UnreleasedLocks();

  /** A hold of the lock, released by the thread that took it. */
  @FunctionalInterface
  public interface Hold extends AutoCloseable {
    /**
     * Releases the hold. Never fails: it is closed after the work it guarded is done, which must
     * not be reported failed; an OS lock that cannot be released is logged.
     */
    @Override
    void close();
  }

  SharedLock(
      InstanceLocks owner, AsynchronousFileChannel channel, Path file, String name, long gate) {
    this.owner = owner;
    this.channel = channel;
    this.file = file;
    this.name = name;
    this.gate = gate;
    this.turnstile = gate + 1;
  }

  /**
   * Holds the lock together with every other shared holder, waiting at most {@code timeout} for an
   * exclusive holder to leave.
   *
   * @return the hold, or null if it was not free in time
   * @throws InterruptedOperationException if the thread is interrupted while waiting (the interrupt
   *     status is kept)
   * @throws StorageException if the OS refuses the file lock, or it is held through another channel
   *     of this JVM on the same file
   */
  public @Nullable Hold share(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!local.readLock().tryLock(left(deadline), TimeUnit.NANOSECONDS)) {
        return null;
      }
      boolean held = false;
      try {
        held = passTurnstile(deadline) && join(deadline);
        return held ? this::leave : null;
      } finally {
        if (!held) {
          local.readLock().unlock();
        }
      }
    } catch (InterruptedException e) {
      throw interrupted(timeout, e);
    } catch (IOException e) {
      throw refused(e);
    } catch (OverlappingFileLockException e) {
      throw overlapping(e);
    }
  }

  /**
   * Holds the lock alone, waiting at most {@code timeout} for every shared holder, in this JVM and
   * elsewhere, to leave; shared takers arriving meanwhile wait behind it.
   *
   * @return the hold, or null if it was not free in time
   * @throws InterruptedOperationException if the thread is interrupted while waiting (the interrupt
   *     status is kept)
   * @throws StorageException if the OS refuses the file lock, or it is held through another channel
   *     of this JVM on the same file
   */
  public @Nullable Hold exclusive(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      if (!local.writeLock().tryLock(left(deadline), TimeUnit.NANOSECONDS)) {
        return null;
      }
      boolean held = false;
      try {
        FileLock alone = closeGate(deadline);
        if (alone == null) {
          return null;
        }
        held = true;
        return () -> {
          try {
            release(alone);
          } finally {
            local.writeLock().unlock();
          }
        };
      } finally {
        if (!held) {
          local.writeLock().unlock();
        }
      }
    } catch (InterruptedException e) {
      throw interrupted(timeout, e);
    } catch (IOException e) {
      throw refused(e);
    } catch (OverlappingFileLockException e) {
      throw overlapping(e);
    }
  }

  /** Number of threads of this JVM waiting to hold it (for tests and monitoring). */
  public int waiting() {
    return local.getQueueLength();
  }

  /** The gate, locked exclusively while holding the turnstile, or null if not free in time. */
  private @Nullable FileLock closeGate(long deadline) throws IOException, InterruptedException {
    FileLock waiting = lock(turnstile, false, deadline);
    if (waiting == null) {
      return null;
    }
    try {
      return lock(gate, false, deadline);
    } finally {
      release(waiting);
    }
  }

  /** Waits behind an exclusive taker that holds the turnstile; false if it was not free in time. */
  private boolean passTurnstile(long deadline) throws IOException, InterruptedException {
    if (!passage.tryLock(left(deadline), TimeUnit.NANOSECONDS)) {
      return false;
    }
    try {
      FileLock passing = lock(turnstile, true, deadline);
      if (passing == null) {
        return false;
      }
      release(passing);
      return true;
    } finally {
      passage.unlock();
    }
  }

  /** Counts the caller among this JVM's shared holders, the first taking the gate shared. */
  private boolean join(long deadline) throws IOException, InterruptedException {
    if (!count.tryLock(left(deadline), TimeUnit.NANOSECONDS)) {
      return false;
    }
    try {
      if (holders == 0) {
        FileLock taken = lock(gate, true, deadline);
        if (taken == null) {
          return false;
        }
        sharedGate = taken;
      }
      holders++;
      return true;
    } finally {
      count.unlock();
    }
  }

  private void leave() {
    count.lock();
    try {
      FileLock taken = sharedGate;
      if (--holders == 0 && taken != null) {
        sharedGate = null;
        release(taken);
      }
    } finally {
      count.unlock();
      local.readLock().unlock();
    }
  }

  /**
   * {@link FileRegions#lock} of byte {@code region}, released again first if its release failed.
   */
  private @Nullable FileLock lock(long region, boolean shared, long deadline)
      throws IOException, InterruptedException {
    owner.use();
    boolean taken = false;
    try {
      unreleased.releaseAgain(region);
      FileLock fileLock = FileRegions.lock(channel, region, shared, deadline);
      taken = fileLock != null;
      return fileLock;
    } finally {
      if (!taken) {
        owner.unuse();
      }
    }
  }

  /**
   * Releases an OS lock. A release that fails is logged, never thrown (see {@link Hold#close}); the
   * OS may keep the lock held for other processes until it is released again, right before its byte
   * is next locked in this JVM, or until the process ends.
   */
  private void release(FileLock fileLock) {
    try {
      fileLock.release();
    } catch (IOException e) {
      unreleased.keep(fileLock.position(), fileLock);
      LOG.log(
          System.Logger.Level.WARNING,
          Printable.line(
              "cannot release '"
                  + name
                  + "' in "
                  + file
                  + ": "
                  + Failures.describe(e)
                  + "; it is released again before it is next taken in this process"));
    } finally {
      owner.unuse();
    }
  }

  private static long left(long deadline) {
    return Math.max(0, deadline - System.nanoTime());
  }

  private InterruptedOperationException interrupted(Duration timeout, InterruptedException e) {
    Thread.currentThread().interrupt();
    return new InterruptedOperationException(
        "interrupted while waiting up to " + timeout.toMillis() + " ms for the lock '" + name + "'",
        e);
  }

  private StorageException overlapping(OverlappingFileLockException e) {
    return UnreleasedLocks.overlapping(name, file, e);
  }

  private StorageException refused(IOException e) {
    return new StorageException(
        "cannot lock or release '" + name + "' in " + file + ": " + Failures.describe(e), e);
  }
}
