package dev.burrow.samples.taskrunner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class InspectorTest {
  /**
   * {@code rm --older-than} says the age it was given in words, not as ISO-8601 ({@code PT720H}).
   */
  @Test
  void anAgeIsSaidInWords() {
    assertEquals("30 days", Inspector.inWords(Duration.ofDays(30)));
    assertEquals("1 day 12 hours", Inspector.inWords(Duration.ofHours(36)));
    assertEquals("2 hours 1 minute 1 second", Inspector.inWords(Duration.ofSeconds(7261)));
    assertEquals("1.5 seconds", Inspector.inWords(Duration.ofMillis(1500)));
    assertEquals("0 seconds", Inspector.inWords(Duration.ZERO));
  }
}
