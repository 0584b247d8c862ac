package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The back-off of the one-statement update of a row others keep writing: after the n-th miss in a
 * row, 2^n - 1 locked updates keep nothing (n at most 6); a write forgets the count.
 */
class MissedUpdatesTest {

  @Test
  void afterEachMissInARowTwiceAsManyLockedUpdatesKeepNothingUpTo63() {
    MissedUpdates missed = new MissedUpdates();
    assertTrue(missed.mayKeep("row"), "no miss yet");
    for (int misses = 1; misses <= 8; misses++) {
      missed.missed("row");
      assertEquals(
          (1 << Math.min(misses, 6)) - 1,
          lockedUpdatesKeepingNothing(missed, "row"),
          "miss " + misses);
    }
  }

  @Test
  void aWriteForgetsTheMissesAndOtherRowsAreNotCounted() {
    MissedUpdates missed = new MissedUpdates();
    missed.missed("row");
    missed.missed("row");
    missed.wrote("row");
    assertTrue(missed.mayKeep("row"));
    missed.missed("row");
    assertEquals(1, lockedUpdatesKeepingNothing(missed, "row"), "counted from one again");
    missed.missed("other");
    assertTrue(missed.mayKeep("row"));
  }

  @Test
  void pastItsLimitEveryCountIsForgotten() {
    MissedUpdates missed = new MissedUpdates();
    for (int i = 0; i < MissedUpdates.MAX_TRACKED; i++) {
      missed.missed("row-" + i);
    }
    missed.missed("one-more");
    assertTrue(missed.mayKeep("row-0"), "forgotten");
    assertEquals(1, lockedUpdatesKeepingNothing(missed, "one-more"));
  }

  /** Locked updates of {@code id} that keep nothing before one may keep what it wrote. */
  private static int lockedUpdatesKeepingNothing(MissedUpdates missed, String id) {
    int count = 0;
    while (!missed.mayKeep(id)) {
      count++;
    }
    return count;
  }
}
