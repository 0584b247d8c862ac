package dev.burrow.processor.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Interfaces and abstract classes Jackson reads by name are accepted as components, and read back
 * equal through the generated store ({@link Placement}).
 */
class PlacementTest {
  @TempDir Path root;

  @Test
  void isWrittenAndReadThroughTheStore() {
    Calendar since = Calendar.getInstance(TimeZone.getTimeZone("UTC"));
    since.setTimeInMillis(Instant.parse("2024-03-01T12:00:00Z").toEpochMilli());
    try (PlacementStore store = PlacementStore.open(TestStores.options(root))) {
      store.create(
          "p-1",
          c -> {
            c.zone(ZoneId.of("Europe/Paris"));
            c.zones(List.of(ZoneId.of("UTC"), ZoneId.of("+02:00")));
            c.timeZone(TimeZone.getTimeZone("Asia/Tokyo"));
            c.since(since);
            c.amount(42);
            c.shape(new Placement.Circle(3));
            c.shapes(List.of(new Placement.Square(2), new Placement.Circle(1)));
          });
      Placement read = store.get("p-1");
      assertEquals(ZoneId.of("Europe/Paris"), read.zone());
      assertEquals(List.of(ZoneId.of("UTC"), ZoneId.of("+02:00")), read.zones());
      assertEquals(TimeZone.getTimeZone("Asia/Tokyo"), read.timeZone());
      assertEquals(since.getTimeInMillis(), read.since().getTimeInMillis());
      assertEquals(42, read.amount());
      assertEquals(new Placement.Circle(3), read.shape());
      assertEquals(List.of(new Placement.Square(2), new Placement.Circle(1)), read.shapes());
    }
  }

  /** A sealed interface's permitted subclasses are read back without {@code @JsonSubTypes}. */
  @Test
  void aSealedInterfaceWithoutSubTypesIsReadBackAsItsPermittedSubclass() {
    try (PlacementStore store = PlacementStore.open(TestStores.options(root))) {
      store.create("p-1", c -> c.mark(new Placement.Dot(4)));
      store.create("p-2", c -> c.mark(new Placement.Line(7)));
      assertEquals(new Placement.Dot(4), store.get("p-1").mark());
      assertEquals(new Placement.Line(7), store.get("p-2").mark());
    }
  }

  /**
   * Jackson writes a {@code Calendar} as its instant and reads it back in UTC, as the README says:
   * one in another zone comes back as the same instant, but not equal.
   */
  /** Jackson reads a {@code Map.Entry} back as an entry equal to the one written. */
  @Test
  void aMapEntryIsReadBackEqual() {
    try (PlacementStore store = PlacementStore.open(TestStores.options(root))) {
      store.create("p-1", c -> c.entry(Map.entry("k", 3)));
      assertEquals(Map.entry("k", 3), store.get("p-1").entry());
    }
  }

  @Test
  void aCalendarComesBackAsTheSameInstantInUtc() {
    Calendar tokyo = Calendar.getInstance(TimeZone.getTimeZone("Asia/Tokyo"));
    tokyo.setTimeInMillis(Instant.parse("2024-03-01T12:00:00Z").toEpochMilli());
    try (PlacementStore store = PlacementStore.open(TestStores.options(root))) {
      store.create("p-1", c -> c.since(tokyo));
      Calendar read = store.get("p-1").since();
      assertEquals(tokyo.getTimeInMillis(), read.getTimeInMillis());
      assertEquals("UTC", read.getTimeZone().getID());
      assertNotEquals(tokyo, read);
    }
  }
}
