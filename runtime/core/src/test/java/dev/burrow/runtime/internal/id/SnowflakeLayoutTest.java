package dev.burrow.runtime.internal.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.InvalidIdException;
import dev.burrow.SnowflakeId;
import dev.burrow.SnowflakeLayout;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SnowflakeLayoutTest {
  private static final long NOW = Instant.parse("2025-06-01T12:00:00Z").toEpochMilli();

  @Test
  void defaultsAre41BitMillisTenBitWorkerTwelveBitSequenceFrom2024() {
    SnowflakeLayout layout = SnowflakeLayout.defaults();
    assertEquals(41, layout.timestampBits());
    assertEquals(10, layout.workerBits());
    assertEquals(12, layout.sequenceBits());
    assertEquals(Instant.parse("2024-01-01T00:00:00Z"), layout.epoch());
    assertEquals(1024, layout.workerCount());
    assertEquals(4096, layout.sequencesPerMillisecond());
    assertEquals(
        Instant.parse("2093-09-06T15:47:35.551Z"), Instant.ofEpochMilli(layout.lastMillis()));
  }

  @Test
  void composeAndParseRoundTripAcrossTheWholeRange() {
    SnowflakeLayout layout = SnowflakeLayout.defaults();
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 10_000; i++) {
      long millis = random.nextLong(layout.epochMillis(), layout.lastMillis() + 1);
      int worker = random.nextInt(layout.workerCount());
      int sequence = random.nextInt(layout.sequencesPerMillisecond());
      long id = layout.compose(millis, worker, sequence);
      assertTrue(id >= 0);
      assertEquals(new SnowflakeId(id, millis, worker, sequence), layout.parse(id));
      assertEquals(layout.parse(id), layout.parse(Long.toString(id)));
    }
    long max = layout.compose(layout.lastMillis(), 1023, 4095);
    assertEquals(Long.MAX_VALUE, max);
    assertEquals(new SnowflakeId(0, layout.epochMillis(), 0, 0), layout.parse(0));
  }

  @Test
  void customLayoutPlacesEachFieldWhereItsBitsSay() {
    SnowflakeLayout layout =
        SnowflakeLayout.of(43, 4, 16, Instant.EPOCH.plusSeconds(1), Instant.ofEpochMilli(NOW));
    long id = layout.compose(1_000 + 5, 3, 7);
    assertEquals((5L << 20) | (3L << 16) | 7, id);
    SnowflakeId parsed = layout.parse(id);
    assertEquals(Instant.ofEpochMilli(1_005), parsed.timestamp());
    assertEquals(3, parsed.worker());
    assertEquals(7, parsed.sequence());
    assertEquals(Long.toString(id), parsed.toString());
  }

  @Test
  void stringFormIsCanonicalDecimalOnly() {
    SnowflakeLayout layout = SnowflakeLayout.defaults();
    for (String bad :
        new String[] {
          "", "abc", "-1", "+5", "007", " 5", "5 ", "1e5", "9223372036854775808", "12\u0000"
        }) {
      InvalidIdException e = assertThrows(InvalidIdException.class, () -> layout.parse(bad), bad);
      assertTrue(e.getMessage().contains("Snowflake"), e.getMessage());
      assertTrue(!e.getMessage().contains("\u0000"), "control characters are escaped");
    }
    assertThrows(InvalidIdException.class, () -> layout.parse(-5L));
  }

  @Test
  void composeRejectsPartsThatDoNotFit() {
    SnowflakeLayout layout = SnowflakeLayout.defaults();
    long now = layout.epochMillis() + 1;
    assertThrows(IllegalArgumentException.class, () -> layout.compose(now, 1024, 0));
    assertThrows(IllegalArgumentException.class, () -> layout.compose(now, -1, 0));
    assertThrows(IllegalArgumentException.class, () -> layout.compose(now, 0, 4096));
    assertThrows(
        IllegalArgumentException.class, () -> layout.compose(layout.epochMillis() - 1, 0, 0));
    assertThrows(
        IllegalArgumentException.class, () -> layout.compose(layout.lastMillis() + 1, 0, 0));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "41,10,11",
        "41,10,13",
        "0,31,32",
        "62,1,0",
        "62,0,1",
        "1,31,31",
        "31,32,0",
        "50,-1,14"
      })
  void bitWidthsMustAddUpTo63WithEachFieldInRange(String widths) {
    String[] parts = widths.split(",");
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SnowflakeLayout.of(
                    Integer.parseInt(parts[0]),
                    Integer.parseInt(parts[1]),
                    Integer.parseInt(parts[2]),
                    SnowflakeLayout.DEFAULT_EPOCH,
                    Instant.ofEpochMilli(NOW)));
    assertTrue(e.getMessage().contains("Bits") || e.getMessage().contains("bits"), e.getMessage());
  }

  @Test
  void epochMustNotBeInTheFutureOrBefore1970() {
    IllegalArgumentException future =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SnowflakeLayout.of(
                    41, 10, 12, Instant.ofEpochMilli(NOW + 1), Instant.ofEpochMilli(NOW)));
    assertTrue(future.getMessage().contains("in the future"), future.getMessage());
    IllegalArgumentException early =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SnowflakeLayout.of(
                    41, 10, 12, Instant.EPOCH.minusMillis(1), Instant.ofEpochMilli(NOW)));
    assertTrue(early.getMessage().contains("before 1970"), early.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> SnowflakeLayout.of(41, 10, 12, Instant.now().plus(Duration.ofDays(1))));
  }

  @Test
  void instantsBeyondTheMillisecondsALongHoldsAreRefusedAsOutOfRange() {
    IllegalArgumentException future =
        assertThrows(
            IllegalArgumentException.class,
            () -> SnowflakeLayout.of(41, 10, 12, Instant.MAX, Instant.ofEpochMilli(NOW)));
    assertTrue(future.getMessage().contains("in the future"), future.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SnowflakeLayout.of(41, 10, 12, Instant.MAX));
    IllegalArgumentException ranOut =
        assertThrows(
            IllegalArgumentException.class,
            () -> SnowflakeLayout.of(41, 10, 12, Instant.EPOCH, Instant.MAX));
    assertTrue(ranOut.getMessage().contains("ran out"), ranOut.getMessage());
    IllegalArgumentException early =
        assertThrows(
            IllegalArgumentException.class,
            () -> SnowflakeLayout.of(41, 10, 12, Instant.EPOCH, Instant.MIN));
    assertTrue(early.getMessage().contains("in the future"), early.getMessage());
  }

  @Test
  void aTimestampFieldThatHasAlreadyRunOutIsRejected() {
    Instant epoch = Instant.ofEpochMilli(NOW).minus(Duration.ofDays(30));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                SnowflakeLayout.of(
                    31, 10, 22, epoch, Instant.ofEpochMilli(NOW))); // 2^31 ms is about 24.9 days
    assertTrue(e.getMessage().contains("ran out"), e.getMessage());
    assertEquals(
        31,
        SnowflakeLayout.of(31, 10, 22, epoch.plus(Duration.ofDays(10)), Instant.ofEpochMilli(NOW))
            .timestampBits());
  }
}
