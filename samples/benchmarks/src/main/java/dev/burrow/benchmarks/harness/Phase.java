package dev.burrow.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/**
 * Runs operations {@code 0..count-1} on a number of threads, each index exactly once (threads take
 * the next index from a shared counter), and times the whole from the moment every thread is ready
 * until the last one is done.
 */
final class Phase {
  private Phase() {}

  /**
   * Elapsed seconds for {@code count} calls of {@code operation} spread over {@code threads}.
   *
   * @throws IllegalStateException carrying the first failure of any operation
   */
  static double seconds(int count, int threads, IntConsumer operation) {
    AtomicInteger next = new AtomicInteger();
    AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread worker =
          new Thread(
              () -> {
                ready.countDown();
                try {
                  go.await();
                  for (int i = next.getAndIncrement();
                      i < count && failure.get() == null;
                      i = next.getAndIncrement()) {
                    operation.accept(i);
                  }
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                }
              },
              "harness-" + t);
      workers.add(worker);
      worker.start();
    }
    try {
      ready.await();
      long start = System.nanoTime();
      go.countDown();
      for (Thread worker : workers) {
        worker.join();
      }
      long elapsed = System.nanoTime() - start;
      Throwable failed = failure.get();
      if (failed != null) {
        throw new IllegalStateException("an operation failed: " + failed, failed);
      }
      return elapsed / 1e9;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while timing a phase", e);
    }
  }

  /** Elapsed seconds for one call of {@code action} on this thread. */
  static double seconds(Runnable action) {
    long start = System.nanoTime();
    action.run();
    return (System.nanoTime() - start) / 1e9;
  }
}
