package dev.burrow.runtime.internal.id;

import dev.burrow.MisuseException;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.Failures;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;

/** A worker number held through a locked lease file; see {@link FileWorkerRegistry}. */
final class FileWorkerLease implements WorkerLease {
  private static final System.Logger LOG = System.getLogger("dev.burrow");

  private final FileWorkerRegistry registry;
  private final LeaseFile file;
  private final ReentrantLock lock = new ReentrantLock();

  /** Guarded by {@link #lock}. */
  private long recorded;

  /** Guarded by {@link #lock}. */
  private boolean closed;

  FileWorkerLease(FileWorkerRegistry registry, LeaseFile file) {
    this.registry = registry;
    this.file = file;
    this.recorded = file.highWaterMillis();
  }

  @Override
  public int workerId() {
    return file.worker();
  }

  @Override
  public long highWaterMillis() {
    return file.highWaterMillis();
  }

  @Override
  public void recordHighWater(long timestampMillis) {
    lock.lock();
    try {
      if (closed) {
        throw new MisuseException(
            "the lease " + file.path(registry.directory()) + " was released; acquire a new one");
      }
      if (timestampMillis > recorded) {
        file.recordMark(registry.directory(), timestampMillis);
        recorded = timestampMillis;
      }
    } catch (IOException e) {
      Path mark = file.mark(registry.directory());
      throw new StorageException(
          "cannot record the high-water mark in " + mark + ": " + Failures.describe(e, mark), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    closeAfterLastId(Long.MAX_VALUE);
  }

  /**
   * Lowers the mark file to {@code lastIdMillis} (atomically and durably, as every mark is written;
   * a crash leaves this mark or the higher one before it) and then gives the number back.
   */
  @Override
  public void closeAfterLastId(long lastIdMillis) {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        lowerMark(lastIdMillis);
        registry.release(file);
      }
    } finally {
      lock.unlock();
    }
  }

  private void lowerMark(long lastIdMillis) {
    if (lastIdMillis >= recorded || lastIdMillis < file.highWaterMillis()) {
      return;
    }
    LeaseDirectory directory = registry.directory();
    try {
      file.recordMark(directory, lastIdMillis);
    } catch (IOException e) {
      Path mark = file.mark(directory);
      LOG.log(
          System.Logger.Level.WARNING,
          "cannot lower the high-water mark in "
              + mark
              + (e.getCause() instanceof OutcomeUnknownException
                  ? " durably: the lower one is in place, but a power cut may bring back the higher"
                      + " one, which the next holder then waits out: "
                  : "; the higher one stays and the next holder waits it out: ")
              + Failures.describe(e, mark));
    }
  }

  @Override
  public String toString() {
    return "FileWorkerLease[" + file.path(registry.directory()) + "]";
  }
}
