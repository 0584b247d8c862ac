package dev.burrow.processor.generated;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;
import java.time.ZoneId;
import java.util.Calendar;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import org.jspecify.annotations.Nullable;

/**
 * Components whose types are interfaces or abstract classes Jackson reads by name: JDK types it has
 * a reader for ({@code Map.Entry} among them), and an interface annotated {@code @JsonTypeInfo}.
 */
@Instance(name = "placements")
public record Placement(
    @InstanceId String id,
    @Version long version,
    @Nullable ZoneId zone,
    List<ZoneId> zones,
    @Nullable TimeZone timeZone,
    @Nullable Calendar since,
    @Nullable Number amount,
    @Nullable Shape shape,
    List<Shape> shapes,
    @Nullable Mark mark,
    Map.@Nullable Entry<String, Integer> entry) {

  /** Written with its type's name, which tells Jackson which record to create. */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
  @JsonSubTypes({
    @JsonSubTypes.Type(value = Circle.class, name = "circle"),
    @JsonSubTypes.Type(value = Square.class, name = "square")
  })
  public sealed interface Shape permits Circle, Square {}

  public record Circle(int radius) implements Shape {}

  public record Square(int side) implements Shape {}

  /**
   * Written with its type's name, with no {@code @JsonSubTypes}: Jackson finds the records to
   * create among the permitted subclasses, a sealed one's included.
   */
  @JsonTypeInfo(use = JsonTypeInfo.Id.NAME)
  public sealed interface Mark permits Dot, Stroke {}

  public record Dot(int size) implements Mark {}

  public sealed interface Stroke extends Mark permits Line {}

  public record Line(int length) implements Stroke {}
}
