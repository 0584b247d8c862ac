package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.UnknownFields;
import dev.burrow.runtime.codec.BurrowJson;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class RoundTripTest {
  private static final UUID KEY = UUID.fromString("00000000-0000-7000-8000-000000000001");

  /**
   * A value whose every component differs from its default, with awkward values where they exist.
   */
  static AllTypes sample() {
    Map<Status, List<Long>> idsByStatus = new LinkedHashMap<>();
    idsByStatus.put(Status.DONE, new ArrayList<>(List.of(Long.MAX_VALUE, Long.MIN_VALUE)));
    Map<UUID, Resources> resourcesById = new LinkedHashMap<>();
    resourcesById.put(KEY, new Resources(2, 1L << 40, List.of("gpu")));
    Map<String, Integer> counts = new LinkedHashMap<>();
    counts.put("z-first", 1);
    counts.put("a-second", Integer.MIN_VALUE);
    return new AllTypes(
        "all-1",
        7,
        "tab\t \"quoted\" ünïcode ✓ \u0001",
        false,
        Byte.MIN_VALUE,
        Short.MAX_VALUE,
        Integer.MIN_VALUE,
        Long.MAX_VALUE,
        Float.MIN_VALUE,
        Double.NEGATIVE_INFINITY,
        '\u00e9',
        Boolean.FALSE,
        Integer.MAX_VALUE,
        Long.MIN_VALUE,
        -0.1,
        new BigInteger("-987654321098765432109876543210"),
        new BigDecimal("12345678901234567890.000000001"),
        Instant.ofEpochSecond(1_700_000_000L, 123_456_789),
        Duration.ofMillis(1500),
        LocalDate.of(1999, 12, 31),
        LocalDateTime.of(2000, 2, 29, 23, 59, 59, 1),
        LocalTime.MIDNIGHT,
        OffsetDateTime.of(2024, 6, 1, 12, 0, 0, 0, ZoneOffset.ofHours(-7)),
        KEY,
        URI.create("file:///tmp/a%20b"),
        Path.of("a", "b c"),
        Status.DONE,
        new ArrayList<>(List.of("b", "a", "b")),
        new LinkedHashSet<>(List.of(Status.DONE, Status.PENDING)),
        counts,
        idsByStatus,
        resourcesById,
        new ArrayList<>(List.of(new Resources(1, 2, List.of()))),
        new Resources(4, 8, List.of("x", "y")),
        "note",
        null,
        Status.PENDING,
        -1,
        "not empty",
        Duration.ofDays(2));
  }

  @Test
  void everySupportedTypeSurvivesEncodeAndDecode() {
    AllTypes value = sample();
    byte[] json = AllTypesSchema.INSTANCE.codec().encode(value);
    AllTypes read = AllTypesSchema.INSTANCE.codec().decode(json);
    assertEquals(value, read);
    assertEquals(
        List.of("z-first", "a-second"), List.copyOf(read.counts().keySet()), "map order is kept");
    assertEquals(
        List.of(Status.DONE, Status.PENDING), List.copyOf(read.statuses()), "set order is kept");
  }

  @Test
  void decodedCollectionsAreMutableAndOwnedByTheValue() {
    AllTypes read =
        AllTypesSchema.INSTANCE.codec().decode(AllTypesSchema.INSTANCE.codec().encode(sample()));
    read.names().add("more");
    read.counts().put("more", 1);
    assertTrue(read.names().contains("more"));
  }

  @Test
  void documentIsFlatReadableJsonWithLongsAsStringsAndVersionAsNumber() {
    byte[] json = AllTypesSchema.INSTANCE.codec().encode(sample());
    String text = new String(json, StandardCharsets.UTF_8);
    assertTrue(text.endsWith("}\n"), text);
    assertTrue(text.contains("ünïcode ✓"), "UTF-8 as is, not escaped: " + text);
    JsonNode tree = BurrowJson.mapper(UnknownFields.IGNORE).readTree(json);
    assertTrue(tree.get("version").isNumber());
    assertEquals(7, tree.get("version").asLong());
    assertEquals("9223372036854775807", tree.get("big").asString());
    assertEquals("-9223372036854775808", tree.get("boxedBig").asString());
    assertEquals("9223372036854775807", tree.get("idsByStatus").get("DONE").get(0).asString());
    assertEquals("-987654321098765432109876543210", tree.get("huge").asString());
    assertEquals("12345678901234567890.000000001", tree.get("money").asString());
    assertEquals("-Infinity", tree.get("precise").asString());
    assertTrue(tree.get("number").isInt());
    assertEquals("2023-11-14T22:13:20.123456789Z", tree.get("when").asString());
    assertEquals("PT1.5S", tree.get("timeout").asString());
    assertEquals("DONE", tree.get("status").asString());
    assertEquals(4, tree.get("resources").get("cpus").asInt());
    assertTrue(tree.get("noteWithDefault").isNull());
  }

  @Test
  void longsWrittenAsNumbersByOtherToolsAreReadToo() {
    String json =
        "{\"id\":\"a\",\"version\":\"2\",\"big\":9007199254740993,\"boxedBig\":\"-5\",\"huge\":12}";
    AllTypes read = AllTypesSchema.INSTANCE.codec().decode(json.getBytes(StandardCharsets.UTF_8));
    assertEquals(2, read.version());
    assertEquals(9007199254740993L, read.big());
    assertEquals(-5L, read.boxedBig());
    assertEquals(BigInteger.valueOf(12), read.huge());
  }

  @Test
  void kotlinStyleClassRoundTrips() {
    KotlinSession value =
        new KotlinSession("s-1", 3, Status.DONE, List.of("a"), true, null, Map.of("k", 2));
    byte[] json = KotlinSessionSchema.INSTANCE.codec().encode(value);
    assertEquals(value, KotlinSessionSchema.INSTANCE.codec().decode(json));
    assertTrue(new String(json, StandardCharsets.UTF_8).contains("\"isPinned\" : true"));
  }

  @Test
  void setsReadBackAsSets() {
    Set<Status> statuses =
        AllTypesSchema.INSTANCE
            .codec()
            .decode(AllTypesSchema.INSTANCE.codec().encode(sample()))
            .statuses();
    assertEquals(LinkedHashSet.class, statuses.getClass());
  }
}
