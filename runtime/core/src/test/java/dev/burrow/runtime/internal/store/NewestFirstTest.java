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
  void mixedIdsHaveOneTotalOrderAllDigitIdsByNumberFirst() {
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
  void theIdDecidesNotTheCreatedAt() {
    Counter created = new Counter("999", 1, SAME, SAME, "X", 0, Map.of());
    Counter createdLater = new Counter("a", 1, SAME.plusNanos(1), SAME, "X", 0, Map.of());
    List<Counter> list = new ArrayList<>(List.of(createdLater, created));
    list.sort(NewestFirst.of(CounterSchema.INSTANCE));
    assertEquals(List.of(created, createdLater), list);
  }

  @Test
  void timeOrderedIdsListNewestFirst() {
    List<String> snowflakes = List.of("298765432109876543", "298765432109876542", "98765432109");
    List<String> uuids =
        List.of("019a3c1e-8f00-7000-8000-000000000002", "019a3c1e-8f00-7000-8000-000000000001");
    assertEquals(
        snowflakes, snowflakes.stream().sorted(NewestFirst.IDS).toList(), "Snowflake by number");
    assertEquals(uuids, uuids.stream().sorted(NewestFirst.IDS).toList(), "UUIDv7 by text");
  }

  private static Counter counter(String id) {
    return new Counter(id, 1, SAME, SAME, "X", 0, Map.of());
  }
}
