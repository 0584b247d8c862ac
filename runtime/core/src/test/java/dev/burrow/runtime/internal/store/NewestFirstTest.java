package dev.burrow.runtime.internal.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NewestFirstTest {
  private static final Instant SAME = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void mixedIdsCreatedAtOnceHaveOneTotalOrder() {
    List<String> expected = List.of("100", "10", "9", "2", "z", "b-2", "a", "2-x", "10-x");
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      List<Counter> shuffled =
          new ArrayList<>(expected.stream().map(NewestFirstTest::counter).toList());
      Collections.shuffle(shuffled, random);
      shuffled.sort(NewestFirst.of(CounterSchema.INSTANCE));
      assertEquals(expected, shuffled.stream().map(Counter::id).toList());
    }
  }

  @Test
  void newerCreatedAtComesFirstWhateverTheId() {
    Counter older = new Counter("999", 1, SAME, SAME, "X", 0, Map.of());
    Counter newer = new Counter("a", 1, SAME.plusNanos(1), SAME, "X", 0, Map.of());
    List<Counter> list = new ArrayList<>(List.of(older, newer));
    list.sort(NewestFirst.of(CounterSchema.INSTANCE));
    assertEquals(List.of(newer, older), list);
  }

  private static Counter counter(String id) {
    return new Counter(id, 1, SAME, SAME, "X", 0, Map.of());
  }
}
