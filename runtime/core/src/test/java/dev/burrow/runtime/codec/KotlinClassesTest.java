package dev.burrow.runtime.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.MisuseException;
import dev.burrow.UnknownFields;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/**
 * Without Jackson 3's Kotlin module (not on this module's test class path), a Kotlin class is never
 * written, because it could not be read back; Kotlin records and enums, and Java classes, are. The
 * Kotlin classes here are Java classes carrying {@code @kotlin.Metadata}, which is what makes a
 * class Kotlin to the runtime.
 */
class KotlinClassesTest {

  @kotlin.Metadata
  public static final class Point {
    public int x;
  }

  @kotlin.Metadata
  public record Pair(int left, int right) {}

  @kotlin.Metadata
  public enum Side {
    LEFT
  }

  public static final class JavaPoint {
    public int x;
  }

  /**
   * A Kotlin record holding a Kotlin class, as {@code @JvmRecord data class Carrier(val p: Point)}.
   */
  @kotlin.Metadata
  public record Carrier(Point point) {}

  /** A Java class holding a list of records that hold a Kotlin class: two levels further down. */
  public static final class Convoy {
    public List<Carrier> carriers = List.of();
  }

  @Test
  void aStoreHoldingAKotlinClassRefusesToOpenNamingTheDependency() {
    MisuseException e =
        assertThrows(
            MisuseException.class, () -> BurrowJson.requireReadable(JavaPoint.class, Point.class));
    assertEquals(
        Point.class.getName()
            + " is a Kotlin class, which Jackson reads back only with Jackson 3's Kotlin module;"
            + " add the dependency tools.jackson.module:jackson-module-kotlin (its version is in"
            + " Jackson's BOM)",
        e.getMessage());
  }

  @Test
  void kotlinRecordsEnumsAndJavaClassesNeedNoModule() {
    assertDoesNotThrow(
        () -> BurrowJson.requireReadable(Pair.class, Side.class, JavaPoint.class, String.class));
  }

  @Test
  void aKotlinClassIsNeitherWrittenNorRead() {
    ValueCodec<Point> codec = ValueCodecs.databind(Point.class, UnknownFields.IGNORE);
    DocumentWriter writer = new DocumentWriter();
    MisuseException e =
        assertThrows(MisuseException.class, () -> writer.field("point", codec, new Point()));
    assertTrue(e.getMessage().contains("jackson-module-kotlin"), e.getMessage());

    byte[] json = "{\"point\": {\"x\": 1}}".getBytes(StandardCharsets.UTF_8);
    try (DocumentReader reader = DocumentReader.open(json, "Holder", UnknownFields.IGNORE)) {
      assertEquals("point", reader.nextField());
      assertThrows(MisuseException.class, () -> reader.read(codec));
    }
  }

  @Test
  void aKotlinClassInsideATypeArgumentIsRefusedToo() {
    ValueCodec<List<Point>> codec =
        ValueCodecs.databind(new TypeReference<List<Point>>() {}, UnknownFields.IGNORE);
    assertThrows(
        MisuseException.class,
        () -> new DocumentWriter().field("points", codec, List.of(new Point())));
  }

  @Test
  void aKotlinClassInsideARecordOrAClassAtAnyDepthIsRefusedToo() {
    for (Class<?> holder : List.of(Carrier.class, Convoy.class)) {
      ValueCodec<?> codec = ValueCodecs.databind(holder, UnknownFields.IGNORE);
      byte[] json = "{\"held\": {}}".getBytes(StandardCharsets.UTF_8);
      try (DocumentReader reader = DocumentReader.open(json, "Holder", UnknownFields.IGNORE)) {
        assertEquals("held", reader.nextField());
        MisuseException e = assertThrows(MisuseException.class, () -> reader.read(codec));
        assertTrue(
            e.getMessage().startsWith(Point.class.getName() + " is a Kotlin class"),
            e.getMessage());
      }
    }
  }

  @Test
  void aKotlinRecordIsWrittenAndReadBack() {
    ValueCodec<Pair> codec = ValueCodecs.databind(Pair.class, UnknownFields.IGNORE);
    byte[] json = new DocumentWriter().field("pair", codec, new Pair(1, 2)).finish();
    try (DocumentReader reader = DocumentReader.open(json, "Holder", UnknownFields.IGNORE)) {
      assertEquals("pair", reader.nextField());
      assertEquals(new Pair(1, 2), reader.read(codec));
    }
    assertArrayEquals(json, new DocumentWriter().field("pair", codec, new Pair(1, 2)).finish());
  }
}
