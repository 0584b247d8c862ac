package dev.burrow.runtime.internal.id;

import dev.burrow.MisuseException;
import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.Failures;
import java.io.IOException;
import java.util.concurrent.locks.ReentrantLock;

/** A worker number held through a locked lease file; see {@link FileWorkerRegistry}. */
final class FileWorkerLease implements WorkerLease {
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
        throw new MisuseException("the lease " + file.path() + " was released; acquire a new one");
      }
      if (timestampMillis > recorded) {
        file.recordMark(timestampMillis);
        recorded = timestampMillis;
      }
    } catch (IOException e) {
      throw new StorageException(
          "cannot record the high-water mark in "
              + file.mark()
              + ": "
              + Failures.describe(e, file.mark()),
          e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close() {
    lock.lock();
    try {
      if (!closed) {
        closed = true;
        registry.release(file);
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "FileWorkerLease[" + file.path() + "]";
  }
}
