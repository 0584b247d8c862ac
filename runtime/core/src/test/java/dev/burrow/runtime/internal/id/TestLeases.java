package dev.burrow.runtime.internal.id;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A worker allocator for generator tests: a given worker number and high-water mark, and a log of
 * the marks recorded and whether the lease was closed.
 */
final class TestLeases implements WorkerIdAllocator {
  private final int worker;
  private final long highWaterMillis;
  final List<Long> recorded = Collections.synchronizedList(new ArrayList<>());
  volatile boolean closed;

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
        recorded.add(timestampMillis);
      }

      @Override
      public void close() {
        closed = true;
      }
    };
  }

  /** The latest recorded mark. */
  long lastRecorded() {
    return recorded.get(recorded.size() - 1);
  }
}
