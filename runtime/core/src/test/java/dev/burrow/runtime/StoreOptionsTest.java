package dev.burrow.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.RetryPolicy;
import dev.burrow.StoreOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** The option records refuse what they cannot use, naming the field, and never overflow. */
class StoreOptionsTest {
  private static final Duration COUNTABLE = Duration.ofNanos(Long.MAX_VALUE);

  @Test
  void aLockTimeoutTooLongToCountIsStoredAsTheLongestCountableOne() {
    for (Duration forever :
        List.of(ChronoUnit.FOREVER.getDuration(), Duration.ofSeconds(Long.MAX_VALUE), COUNTABLE)) {
      assertEquals(COUNTABLE, StoreOptions.defaults().withLockTimeout(forever).lockTimeout());
    }
    Duration hour = Duration.ofHours(1);
    assertEquals(hour, StoreOptions.defaults().withLockTimeout(hour).lockTimeout());
  }

  @Test
  void retryDurationsTooLongToCountAreStoredAsTheLongestCountableOnes() {
    Duration forever = ChronoUnit.FOREVER.getDuration();
    RetryPolicy policy = RetryPolicy.defaults().withMaxTotal(forever).withBackoff(forever, forever);
    assertEquals(COUNTABLE, policy.maxTotal());
    assertEquals(COUNTABLE, policy.initialBackoff());
    assertEquals(COUNTABLE, policy.maxBackoff());
  }

  @Test
  void badValuesAreRefusedNamingTheField() {
    assertRefused(
        "StoreOptions.lockTimeout must not be negative",
        () -> StoreOptions.defaults().withLockTimeout(Duration.ofNanos(-1)));
    assertRefused(
        "StoreOptions.lockTimeout must not be null",
        () -> StoreOptions.defaults().withLockTimeout(null));
    assertRefused("StoreOptions.dataRoot", () -> StoreOptions.defaults().withDataRoot(null));
    assertRefused(
        "StoreOptions.dataRoot must not be empty",
        () -> StoreOptions.defaults().withDataRoot(Path.of("")));
    assertRefused(
        "RetryPolicy.maxTotal must not be negative",
        () -> RetryPolicy.defaults().withMaxTotal(Duration.ofSeconds(Long.MIN_VALUE)));
  }

  @Test
  void everyOtherFieldIsCheckedNamingIt() {
    StoreOptions options = StoreOptions.defaults();
    assertRefused("StoreOptions.durability must not be null", () -> options.withDurability(null));
    assertRefused("StoreOptions.clock must not be null", () -> options.withClock(null));
    assertRefused("StoreOptions.retryPolicy must not be null", () -> options.withRetryPolicy(null));
    assertRefused(
        "StoreOptions.corruptionListener must not be null",
        () -> options.withCorruptionListener(null));
    RetryPolicy policy = RetryPolicy.defaults();
    assertRefused("RetryPolicy.maxAttempts must be at least 1", () -> policy.withMaxAttempts(0));
    assertRefused(
        "RetryPolicy.initialBackoff must not be negative",
        () -> policy.withBackoff(Duration.ofMillis(-1), Duration.ofMillis(1)));
    assertRefused(
        "RetryPolicy.maxBackoff must not be null", () -> policy.withBackoff(Duration.ZERO, null));
    assertRefused("RetryPolicy.maxTotal must not be null", () -> policy.withMaxTotal(null));
    assertRefused(
        "RetryPolicy.backoff must not be null",
        () -> policy.withBackoff((RetryPolicy.Backoff) null));
  }

  @Test
  void noDataRootMeansTheEnvironmentOrTheDefaultAndARelativeOneIsKept() {
    assertNull(StoreOptions.defaults().dataRoot());
    assertEquals(Path.of("data"), StoreOptions.defaults().withDataRoot(Path.of("data")).dataRoot());
  }

  private static void assertRefused(String message, Executable making) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, making);
    assertTrue(e.getMessage().startsWith(message), e.getMessage());
  }
}
