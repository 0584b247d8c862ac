package dev.burrow.runtime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.RetryPolicy;
import dev.burrow.VersionConflictException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private static final VersionConflictException CONFLICT = new VersionConflictException("x", 3, 4);

  @Test
  void fullJitterStaysWithinTheDoublingCapAndSpreadsOverIt() {
    RetryPolicy policy =
        RetryPolicy.defaults().withBackoff(Duration.ofMillis(1), Duration.ofMillis(6));
    long[] caps = {1, 2, 4, 6, 6, 6};
    for (int attempt = 1; attempt <= caps.length; attempt++) {
      long cap = Duration.ofMillis(caps[attempt - 1]).toNanos();
      long low = Long.MAX_VALUE;
      long high = 0;
      for (int i = 0; i < 2_000; i++) {
        long delay = RetryPolicy.FULL_JITTER.delay(attempt, policy).toNanos();
        assertTrue(delay >= 0 && delay <= cap, "attempt " + attempt + ": " + delay + " > " + cap);
        low = Math.min(low, delay);
        high = Math.max(high, delay);
      }
      assertTrue(
          low < cap / 4 && high > cap * 3 / 4,
          "attempt " + attempt + ": waits not spread over [0, cap]: " + low + ".." + high);
    }
  }

  @Test
  void fullJitterNeverOverflowsWhateverTheBounds() {
    Duration forever = ChronoUnit.FOREVER.getDuration();
    for (RetryPolicy policy :
        List.of(
            RetryPolicy.defaults().withBackoff(forever, forever),
            RetryPolicy.defaults().withBackoff(Duration.ofNanos(1L << 40), forever),
            RetryPolicy.defaults().withBackoff(Duration.ofDays(365), Duration.ofDays(3650)))) {
      for (int attempt = 1; attempt <= 64; attempt++) {
        Duration delay = RetryPolicy.FULL_JITTER.delay(attempt, policy);
        assertTrue(
            !delay.isNegative() && delay.compareTo(policy.maxBackoff()) <= 0,
            policy + " attempt " + attempt + ": " + delay);
      }
    }
  }

  @Test
  void fullJitterKeepsDoublingUpToTheLargestWaitInsteadOfWrappingToNothing() {
    long initial = 1L << 40;
    RetryPolicy policy =
        RetryPolicy.defaults()
            .withBackoff(Duration.ofNanos(initial), ChronoUnit.FOREVER.getDuration());
    long longest = 0;
    for (int i = 0; i < 20; i++) {
      longest = Math.max(longest, RetryPolicy.FULL_JITTER.delay(31, policy).toNanos());
    }
    assertTrue(longest > initial, "waits of attempt 31 stay within the first one's: " + longest);
  }

  @Test
  void aTotalLimitTooLongToCountNeverEndsTheRetries() {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy policy =
        RetryPolicy.defaults()
            .withMaxAttempts(5)
            .withMaxTotal(ChronoUnit.FOREVER.getDuration())
            .withBackoff((attempt, p) -> Duration.ZERO);
    VersionConflictException e =
        assertThrows(
            VersionConflictException.class,
            () -> Retries.run(policy, conflicting(calls, Integer.MAX_VALUE)));
    assertEquals(5, e.attempts());
    assertEquals(5, calls.get());
  }

  @Test
  void aWaitABackoffReturnsOutOfRangeIsCutNotOverflowed() {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy policy =
        RetryPolicy.defaults().withBackoff((attempt, p) -> Duration.ofSeconds(Long.MIN_VALUE));
    assertEquals("stored", Retries.run(policy, conflicting(calls, 2)));
    assertEquals(3, calls.get());
  }

  @Test
  void exhaustionAfterMaxAttemptsSaysHowManyWereMade() {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy policy =
        RetryPolicy.defaults().withMaxAttempts(4).withBackoff((a, p) -> Duration.ZERO);
    VersionConflictException e =
        assertThrows(
            VersionConflictException.class,
            () -> Retries.run(policy, conflicting(calls, Integer.MAX_VALUE)));
    assertEquals(4, calls.get());
    assertEquals(4, e.attempts());
    assertEquals("x", e.instanceId());
    assertEquals(3, e.expectedVersion());
    assertEquals(4, e.actualVersion());
    assertTrue(e.getMessage().contains("gave up after 4 attempts"), e.getMessage());
  }

  @Test
  void noneThrowsTheFirstConflictItself() {
    assertSame(
        CONFLICT,
        assertThrows(
            VersionConflictException.class,
            () ->
                Retries.run(
                    RetryPolicy.none(),
                    () -> {
                      throw CONFLICT;
                    })));
  }

  @Test
  void theTotalTimeLimitStopsRetryingBeforeTheAttemptLimit() {
    AtomicInteger calls = new AtomicInteger();
    RetryPolicy policy =
        RetryPolicy.defaults()
            .withMaxAttempts(Integer.MAX_VALUE)
            .withMaxTotal(Duration.ofMillis(30))
            .withBackoff((attempt, p) -> Duration.ofMillis(5));
    long start = System.nanoTime();
    VersionConflictException e =
        assertThrows(
            VersionConflictException.class,
            () -> Retries.run(policy, conflicting(calls, Integer.MAX_VALUE)));
    assertTrue(System.nanoTime() - start >= Duration.ofMillis(30).toNanos());
    assertEquals(calls.get(), e.attempts());
    assertTrue(e.attempts() >= 2, "retried at least once: " + e.attempts());
  }

  @Test
  void aCustomBackoffIsAskedBeforeEveryRetryWithTheAttemptsMadeAndThePolicy() {
    List<Integer> asked = new ArrayList<>();
    RetryPolicy[] seen = new RetryPolicy[1];
    RetryPolicy policy =
        RetryPolicy.defaults()
            .withBackoff(
                (attempt, p) -> {
                  asked.add(attempt);
                  seen[0] = p;
                  return Duration.ZERO;
                });
    AtomicInteger calls = new AtomicInteger();
    String result = Retries.run(policy, conflicting(calls, 3));
    assertEquals("stored", result);
    assertEquals(List.of(1, 2, 3), asked);
    assertSame(policy, seen[0]);
  }

  @Test
  void otherExceptionsAreNeverRetried() {
    AtomicInteger calls = new AtomicInteger();
    assertThrows(
        IllegalStateException.class,
        () ->
            Retries.run(
                RetryPolicy.defaults(),
                () -> {
                  calls.incrementAndGet();
                  throw new IllegalStateException("not a conflict");
                }));
    assertEquals(1, calls.get());
  }

  @Test
  void badBoundsAreRejectedWithTheirName() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> RetryPolicy.defaults().withMaxAttempts(0));
    assertTrue(e.getMessage().contains("maxAttempts"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> RetryPolicy.defaults().withMaxTotal(Duration.ofMillis(-1)));
    assertTrue(e.getMessage().contains("maxTotal"), e.getMessage());
  }

  /** An attempt that loses its first {@code conflicts} races, counting every call, then stores. */
  private static Supplier<String> conflicting(AtomicInteger calls, int conflicts) {
    return () -> {
      if (calls.incrementAndGet() <= conflicts) {
        throw CONFLICT;
      }
      return "stored";
    };
  }
}
