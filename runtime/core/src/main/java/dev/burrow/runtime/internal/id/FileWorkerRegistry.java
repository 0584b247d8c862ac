package dev.burrow.runtime.internal.id;

import dev.burrow.StorageException;
import dev.burrow.WorkerIdUnavailableException;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.fs.AsyncChannels;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.fs.SafeFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The worker leases of one {@code <dataRoot>/.burrow/workers/} directory, one registry per
 * directory per JVM (see {@link WorkerIds#fileLeases}).
 *
 * <p>Claims are serialised in-process first, and a file this JVM holds is never opened again, so no
 * second channel can ever be closed on a held lease file (which would drop its lock) and no {@link
 * java.nio.channels.OverlappingFileLockException} can arise. Should one arise all the same (a lease
 * file held through a way this registry does not know), the number is skipped and that channel kept
 * open ({@link AsyncChannels#tryLock}).
 */
final class FileWorkerRegistry implements WorkerIdAllocator {
  private static final System.Logger LOG = System.getLogger("dev.burrow");

  /**
   * Guards {@link #REGISTRIES}; a lock, not a monitor ({@code ConcurrentHashMap.compute} holds
   * one), as looking up a registry waits for its {@link #lock} and looks at files.
   */
  private static final ReentrantLock REGISTRIES_LOCK = new ReentrantLock();

  /**
   * The registries by {@link #key}, however their data roots are spelled; guarded by {@link
   * #REGISTRIES_LOCK}.
   */
  private static final Map<Object, FileWorkerRegistry> REGISTRIES = new HashMap<>();

  private final ReentrantLock lock = new ReentrantLock();

  /**
   * The lease directory as this registry reaches it now: the path it was made with, or the path it
   * was found through last once that one no longer led to it ({@link #of}). Written with {@link
   * #lock} held.
   */
  private volatile LeaseDirectory directory;

  /**
   * The leases this JVM holds in {@link #directory}, by worker number; guarded by {@link #lock}.
   */
  private final Map<Integer, LeaseFile> held = new HashMap<>();

  private FileWorkerRegistry(LeaseDirectory directory) {
    this.directory = directory;
  }

  /**
   * The registry of {@code <dataRoot>/.burrow/workers/}, created if missing: the one registry of
   * that directory in this JVM, through whichever path it is reached.
   *
   * @throws StorageException if it cannot be created, or it or {@code .burrow} is a symbolic link
   *     (leases are never made outside the data root)
   */
  static FileWorkerRegistry forDataRoot(Path dataRoot) {
    try {
      return of(LeaseDirectory.make(dataRoot));
    } catch (IOException e) {
      throw unusableDirectory(e);
    }
  }

  /**
   * The one registry of {@code directory} in this JVM: the registry already made for it, through
   * whichever path ({@link #reaches}); else a new one (the file key of a directory removed since
   * may be given to a new one).
   */
  static FileWorkerRegistry of(LeaseDirectory directory) {
    Object key = key(directory);
    REGISTRIES_LOCK.lock();
    try {
      FileWorkerRegistry made = REGISTRIES.get(key);
      if (made != null && made.reaches(directory)) {
        return made;
      }
      FileWorkerRegistry fresh = new FileWorkerRegistry(directory);
      REGISTRIES.put(key, fresh);
      return fresh;
    } finally {
      REGISTRIES_LOCK.unlock();
    }
  }

  /**
   * Whether {@code other}, which has this registry's {@link #key}, is this registry's directory:
   * yes if this registry's own path still leads to it (then both paths lead to one directory, as a
   * bind mount above the data root makes), or if a lease this registry holds is the lease file of
   * its number in {@code other} (that file is open, so its file key names no other file: a
   * directory above the data root was renamed). Then, if its own path no longer leads there, this
   * registry reaches its directory through {@code other} from now on, for its claims and its
   * leases' marks. Otherwise no: the directory was removed and its file key given to {@code other},
   * or nothing tells (no lease is held, so a new registry shares no file with this one; should this
   * one's path lead to the directory again, a number both claim is skipped by the second, see
   * {@link LeaseFile#tryClaim}).
   */
  private boolean reaches(LeaseDirectory other) {
    lock.lock();
    try {
      if (directory.isStillThere()) {
        return true;
      }
      if (held.values().stream().noneMatch(lease -> lease.isIn(other))) {
        return false;
      }
      directory = other;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The lease directory as this registry reaches it now. */
  LeaseDirectory directory() {
    return directory;
  }

  /**
   * What tells {@code directory} from every other in this JVM: its file key (device and inode),
   * which every path to it shares, also one {@code toRealPath} does not merge with another (a bind
   * mount of a directory above it), so that this JVM never opens a lease file it holds through a
   * second path, whose closing would drop the lease's lock; its real path where the file system
   * gives no file key.
   */
  private static Object key(LeaseDirectory directory) {
    SafeFiles.Identity identity = directory.identity();
    Object fileKey = identity.fileKey();
    return fileKey != null ? fileKey : identity.realPath();
  }

  /**
   * Claims the lowest free worker number whose high-water mark is already in the past; if every
   * free number has a mark in the future (a crashed holder's reservation, or a clock stepped back),
   * the one with the lowest mark. A number whose lease or mark is planted (a link, a special file)
   * or may not be opened by this process is skipped, with a warning naming the file and why.
   *
   * @throws WorkerIdUnavailableException if no number is free; it names up to three skipped files
   *     and why
   * @throws StorageException if the lease directory, or a directory on the way to it from the data
   *     root, is now a link or no directory, or the path leads to another lease directory than the
   *     registry's (looked at right before the claim: no lease is made there)
   */
  @Override
  public WorkerLease acquire(int workerCount) {
    if (workerCount < 1) {
      throw new IllegalArgumentException("workerCount must be at least 1, was " + workerCount);
    }
    lock.lock();
    try {
      LeaseDirectory directory = this.directory;
      try {
        directory.check();
      } catch (IOException e) {
        throw unusableDirectory(e);
      }
      List<String> skipped = new ArrayList<>();
      LeaseFile best = findBest(directory, workerCount, System.currentTimeMillis(), skipped);
      if (best == null) {
        throw new WorkerIdUnavailableException(
            skipped.isEmpty()
                ? "all "
                    + workerCount
                    + " Snowflake worker numbers under "
                    + directory.path()
                    + " are leased by live processes"
                : "no Snowflake worker number under "
                    + directory.path()
                    + " is free: "
                    + skipped.size()
                    + " of "
                    + workerCount
                    + " skipped because their files cannot be used ("
                    + String.join("; ", skipped.subList(0, Math.min(skipped.size(), 3)))
                    + (skipped.size() > 3 ? "; ..." : "")
                    + "), the others are leased by live processes");
      }
      try {
        directory.check();
        best.describeHolder(Instant.now());
      } catch (IOException e) {
        releaseQuietly(best, e);
        throw new StorageException("cannot write the worker lease " + best.path(directory), e);
      }
      held.put(best.worker(), best);
      return new FileWorkerLease(this, best);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The free worker number to claim, or null if there is none; a number whose lease or mark is
   * planted or may not be opened is skipped, logged and added to {@code skipped} with why.
   */
  private @Nullable LeaseFile findBest(
      LeaseDirectory directory, int workerCount, long nowMillis, List<String> skipped) {
    LeaseFile best = null;
    try {
      for (int worker = 0; worker < workerCount; worker++) {
        if (held.containsKey(worker)) {
          continue;
        }
        LeaseFile candidate;
        try {
          candidate = LeaseFile.tryClaim(directory, worker);
        } catch (SafeFiles.RefusedFileException | AccessDeniedException e) {
          String why =
              e instanceof AccessDeniedException denied
                  ? Failures.deniedAccess(denied)
                  : e.getMessage();
          skipped.add("worker " + worker + ": " + why);
          LOG.log(
              System.Logger.Level.WARNING,
              Printable.line("skipping Snowflake worker " + worker + ": " + why));
          continue;
        }
        if (candidate == null) {
          continue;
        }
        if (best == null || candidate.highWaterMillis() < best.highWaterMillis()) {
          LeaseFile worse = best;
          best = candidate;
          if (worse != null) {
            worse.release();
          }
        } else {
          candidate.release();
        }
        if (best.highWaterMillis() < nowMillis) {
          break;
        }
      }
      return best;
    } catch (IOException e) {
      if (best != null) {
        releaseQuietly(best, e);
      }
      throw new StorageException(
          "cannot claim a worker lease under " + directory.path() + ": " + Failures.describe(e), e);
    }
  }

  /** The failure {@code e} to use the lease directory, or a directory on the way to it. */
  private static StorageException unusableDirectory(IOException e) {
    return new StorageException(
        "cannot use the worker lease directory: " + Failures.describe(e), e);
  }

  /** Closes {@code file}'s channel, dropping its lock, and forgets it; idempotent per lease. */
  void release(LeaseFile file) {
    lock.lock();
    try {
      file.release();
    } catch (IOException e) {
      throw new StorageException("cannot release the worker lease " + file.path(directory), e);
    } finally {
      held.remove(file.worker(), file);
      lock.unlock();
    }
  }

  private static void releaseQuietly(LeaseFile file, Exception failure) {
    try {
      file.release();
    } catch (IOException e) {
      failure.addSuppressed(e);
    }
  }
}
