package dev.burrow.processor.generated;

import dev.burrow.Instance;
import dev.burrow.InstanceId;
import dev.burrow.Version;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Nested plain classes whose only constructor takes arguments, compiled (like this module's tests)
 * without javac's {@code -parameters}: the class files do not name the constructors' parameters,
 * which Jackson needs to create the classes, so the generated schema supplies the names the
 * processor read from source. {@code Step} is held directly, in a list and inside a record.
 */
@Instance(name = "pipelines")
public record Pipeline(
    @InstanceId String id,
    @Version long version,
    @Nullable Step current,
    List<Step> steps,
    @Nullable Stage stage) {

  /** A plain class with one constructor taking arguments, and getters. */
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
      return name.hashCode() * 31 + tries;
    }

    @Override
    public String toString() {
      return name + "x" + tries;
    }
  }

  /** A record holding a {@link Step}: the names are needed one level down too. */
  public record Stage(String label, Step first) {}
}
