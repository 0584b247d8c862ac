package dev.burrow.runtime.internal.store;

import dev.burrow.InterruptedOperationException;
import dev.burrow.MisuseException;
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
   * Runs {@code attempt} until it returns without a {@link VersionConflictException}. The policy's
   * durations are at most {@link Waits#FOREVER} (its record cuts them), so its deadline is counted
   * without overflow; a wait its backoff returns is cut the same way.
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
        long delay = Waits.nanos(backoff(policy, made, conflict));
        RetryEvent.record(conflict.instanceId(), made, delay);
        pause(delay, conflict);
      }
    }
  }

  /**
   * The policy's wait before attempt {@code made} + 1.
   *
   * @throws MisuseException if its backoff returned null, with {@code conflict} suppressed
   */
  private static Duration backoff(RetryPolicy policy, int made, VersionConflictException conflict) {
    Duration wait = policy.backoff().delay(made, policy);
    if (wait == null) {
      MisuseException misuse =
          new MisuseException(
              "the retry policy's backoff returned null after attempt "
                  + made
                  + " of instance '"
                  + conflict.instanceId()
                  + "'; return Duration.ZERO not to wait");
      misuse.addSuppressed(conflict);
      throw misuse;
    }
    return wait;
  }

  private static void pause(long delayNanos, VersionConflictException conflict) {
    LockSupport.parkNanos(delayNanos);
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
