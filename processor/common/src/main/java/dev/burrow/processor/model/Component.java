package dev.burrow.processor.model;

import org.jspecify.annotations.Nullable;

/**
 * One component of an {@code @Instance} type, validated.
 *
 * @param name the component (or Kotlin property) name, also the JSON field name
 * @param type its type; {@link TypeRef#nullable()} if null is allowed
 * @param role whether Burrow manages it, and how
 * @param value how its value is stored and defaulted
 * @param accessor the method that reads it: {@code name} for records, {@code getName} for classes
 *     shaped like Kotlin data classes
 * @param explicitDefault its {@code @Default} literal in canonical form (the value as Java prints
 *     it, an enum constant's name), or null if it has none
 * @param constant the name of its field-name constant in {@code XSchema}, and of its index constant
 *     in {@code XIndex}
 * @param constructorDefault whether the class's constructor computes its default (a Kotlin default
 *     value, and no {@code @Default}, which wins): generated code then lets the class's synthetic
 *     defaults constructor compute it, for fresh values and for documents without the field
 * @param indexed whether it is {@code @Indexed}: the store gets finders for it
 */
public record Component(
    String name,
    TypeRef type,
    Role role,
    ValueType value,
    String accessor,
    @Nullable String explicitDefault,
    String constant,
    boolean constructorDefault,
    boolean indexed) {

  /** What Burrow does with a component. */
  public enum Role {
    ID("@InstanceId"),
    VERSION("@Version"),
    CREATED_AT("@CreatedAt"),
    UPDATED_AT("@UpdatedAt"),
    /** A component the user owns: it gets a setter in {@code XChanges}. */
    DATA("");

    private final String annotation;

    Role(String annotation) {
      this.annotation = annotation;
    }

    /** The annotation that gives a component this role, such as {@code @Version}, for messages. */
    public String annotation() {
      return annotation;
    }
  }

  /**
   * The name of the component's members in generated Java (its getter and setter in {@code
   * XChanges}, its parameter in finders): {@link #name()}, or {@code name_} where the name is a
   * Java keyword, as a Kotlin property's may be, or a method of {@code Object} ({@link
   * Names#javaMemberName}).
   */
  public String javaName() {
    return Names.javaMemberName(name);
  }

  /** Whether null is a value of the component. */
  public boolean nullable() {
    return type.nullable();
  }
}
