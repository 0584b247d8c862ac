package dev.burrow.runtime.testing;

import org.jspecify.annotations.Nullable;

/**
 * Values Jackson writes but cannot read back, for the checks that refuse to write them: a shipment
 * reads back while its shape is null, not once a shape is set (Jackson cannot create the abstract
 * {@link Shape}); a {@link KotlinNote} is a Kotlin class, which needs Jackson 3's Kotlin module
 * (not on the test class path).
 */
public final class Unreadable {
  private Unreadable() {}

  /** A shape of a shipment; Jackson writes the concrete one and cannot read it as this. */
  public interface Shape {}

  /** A shape. */
  public record Circle(int radius) implements Shape {}

  /** A value that reads back until its shape is set. */
  public record Shipment(String label, @Nullable Shape shape) {}

  /** A Kotlin class as the runtime sees one: a class carrying {@code @kotlin.Metadata}. */
  @kotlin.Metadata
  public static final class KotlinNote {
    public String text = "note";
  }
}
