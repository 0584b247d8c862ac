package dev.burrow.runtime.internal.lock;

import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.InterruptedOperationException;
import dev.burrow.LockTimeoutException;
import dev.burrow.MisuseException;
import dev.burrow.StorageException;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.fs.AsyncChannels;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.internal.fs.Parents;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.jfr.LockWaitEvent;
import java.io.IOException;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Exclusive locks by name, held across the threads of this JVM and across processes, backed by one
 * lock file. There is one {@code InstanceLocks} per lock file per JVM ({@link #forFile}); every
 * store on the same data root shares it.
 *
 * <p>Cost of an uncontended lock and unlock: one hash-map update, one {@code ReentrantLock} and two
 * {@code fcntl} calls. Memory holds one small entry per name that is currently locked or waited
 * for, and nothing for names that were locked once.
 *
 * <p>Waiting for another process polls the OS lock ({@link FileRegions}). The lock channel is an
 * {@link AsynchronousFileChannel}, which an interrupt cannot close (an interrupt closes a {@code
 * FileChannel} and with it every lock this JVM holds on the file).
 */
public final class InstanceLocks {
  private static final ConcurrentHashMap<Path, InstanceLocks> PER_FILE = new ConcurrentHashMap<>();

  /**
   * The same locks by their file's key (device and inode): a path {@link #canonical} does not merge
   * with the first (a bind mount of a directory above the data root) finds them there, as a second
   * channel on the file would split the lock between this JVM's threads, and closing it would drop
   * every lock this JVM holds on the file. The open channel keeps its file's inode from being given
   * to another file, so a key names only that file; it is removed when the channel is closed.
   */
  private static final ConcurrentHashMap<Object, InstanceLocks> PER_FILE_KEY =
      new ConcurrentHashMap<>();

  /**
   * Where the bytes of {@link #shared} locks start: past every instance's ({@link LockRegions}).
   */
  private static final long SHARED_REGIONS = 1L << 62;

  private static final Comparator<String> BY_REGION = Comparator.comparingLong(LockRegions::of);

  private static final System.Logger LOG = System.getLogger("dev.burrow");

  /** How many times {@link #openKnown} opens a lock file replaced while it was opened. */
  private static final int MAX_OPEN_ATTEMPTS = 8;

  private final Path file;
  private final AsynchronousFileChannel channel;
  private final KeyedLocks<Long, FileLock> keyed = new KeyedLocks<>("the lock of ", this::release);

  private final UnreleasedLocks unreleased = new UnreleasedLocks();

  private final ConcurrentHashMap<String, SharedLock> shared = new ConcurrentHashMap<>();

  /** Guards the fields below, written under the class's lock too ({@link #forFile}). */
  private final Object state = new Object();

  /**
   * OS locks held, or being taken, through {@link #channel}: retired locks close it when none are.
   */
  private int uses;

  /** The key of {@link #file} when it was opened, or null if the file system gives none. */
  private @Nullable Object fileKey;

  /** Number of paths in {@link #PER_FILE} that lead here. */
  private int paths;

  /** Whether no path leads here any more: the channel is closed when no OS lock uses it. */
  private boolean retired;

  private boolean closed;

  /** Locks on {@code file}, open as {@code channel}; tests may hand in a channel of their own. */
  InstanceLocks(Path file, AsynchronousFileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /**
   * The JVM-wide locks backed by {@code lockFile}, created (0600) if missing. The file is never
   * deleted by Burrow and must not be opened by anything else. Cost: a canonical path and one
   * {@code lstat}; when the file is opened, an exclusive create and two {@code lstat}s more.
   *
   * <p>Locks found by the path are used only while the path still leads to the file they lock:
   * after the data root was removed, or a directory above it renamed, and a root made again at the
   * path, the new lock file is opened, as every other process opening the root by that path locks
   * that one. The old locks are then retired: their channel is closed when the last OS lock taken
   * through it is released, or at once if none is held (closing any channel on a file drops every
   * lock this process holds on it, so it is never closed under a held lock). Locks of a retired
   * file that are used after its channel was closed fail with a {@link StorageException}.
   *
   * @throws StorageException if the lock file cannot be created or opened
   */
  public static synchronized InstanceLocks forFile(Path lockFile) {
    Path key = canonical(lockFile);
    Object fileKey = fileKey(key);
    InstanceLocks made = PER_FILE.get(key);
    if (made != null) {
      if (made.isAt(key, fileKey)) {
        return made;
      }
      PER_FILE.remove(key);
      made.leavePath();
    }
    InstanceLocks same = fileKey == null ? null : PER_FILE_KEY.get(fileKey);
    if (same == null || !same.adoptPath()) {
      same = openKnown(key);
    }
    PER_FILE.put(key, same);
    return same;
  }

  /**
   * Opens the lock file at {@code key} and registers the new locks by the file's key. Java 17
   * cannot ask an open channel which file it is on, so the key is read by the path before and after
   * the open; the open channel keeps its file's inode from being given to another, so the same key
   * both times names the file opened. A key that changed between (the root removed and made again
   * meanwhile) leaves the file opened unknown: the open is made again, and the channel that cannot
   * be told is closed only if no locks of this JVM are on either file, since closing a channel
   * drops every lock this process holds on its file; otherwise it is left open.
   *
   * @throws StorageException if the lock file cannot be created or opened, or kept being replaced
   */
  private static InstanceLocks openKnown(Path key) {
    for (int attempt = 1; ; attempt++) {
      Object before = existingFileKey(key);
      InstanceLocks opened = open(key);
      Object after = fileKey(key);
      if (Objects.equals(before, after)) {
        opened.opened(after);
        if (after != null) {
          PER_FILE_KEY.put(after, opened);
        }
        return opened;
      }
      if ((before == null || !PER_FILE_KEY.containsKey(before))
          && (after == null || !PER_FILE_KEY.containsKey(after))) {
        opened.closeChannel();
      }
      if (attempt == MAX_OPEN_ATTEMPTS) {
        throw new StorageException(
            "cannot open lock file "
                + key
                + ": it was replaced while it was opened, "
                + MAX_OPEN_ATTEMPTS
                + " times in a row; leave .burrow/ to Burrow while a store has the root open",
            null);
      }
    }
  }

  /**
   * The key of what is at {@code key}, the lock file created first (owner-only) if nothing is
   * there: an exclusive create, which follows no link and makes a file no lock is on, so closing it
   * drops none; null where the file system gives no key.
   */
  private static @Nullable Object existingFileKey(Path key) {
    try {
      Files.createFile(key, OwnerOnly.fileAttributes(key));
    } catch (FileAlreadyExistsException e) {
      // made by another process, or the file every open after the first finds
    } catch (IOException e) {
      // a directory this process may not write, say: the open that follows says what is wrong
    }
    return fileKey(key);
  }

  /**
   * Closes the channel, which drops every lock this process holds on its file: only once no lock of
   * this JVM is on it (locks never registered and on a file no other locks are on, or retired and
   * unused).
   */
  private void closeChannel() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          Printable.line("cannot close lock file " + file + ": " + Failures.describe(e)));
    }
  }

  /**
   * Whether these locks, found by the canonical path {@code key}, still lock the file there, whose
   * key is {@code current} (null if it is missing or the file system gives none).
   */
  private boolean isAt(Path key, @Nullable Object current) {
    Object opened;
    synchronized (state) {
      opened = fileKey;
    }
    return opened != null ? opened.equals(current) : Files.exists(key, LinkOption.NOFOLLOW_LINKS);
  }

  /** These locks were just opened on the file whose key is {@code opened}, found by one path. */
  private void opened(@Nullable Object opened) {
    synchronized (state) {
      fileKey = opened;
      paths = 1;
    }
  }

  /** One more path leads to these locks; false if their channel was closed already. */
  private boolean adoptPath() {
    synchronized (state) {
      if (closed) {
        return false;
      }
      paths++;
      retired = false;
      return true;
    }
  }

  /**
   * One path less leads to these locks; with none left they are retired, and closed once no OS lock
   * is held through them.
   */
  private void leavePath() {
    synchronized (state) {
      if (--paths > 0) {
        return;
      }
      retired = true;
      closeIfUnused();
    }
  }

  /**
   * Counts an OS lock about to be taken through the channel, which stays open until {@link #unuse}.
   *
   * @throws IOException if the channel was closed, the locks being retired
   */
  void use() throws IOException {
    synchronized (state) {
      if (closed) {
        throw new IOException(
            "the lock file was removed or replaced while in use; open the store again");
      }
      uses++;
    }
  }

  /**
   * Uncounts an OS lock taken through the channel, released (or not taken, or dropped with a failed
   * release); the channel of retired locks is closed with the last.
   */
  void unuse() {
    synchronized (state) {
      uses--;
      closeIfUnused();
    }
  }

  private void closeIfUnused() {
    if (!retired || closed || uses > 0) {
      return;
    }
    closed = true;
    closeChannel();
    Object opened = fileKey;
    if (opened != null) {
      PER_FILE_KEY.remove(opened, this);
    }
  }

  /** Whether the channel was closed (for tests). */
  boolean isClosed() {
    synchronized (state) {
      return closed;
    }
  }

  private static @Nullable Object fileKey(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS)
          .fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  /**
   * The JVM-wide locks of the data root {@code root}, backed by {@code
   * <root>/.burrow/locks/instances.lock}; the directories on the way are made where missing, one at
   * a time, and must not be links (each checked before it is used, so nothing is made through one).
   *
   * @throws StorageException if a directory on the way is a link, or the file cannot be opened
   */
  public static InstanceLocks forRoot(Path root) {
    Path lockFile = lockFile(root);
    try {
      OwnerOnly.createDirectories(root);
      SafeFiles.makeDirectories(root, Parents.of(lockFile), Durability.NONE);
    } catch (IOException e) {
      throw new StorageException(
          "cannot use lock file " + lockFile + ": " + Failures.describe(e), e);
    }
    return forFile(lockFile);
  }

  /** Where {@link #forRoot} keeps the lock file of {@code root}. */
  public static Path lockFile(Path root) {
    return root.resolve(".burrow").resolve("locks").resolve("instances.lock");
  }

  private static Path canonical(Path lockFile) {
    Path absolute = lockFile.toAbsolutePath().normalize();
    Path directory = Parents.of(absolute);
    try {
      OwnerOnly.createDirectories(directory);
      return directory.toRealPath().resolve(String.valueOf(absolute.getFileName()));
    } catch (IOException e) {
      throw new StorageException(
          "cannot resolve lock file " + lockFile + ": " + Failures.describe(e), e);
    }
  }

  /** Opens the lock file without following a link, refusing anything but a regular file. */
  private static InstanceLocks open(Path file) {
    try {
      SafeFiles.requireRegularFile(file, true);
      AsynchronousFileChannel channel =
          AsyncChannels.open(file, SafeFiles.readWriteCreate(), OwnerOnly.fileAttributes(file));
      return new InstanceLocks(file, channel);
    } catch (IOException e) {
      throw new StorageException(
          "cannot open lock file " + file + ": " + Failures.describe(e, file), e);
    }
  }

  /** The lock file. */
  public Path file() {
    return file;
  }

  /**
   * Takes the exclusive lock on {@code name}, waiting at most {@code timeout}.
   *
   * @throws LockTimeoutException naming {@code name} if it is still held elsewhere after the
   *     timeout
   * @throws InterruptedOperationException if the thread is interrupted while waiting (the interrupt
   *     status is kept)
   * @throws StorageException if the OS refuses the file lock, or this JVM holds it through another
   *     channel on the file
   */
  public InstanceLock lock(String name, Duration timeout) {
    LockWaitEvent wait = new LockWaitEvent();
    wait.begin();
    InstanceLock lock = null;
    try {
      lock = acquire(name, timeout, System.nanoTime() + timeout.toNanos());
    } finally {
      wait.finish(name, file.toString(), lock != null);
    }
    if (lock == null) {
      throw new LockTimeoutException(name, timeout);
    }
    return lock;
  }

  /**
   * Takes the exclusive locks on all {@code names} as one, waiting at most {@code timeout} in all.
   * They are taken in one global order (by lock-file byte, the same in every process), so callers
   * locking overlapping sets in any order never deadlock; names sharing a byte are locked once;
   * closing releases them in reverse order. Cost: one {@link #lock} per distinct name. Do not call
   * it while holding a lock taken separately: only the locks of one call are ordered.
   *
   * @throws LockTimeoutException naming the first name still held elsewhere; locks taken so far are
   *     released
   * @throws MisuseException if {@code names} is empty
   */
  public InstanceLock lockAll(Collection<String> names, Duration timeout) {
    return OrderedLocks.lockAll(names, timeout, BY_REGION, this::lock);
  }

  /**
   * Takes the lock on {@code name} only if it is free right now, in this JVM and elsewhere.
   *
   * @return the lock, or null if someone else holds it
   * @throws InterruptedOperationException if the thread is interrupted already, even when the lock
   *     is free (the interrupt status is kept): it does not wait, but checks the interrupt as
   *     {@link #lock} does
   * @throws StorageException if the OS refuses the file lock
   */
  public @Nullable InstanceLock tryLock(String name) {
    return acquire(name, Duration.ZERO, System.nanoTime());
  }

  /**
   * The lock {@code name} that many hold together or one alone ({@link SharedLock}), on two bytes
   * of this lock file past every instance's: one object per name per JVM. Cost: one hash-map
   * lookup.
   */
  public SharedLock shared(String name) {
    return shared.computeIfAbsent(
        name,
        n ->
            new SharedLock(this, channel, file, n, SHARED_REGIONS + 2 * (LockRegions.of(n) >>> 2)));
  }

  /** Whether the calling thread holds the lock on {@code name}. Cost: one hash-map lookup. */
  public boolean isHeldByCurrentThread(String name) {
    return keyed.isHeldByCurrentThread(LockRegions.of(name));
  }

  /**
   * Number of threads of this JVM waiting to take the lock on {@code name} (for tests and
   * monitoring). Cost: one hash-map lookup.
   */
  public int waitingFor(String name) {
    return keyed.waiting(LockRegions.of(name));
  }

  /** Number of names currently locked or waited for in this JVM (for tests and monitoring). */
  public int activeNames() {
    return keyed.size();
  }

  private @Nullable InstanceLock acquire(String name, Duration timeout, long deadline) {
    long region = LockRegions.of(name);
    return keyed.acquire(region, name, timeout, deadline, () -> lockRegion(name, region, deadline));
  }

  private @Nullable FileLock lockRegion(String name, long region, long deadline)
      throws InterruptedException {
    boolean taken = false;
    try {
      use();
      try {
        unreleased.releaseAgain(region);
        FileLock fileLock = FileRegions.lock(channel, region, false, deadline);
        taken = fileLock != null;
        return fileLock;
      } finally {
        if (!taken) {
          unuse();
        }
      }
    } catch (IOException e) {
      throw new StorageException(
          "cannot lock '" + name + "' in " + file + ": " + Failures.describe(e), e);
    } catch (OverlappingFileLockException e) {
      throw UnreleasedLocks.overlapping(name, file, e);
    }
  }

  /**
   * Releases the OS lock of the last hold of {@code region}. A release that fails is logged, never
   * thrown: the hold ends after the write it guarded, whose outcome a failure to unlock must not
   * replace. The OS may keep the lock held for other processes until it is released again, right
   * before the next lock of the same byte in this JVM, or until the process ends.
   */
  private void release(long region, FileLock fileLock) {
    try {
      fileLock.release();
    } catch (IOException e) {
      unreleased.keep(region, fileLock);
      LOG.log(
          System.Logger.Level.WARNING,
          Printable.line(
              "cannot release a lock in "
                  + file
                  + ": "
                  + Failures.describe(e)
                  + "; it is released again before it is next taken in this process"));
    } finally {
      unuse();
    }
  }
}
