package dev.burrow.runtime.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.burrow.UnknownFields;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;

/**
 * Classes whose only constructor takes arguments, compiled (as this module's tests are) without
 * javac's {@code -parameters}: Jackson finds no creator for them unless the generated code supplies
 * the parameter names, as {@link ParameterNames} do.
 */
class ParameterNamesTest {

  public static final class Step {
    private final String name;
    private final int tries;

    public Step(String name, int tries) {
      this.name = name;
      this.tries = tries;
    }

    public String getName() {
      return name;
    }

    public int getTries() {
      return tries;
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Step step && step.name.equals(name) && step.tries == tries;
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, tries);
    }
  }

  /** Renames one parameter explicitly: the explicit name wins over the supplied one. */
  public static final class Renamed {
    private final String name;

    public Renamed(@JsonProperty("title") String name) {
      this.name = name;
    }

    @JsonProperty("title")
    public String name() {
      return name;
    }
  }

  /** Created through a {@code @JsonCreator} constructor; a no-argument one is there too. */
  public static final class Point {
    private final int x;
    private final int y;

    public Point() {
      this(0, 0);
    }

    @JsonCreator
    public Point(int x, int y) {
      this.x = x;
      this.y = y;
    }

    public int getX() {
      return x;
    }

    public int getY() {
      return y;
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Point p && p.x == x && p.y == y;
    }

    @Override
    public int hashCode() {
      return x * 31 + y;
    }
  }

  /** Created through a {@code @JsonCreator} static factory, one parameter named explicitly. */
  public static final class Range {
    private final int low;
    private final int high;

    private Range(int low, int high) {
      this.low = low;
      this.high = high;
    }

    @JsonCreator
    public static Range between(int low, @JsonProperty("high") int high) {
      return new Range(low, high);
    }

    public int getLow() {
      return low;
    }

    public int getHigh() {
      return high;
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Range r && r.low == low && r.high == high;
    }

    @Override
    public int hashCode() {
      return low * 31 + high;
    }
  }

  private static <V> V roundTrip(ValueCodec<V> codec, V value) {
    byte[] json = new DocumentWriter().field("value", codec, value).finish();
    try (DocumentReader reader = DocumentReader.open(json, "Holder", UnknownFields.FAIL)) {
      assertEquals("value", reader.nextField());
      return reader.read(codec);
    }
  }

  @Test
  void theClassFileDoesNotNameTheParameters() throws NoSuchMethodException {
    assertFalse(
        Step.class.getConstructor(String.class, int.class).getParameters()[0].isNamePresent());
  }

  @Test
  void withoutNamesJacksonFindsNoCreator() {
    ValueCodec<Step> codec = ValueCodecs.databind(Step.class, UnknownFields.FAIL);
    DocumentFormatException e =
        assertThrows(DocumentFormatException.class, () -> roundTrip(codec, new Step("a", 1)));
    assertTrue(e.getMessage().contains("Cannot construct instance"), e.getMessage());
  }

  @Test
  void withNamesItReadsBack() {
    ValueCodec<Step> codec =
        ValueCodecs.databind(
            Step.class, UnknownFields.FAIL, ParameterNames.of(Step.class, "name", "tries"));
    assertEquals(new Step("build", 2), roundTrip(codec, new Step("build", 2)));
  }

  @Test
  void namesApplyInsideTypeArgumentsToo() {
    ValueCodec<List<Step>> codec =
        ValueCodecs.databind(
            new TypeReference<List<Step>>() {},
            UnknownFields.FAIL,
            ParameterNames.of(Step.class, "name", "tries"));
    List<Step> steps = List.of(new Step("a", 1), new Step("b", 2));
    assertEquals(steps, roundTrip(codec, steps));
  }

  @Test
  void namesForAnotherArityAreIgnored() {
    ValueCodec<Step> codec =
        ValueCodecs.databind(Step.class, UnknownFields.FAIL, ParameterNames.of(Step.class, "name"));
    assertThrows(DocumentFormatException.class, () -> roundTrip(codec, new Step("a", 1)));
  }

  @Test
  void anExplicitJsonPropertyWins() {
    ValueCodec<Renamed> codec =
        ValueCodecs.databind(
            Renamed.class, UnknownFields.FAIL, ParameterNames.of(Renamed.class, "name"));
    byte[] json = new DocumentWriter().field("value", codec, new Renamed("x")).finish();
    assertTrue(
        new String(json, StandardCharsets.UTF_8).contains("\"title\""),
        new String(json, StandardCharsets.UTF_8));
    assertEquals("x", roundTrip(codec, new Renamed("x")).name());
  }

  @Test
  void theSharedMappersAreLeftAlone() {
    ValueCodecs.databind(
        Step.class, UnknownFields.FAIL, ParameterNames.of(Step.class, "name", "tries"));
    ValueCodec<Step> plain = ValueCodecs.databind(Step.class, UnknownFields.FAIL);
    assertThrows(DocumentFormatException.class, () -> roundTrip(plain, new Step("a", 1)));
  }

  @Test
  void aJsonCreatorWithoutNamesIsRefusedByJackson() {
    assertThrows(
        DocumentFormatException.class,
        () -> roundTrip(ValueCodecs.databind(Point.class, UnknownFields.FAIL), new Point(1, 2)));
    assertThrows(
        DocumentFormatException.class,
        () ->
            roundTrip(ValueCodecs.databind(Range.class, UnknownFields.FAIL), Range.between(1, 2)));
  }

  @Test
  void aJsonCreatorConstructorReadsBackWithNames() {
    ValueCodec<Point> codec =
        ValueCodecs.databind(
            Point.class, UnknownFields.FAIL, ParameterNames.ofCreator(Point.class, "x", "y"));
    assertEquals(new Point(3, 4), roundTrip(codec, new Point(3, 4)));
  }

  @Test
  void aJsonCreatorFactoryReadsBackWithNames() {
    ValueCodec<Range> codec =
        ValueCodecs.databind(
            Range.class,
            UnknownFields.FAIL,
            ParameterNames.ofFactory(Range.class, "between", "low", "high"));
    assertEquals(Range.between(1, 5), roundTrip(codec, Range.between(1, 5)));
  }

  @Test
  void creatorNamesAreForTheCreatorTheyName() {
    assertThrows(
        DocumentFormatException.class,
        () ->
            roundTrip(
                ValueCodecs.databind(
                    Range.class,
                    UnknownFields.FAIL,
                    ParameterNames.ofFactory(Range.class, "other", "low", "high")),
                Range.between(1, 2)));
    assertThrows(
        DocumentFormatException.class,
        () ->
            roundTrip(
                ValueCodecs.databind(
                    Point.class, UnknownFields.FAIL, ParameterNames.of(Point.class, "x", "y")),
                new Point(1, 2)));
  }
}
