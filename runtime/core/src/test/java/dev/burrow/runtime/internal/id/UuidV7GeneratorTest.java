package dev.burrow.runtime.internal.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.InvalidIdException;
import dev.burrow.runtime.internal.id.UuidV7Generator.Randomness;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class UuidV7GeneratorTest {
  private static final long START = Instant.parse("2025-06-01T12:00:00Z").toEpochMilli();

  private final ManualClock clock = new ManualClock(START);

  @ParameterizedTest
  @EnumSource(Randomness.class)
  void versionVariantAndTimestampAreThoseOfRfc9562(Randomness randomness) {
    UuidV7Generator generator = UuidV7Generator.create(randomness, clock);
    for (int i = 0; i < 1_000; i++) {
      clock.advanceNanos(310_000);
      UUID uuid = generator.next();
      assertEquals(7, uuid.version());
      assertEquals(2, uuid.variant());
      assertEquals(
          Instant.ofEpochMilli(clock.currentTimeMillis()), UuidV7Generator.timestamp(uuid));
      String text = uuid.toString();
      assertEquals('7', text.charAt(14));
      assertTrue("89ab".indexOf(text.charAt(19)) >= 0, text);
      assertEquals(UuidV7Generator.timestamp(uuid), UuidV7Generator.timestamp(text));
    }
  }

  @ParameterizedTest
  @EnumSource(Randomness.class)
  void manyUuidsInOneMillisecondAreStrictlyIncreasingAsUuidsAndAsStrings(Randomness randomness) {
    UuidV7Generator generator = UuidV7Generator.create(randomness, clock);
    UUID previous = generator.next();
    for (int i = 0; i < 200_000; i++) {
      UUID uuid = generator.next();
      assertTrue(uuid.compareTo(previous) > 0, previous + " then " + uuid);
      assertTrue(uuid.toString().compareTo(previous.toString()) > 0);
      previous = uuid;
    }
    assertEquals(Instant.ofEpochMilli(START), UuidV7Generator.timestamp(previous));
  }

  @Test
  void randomBitsDifferBetweenUuids() {
    UuidV7Generator generator = UuidV7Generator.create(Randomness.SECURE, clock);
    Set<Long> randomParts = new HashSet<>();
    for (int i = 0; i < 5_000; i++) {
      randomParts.add(generator.next().getLeastSignificantBits() & ((1L << 52) - 1));
    }
    assertEquals(5_000, randomParts.size());
    assertNotEquals(UuidV7Generator.create().next(), UuidV7Generator.create().next());
  }

  @Test
  void wallClockSteppedBackDoesNotReorderUuids() {
    UuidV7Generator generator = UuidV7Generator.create(Randomness.FAST, clock);
    UUID before = generator.next();
    clock.stepWallMillis(-10_000);
    clock.advanceMillis(1_500);
    UUID after = generator.next();
    assertTrue(after.compareTo(before) > 0);
    assertEquals(Instant.ofEpochMilli(START + 1_500), UuidV7Generator.timestamp(after));
  }

  @Test
  void counterRolloverBorrowsTheNextMillisecond() {
    UuidV7Generator generator = UuidV7Generator.create(Randomness.FAST, clock);
    UUID previous = generator.next();
    int borrowed = 0;
    for (int i = 0; i < (1 << 22) && borrowed == 0; i++) { // the counter starts below 2^12
      UUID uuid = generator.next();
      assertTrue(uuid.compareTo(previous) > 0);
      if (!UuidV7Generator.timestamp(uuid).equals(Instant.ofEpochMilli(START))) {
        assertEquals(Instant.ofEpochMilli(START + 1), UuidV7Generator.timestamp(uuid));
        borrowed++;
      }
      previous = uuid;
    }
    assertEquals(1, borrowed);
  }

  @Test
  void timestampRejectsOtherVersionsAndNonCanonicalText() {
    assertThrows(InvalidIdException.class, () -> UuidV7Generator.timestamp(UUID.randomUUID()));
    for (String bad :
        new String[] {
          "",
          "not-a-uuid",
          "1-1-1-1-1",
          "0190a1b2-c3d4-4e5f-8a6b-7c8d9e0f1a2b",
          "0190a1b2c3d47e5f8a6b7c8d9e0f1a2b"
        }) {
      InvalidIdException e =
          assertThrows(InvalidIdException.class, () -> UuidV7Generator.timestamp(bad), bad);
      assertTrue(e.getMessage().contains("UUID"), e.getMessage());
    }
    assertEquals(
        Instant.ofEpochMilli(0x0190a1b2c3d4L),
        UuidV7Generator.timestamp("0190A1B2-C3D4-7E5F-8A6B-7C8D9E0F1A2B"));
  }
}
