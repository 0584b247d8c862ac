package dev.burrow.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.runtime.internal.store.NewestFirst;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.jspecify.annotations.Nullable;

/** Work done while another thread changes the store, and what a listing walk must then keep. */
public final class UnderChange {
  private UnderChange() {}

  /**
   * Runs {@code work} while another thread, started before it, runs {@code step} with 0, 1, 2, ...
   * until {@code work} returns; fails if that thread threw or made no step meanwhile.
   *
   * @return what {@code work} returned
   */
  public static <R> R whileAnotherThreadRuns(IntConsumer step, Callable<R> work) throws Exception {
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger steps = new AtomicInteger();
    AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();
    CountDownLatch started = new CountDownLatch(1);
    Thread other =
        new Thread(
            () -> {
              started.countDown();
              try {
                for (int i = 0; !done.get(); i++) {
                  step.accept(i);
                  steps.incrementAndGet();
                }
              } catch (Throwable e) {
                failure.set(e);
              }
            });
    other.start();
    started.await();
    R result;
    try {
      result = work.call();
    } finally {
      done.set(true);
      other.join();
    }
    assertNull(failure.get());
    assertTrue(steps.get() > 0, "the other thread made no change meanwhile");
    return result;
  }

  /**
   * Checks a walk over the listing made under change: no ID twice, none of {@code stable} (the
   * instances that existed throughout) missing, strictly in listing order.
   */
  public static void assertWalkKept(Set<String> stable, List<String> seen) {
    assertEquals(seen.size(), new HashSet<>(seen).size(), "an instance was returned twice");
    Set<String> missing = new HashSet<>(stable);
    seen.forEach(missing::remove);
    assertEquals(Set.of(), missing, "instances that existed throughout were missed");
    for (int i = 1; i < seen.size(); i++) {
      assertTrue(
          NewestFirst.IDS.compare(seen.get(i - 1), seen.get(i)) < 0,
          "out of order: " + seen.get(i - 1) + " before " + seen.get(i));
    }
  }
}
