package dev.burrow.processor.generated;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Nested classes Jackson creates through a {@code @JsonCreator} taking more than one parameter,
 * compiled (like this module's tests) without javac's {@code -parameters}: Jackson refuses such a
 * creator when some parameter has no name, so the generated schema supplies the names the processor
 * read from source. {@code Point} has a creator constructor (and a no-argument one Jackson does not
 * use), {@code Range} a creator factory with one parameter named by {@code @JsonProperty}; {@code
 * Label}'s one-parameter delegating creator needs no names.
 */
@Instance(name = "drawings")
public record Drawing(
    @InstanceId String id,
    @Version long version,
    @Nullable Point origin,
    List<Point> points,
    @Nullable Range range,
    @Nullable Label label) {

  /** Created through its {@code @JsonCreator} constructor. */
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

  /** Created through its {@code @JsonCreator} static factory. */
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

  /** Written as its text and created from it: a delegating creator, which needs no names. */
  public static final class Label {
    private final String text;

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Label(String text) {
      this.text = text;
    }

    @JsonValue
    public String text() {
      return text;
    }

    @Override
    public boolean equals(@Nullable Object other) {
      return other instanceof Label l && l.text.equals(text);
    }

    @Override
    public int hashCode() {
      return text.hashCode();
    }
  }
}
