package dev.burrow.benchmarks.harness;

import java.lang.management.ManagementFactory;

/**
 * How much the live heap grows while an action runs: the action calls {@link #tick()} as it goes,
 * and every so many ticks a full collection runs and the heap in use after it (what is still
 * reachable) is noted. The growth is the most noted, less the heap in use after a full collection
 * just before the action. Garbage the action makes and drops does not count (a collector that runs
 * on its own can promote garbage, which then looks live until its next old collection, so only
 * forced full collections are trusted); what the action keeps, such as every instance of a listing
 * held in memory, does. The collections take time: {@link #gcSeconds()} says how much.
 */
final class HeapWatch {
  private final long every;
  private final long baseline;
  private long ticks;
  private long peak;
  private long gcNanos;

  private HeapWatch(long every) {
    this.every = every;
    this.baseline = liveHeap();
    this.peak = baseline;
  }

  /** Starts watching, with a full collection every {@code every} ticks. */
  static HeapWatch start(long every) {
    return new HeapWatch(Math.max(1, every));
  }

  /** One step of the action; every {@code every}-th step notes the live heap. */
  void tick() {
    if (++ticks % every == 0) {
      long start = System.nanoTime();
      peak = Math.max(peak, liveHeap());
      gcNanos += System.nanoTime() - start;
    }
  }

  /** The live heap's growth, in bytes, at the most. */
  long growthBytes() {
    return Math.max(0, peak - baseline);
  }

  /** Time spent in the collections this watch forced. */
  double gcSeconds() {
    return gcNanos / 1e9;
  }

  private static long liveHeap() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
