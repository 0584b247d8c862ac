package dev.burrow;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When and how long to retry a write that lost a race ({@link VersionConflictException}). The wait
 * before retry {@code n} is drawn uniformly from {@code [0, min(maxBackoff, initialBackoff *
 * 2^(n-1))]} ("full jitter"), so contending writers spread out instead of colliding again in
 * lockstep. Retrying stops after {@code maxAttempts} attempts or once {@code maxTotal} has passed,
 * whichever comes first; the caller then gets a {@link VersionConflictException} that says how many
 * attempts were made.
 *
 * <p>The policy is an immutable value; implement {@link Backoff} to plug in another wait.
 *
 * <p>Durations are counted in nanoseconds: one longer than {@code 2^63 - 1} ns (about 292 years,
 * such as {@code ChronoUnit.FOREVER.getDuration()}) is stored as that much, which is no limit. A
 * wait a {@link Backoff} returns beyond it is cut to it, and a negative one is no wait.
 *
 * @param maxAttempts attempts in all, at least 1
 * @param initialBackoff the cap of the first wait
 * @param maxBackoff the largest wait
 * @param maxTotal the time after which no further attempt starts
 * @param backoff computes each wait
 */
public record RetryPolicy(
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxTotal,
    Backoff backoff) {

  /** Computes the wait before a retry. */
  @FunctionalInterface
  public interface Backoff {
    /**
     * The wait before attempt {@code attempt + 1}.
     *
     * @param attempt the number of attempts made so far, from 1
     * @param policy the policy asking, for its bounds
     */
    Duration delay(int attempt, RetryPolicy policy);
  }

  /** Full jitter: uniform in {@code [0, min(maxBackoff, initialBackoff * 2^(attempt-1))]}. */
  public static final Backoff FULL_JITTER =
      (attempt, policy) -> {
        long initial = policy.initialBackoff().toNanos();
        int doublings = Math.max(0, Math.min(attempt - 1, 30));
        long cap = initial > Long.MAX_VALUE >> doublings ? Long.MAX_VALUE : initial << doublings;
        long bound = Math.min(policy.maxBackoff().toNanos(), cap);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return Duration.ofNanos(
            bound == Long.MAX_VALUE ? random.nextLong(bound) : random.nextLong(bound + 1));
      };

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException naming the field whose value is refused
   */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException(
          "RetryPolicy.maxAttempts must be at least 1, is " + maxAttempts);
    }
    initialBackoff = Require.limit(initialBackoff, "RetryPolicy.initialBackoff");
    maxBackoff = Require.limit(maxBackoff, "RetryPolicy.maxBackoff");
    maxTotal = Require.limit(maxTotal, "RetryPolicy.maxTotal");
    Require.nonNull(backoff, "RetryPolicy.backoff");
  }

  /** 10 attempts, waits from 1 ms up to 100 ms, 10 s in all, full jitter. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        10, Duration.ofMillis(1), Duration.ofMillis(100), Duration.ofSeconds(10), FULL_JITTER);
  }

  /** A single attempt: the first conflict is thrown to the caller. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, FULL_JITTER);
  }

  /** This policy with another attempt limit. */
  public RetryPolicy withMaxAttempts(int attempts) {
    return new RetryPolicy(attempts, initialBackoff, maxBackoff, maxTotal, backoff);
  }

  /** This policy with other wait bounds. */
  public RetryPolicy withBackoff(Duration initial, Duration max) {
    return new RetryPolicy(maxAttempts, initial, max, maxTotal, backoff);
  }

  /** This policy with another total time limit. */
  public RetryPolicy withMaxTotal(Duration total) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, total, backoff);
  }

  /** This policy with another way to compute waits. */
  public RetryPolicy withBackoff(Backoff strategy) {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, maxTotal, strategy);
  }
}
