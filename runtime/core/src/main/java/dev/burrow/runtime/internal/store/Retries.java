package dev.burrow.runtime.internal.store;

import dev.burrow.InterruptedOperationException;
import dev.burrow.RetryPolicy;
import dev.burrow.VersionConflictException;
import dev.burrow.runtime.internal.jfr.RetryEvent;
import dev.burrow.runtime.internal.jfr.VersionConflictEvent;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/** Runs an optimistic attempt again, as a {@link RetryPolicy} says, while it loses races. */
public final class Retries {
  private Retries() {}

  /**
   * Runs {@code attempt} until it returns without a {@link VersionConflictException}.
   *
   * @return what the successful attempt returned
   * @throws VersionConflictException from the last attempt, with the number of attempts made, once
   *     the policy is exhausted
   * @throws InterruptedOperationException if interrupted while waiting (the interrupt status is
   *     kept)
   */
  public static <R> R run(RetryPolicy policy, Supplier<R> attempt) {
    long deadline = System.nanoTime() + policy.maxTotal().toNanos();
    for (int made = 1; ; made++) {
      try {
        return attempt.get();
      } catch (VersionConflictException conflict) {
        VersionConflictEvent.record(conflict);
        if (made >= policy.maxAttempts() || System.nanoTime() - deadline >= 0) {
          throw made == 1
              ? conflict
              : new VersionConflictException(
                  conflict.instanceId(),
                  conflict.expectedVersion(),
                  conflict.actualVersion(),
                  made);
        }
        Duration delay = policy.backoff().delay(made, policy);
        RetryEvent.record(conflict.instanceId(), made, delay.toNanos());
        pause(delay, conflict);
      }
    }
  }

  private static void pause(Duration delay, VersionConflictException conflict) {
    LockSupport.parkNanos(delay.toNanos());
    if (Thread.interrupted()) {
      Thread.currentThread().interrupt();
      InterruptedOperationException interrupted =
          new InterruptedOperationException(
              "interrupted while retrying a write of instance '" + conflict.instanceId() + "'",
              new InterruptedException());
      interrupted.addSuppressed(conflict);
      throw interrupted;
    }
  }
}
