package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FreshDefaultsTest {

  @Test
  void everyDefaultLiteralIsParsedIntoItsType() {
    AllTypes fresh = AllTypesSchema.INSTANCE.fresh("a");
    assertEquals("a", fresh.id());
    assertEquals(0L, fresh.version());
    assertEquals("hello", fresh.text());
    assertTrue(fresh.flag());
    assertEquals((byte) -7, fresh.smallest());
    assertEquals((short) 300, fresh.small());
    assertEquals(42, fresh.number());
    assertEquals(9007199254740993L, fresh.big());
    assertEquals(1.5f, fresh.ratio());
    assertEquals(2.25d, fresh.precise());
    assertEquals('x', fresh.letter());
    assertEquals(Boolean.TRUE, fresh.boxedFlag());
    assertEquals(43, fresh.boxedNumber());
    assertEquals(44L, fresh.boxedBig());
    assertTrue(fresh.boxedPrecise().isNaN());
    assertEquals(new BigInteger("123456789012345678901234567890"), fresh.huge());
    assertEquals(new BigDecimal("1.50"), fresh.money());
    assertEquals(Instant.parse("2024-01-01T00:00:00Z"), fresh.when());
    assertEquals(Duration.ofSeconds(30), fresh.timeout());
    assertEquals(LocalDate.of(2024, 1, 31), fresh.day());
    assertEquals(LocalDateTime.of(2024, 1, 31, 10, 15, 30), fresh.local());
    assertEquals(LocalTime.of(10, 15, 30), fresh.clock());
    assertEquals(OffsetDateTime.parse("2024-01-31T10:15:30+01:00"), fresh.offset());
    assertEquals(UUID.fromString("123e4567-e89b-12d3-a456-426614174000"), fresh.uuid());
    assertEquals(URI.create("https://example.com/a?b=c"), fresh.link());
    assertEquals(Path.of("work/out"), fresh.path());
    assertEquals(Status.RUNNING, fresh.status());
    assertEquals("fallback", fresh.noteWithDefault());
  }

  @Test
  void componentsWithoutDefaultGetNaturalValuesOrNull() {
    AllTypes fresh = AllTypesSchema.INSTANCE.fresh("a");
    assertTrue(fresh.names().isEmpty());
    assertTrue(fresh.statuses().isEmpty());
    assertTrue(fresh.counts().isEmpty());
    assertEquals(0, fresh.zero());
    assertEquals("", fresh.empty());
    assertEquals(Duration.ZERO, fresh.noWait());
    assertNull(fresh.resources());
    assertNull(fresh.note());
    assertNull(fresh.maybeStatus());
  }

  @Test
  void managedTimestampsStartAtTheEpoch() {
    TaskRun fresh = TaskRunSchema.INSTANCE.fresh("run-1");
    assertEquals(Instant.EPOCH, fresh.createdAt());
    assertEquals(Instant.EPOCH, fresh.updatedAt());
    assertEquals(Status.PENDING, fresh.status());
  }

  @Test
  void freshValuesShareNoMutableObject() {
    AllTypes first = AllTypesSchema.INSTANCE.fresh("a");
    AllTypes second = AllTypesSchema.INSTANCE.fresh("b");
    assertNotSame(first.names(), second.names());
    assertNotSame(first.statuses(), second.statuses());
    assertNotSame(first.counts(), second.counts());
    assertNotSame(first.history(), second.history());

    first.names().add("only-in-first");
    first.counts().put("k", 1);
    first.statuses().add(Status.DONE);
    assertTrue(second.names().isEmpty());
    assertTrue(second.counts().isEmpty());
    assertTrue(second.statuses().isEmpty());
    assertTrue(AllTypesSchema.INSTANCE.fresh("c").names().isEmpty());
  }

  @Test
  void kotlinStyleClassGetsDefaultsToo() {
    KotlinSession fresh = KotlinSessionSchema.INSTANCE.fresh("s");
    assertEquals(Status.PENDING, fresh.getState());
    assertTrue(fresh.getTags().isEmpty());
    assertNull(fresh.getTopic());
    assertNotSame(fresh.getTags(), KotlinSessionSchema.INSTANCE.fresh("t").getTags());
  }
}
