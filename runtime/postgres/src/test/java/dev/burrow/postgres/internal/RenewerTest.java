package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The lease renewer's rounds. */
class RenewerTest {

  /**
   * A round that fails with an {@link Error} (here as an unexpected failure in the round's code
   * would) is a failed round like any other: the next round still comes. Before, only a {@code
   * RuntimeException} was caught, so an {@code Error} ended the scheduled rounds for good, with
   * nothing logged, and every lease held by the backend expired while its holders believed they
   * held it.
   */
  @Test
  void aRoundFailingWithAnErrorDoesNotEndTheRenewals() throws Exception {
    AtomicInteger rounds = new AtomicInteger();
    CountDownLatch next = new CountDownLatch(1);
    try (Renewer renewer =
        new Renewer(
            "test-renewer",
            Duration.ofMillis(300),
            () -> {
              if (rounds.incrementAndGet() == 1) {
                throw new StackOverflowError();
              }
              next.countDown();
            })) {
      assertTrue(next.await(1, TimeUnit.MINUTES), "a round came after the one that failed");
    }
  }
}
