package dev.burrow.processor.model;

import java.util.List;

/**
 * A type as generated code spells it: a primitive, or a class with its type arguments and whether
 * it admits null. Arrays, wildcards and type variables never reach the model: the front ends reject
 * them.
 */
public sealed interface TypeRef {

  /** Whether null is a value of this type ({@code @Nullable} in Java, {@code T?} in Kotlin). */
  boolean nullable();

  /** This type, admitting null or not; primitives never do and stay as they are. */
  TypeRef withNullable(boolean nullable);

  /** A primitive type such as {@code long}. */
  record Primitive(PrimitiveKind kind) implements TypeRef {
    @Override
    public boolean nullable() {
      return false;
    }

    @Override
    public TypeRef withNullable(boolean nullable) {
      return this;
    }
  }

  /**
   * A class or parameterized type such as {@code java.util.Map<java.lang.String, Order.Item>}.
   *
   * @param type the class
   * @param arguments its type arguments, empty if it has none
   * @param nullable whether null is a value of the type
   */
  record Declared(ClassRef type, List<TypeRef> arguments, boolean nullable) implements TypeRef {

    /** Copies the arguments. */
    public Declared {
      arguments = List.copyOf(arguments);
    }

    @Override
    public Declared withNullable(boolean nullable) {
      return new Declared(type, arguments, nullable);
    }
  }
}
