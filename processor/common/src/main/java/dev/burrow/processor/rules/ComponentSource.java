package dev.burrow.processor.rules;

import dev.burrow.processor.model.Component;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A component as a front end read it, before the rules check it.
 *
 * @param name the component (Kotlin: property) name
 * @param location the component, for diagnostics about it
 * @param accessor the method generated Java code reads it with
 * @param type its type
 * @param nullable whether null is a value of it ({@code @Nullable}, Kotlin's {@code T?})
 * @param roles the roles whose annotations it carries, in {@link Component.Role} order
 * @param explicitDefault its {@code @Default}, or null if it has none
 * @param declaresDefault whether it declares a default value in the language itself (a Kotlin
 *     constructor parameter's {@code = ...}), which the class's own constructor computes
 * @param indexed its {@code @Indexed} annotation, for diagnostics about it, or null if it has none
 */
public record ComponentSource<L>(
    String name,
    L location,
    String accessor,
    SourceType type,
    boolean nullable,
    List<Component.Role> roles,
    @Nullable DefaultSource<L> explicitDefault,
    boolean declaresDefault,
    @Nullable L indexed) {

  /** Copies the roles. */
  public ComponentSource {
    roles = List.copyOf(roles);
  }

  /**
   * A {@code @Default} annotation.
   *
   * @param literal its value
   * @param annotation the annotation, for diagnostics about the annotation being there at all
   * @param literalLocation its value, for diagnostics about the literal
   */
  public record DefaultSource<L>(String literal, L annotation, L literalLocation) {}
}
