package dev.burrow.runtime.internal.id;

import dev.burrow.StorageException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A worker allocator for generator tests: a given worker number and high-water mark, a log of the
 * marks recorded, whether the lease was closed and the mark it was lowered to on a clean close.
 */
final class TestLeases implements WorkerIdAllocator {
  private final int worker;
  private final long highWaterMillis;
  final List<Long> recorded = Collections.synchronizedList(new ArrayList<>());
  volatile boolean closed;
  volatile long loweredTo = Long.MIN_VALUE;
  volatile boolean failRecords;

  TestLeases(int worker, long highWaterMillis) {
    this.worker = worker;
    this.highWaterMillis = highWaterMillis;
  }

  @Override
  public WorkerLease acquire(int workerCount) {
    return new WorkerLease() {
      @Override
      public int workerId() {
        return worker;
      }

      @Override
      public long highWaterMillis() {
        return highWaterMillis;
      }

      @Override
      public void recordHighWater(long timestampMillis) {
        if (failRecords) {
          throw new StorageException("recording failed for the test", new IOException("disk full"));
        }
        recorded.add(timestampMillis);
      }

      @Override
      public void close() {
        closed = true;
      }

      @Override
      public void closeAfterLastId(long lastIdMillis) {
        loweredTo = lastIdMillis;
        closed = true;
      }
    };
  }

  /** The mark the next holder finds: the lowered one after a clean close, else the latest. */
  long markLeft() {
    return loweredTo == Long.MIN_VALUE ? lastRecorded() : loweredTo;
  }

  /** The latest recorded mark. */
  long lastRecorded() {
    return recorded.get(recorded.size() - 1);
  }
}
