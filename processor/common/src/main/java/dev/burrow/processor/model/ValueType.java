package dev.burrow.processor.model;

import java.util.List;
import java.util.stream.Stream;

/** How a component's value is stored and defaulted: one case per supported shape. */
public sealed interface ValueType {

  /**
   * Whether a non-null component of this type has a default without {@code @Default}: the natural
   * value of a scalar, or a fresh empty collection.
   */
  default boolean hasNaturalDefault() {
    return false;
  }

  /** Whether the value has a single-string form, as JSON object keys need. */
  default boolean scalar() {
    return false;
  }

  /** Whether the value is a list, set or map, which changes copy on their first edit. */
  default boolean collection() {
    return this instanceof CollectionValue;
  }

  /** The nested values in this value: itself, or its collection's elements, keys and values. */
  default Stream<Nested> nested() {
    if (this instanceof Nested nested) {
      return Stream.of(nested);
    }
    if (this instanceof ListValue list) {
      return list.element().nested();
    }
    if (this instanceof SetValue set) {
      return set.element().nested();
    }
    return this instanceof MapValue map
        ? Stream.concat(map.key().nested(), map.value().nested())
        : Stream.empty();
  }

  /** A list, set or map: a fresh value gets a new empty one. */
  sealed interface CollectionValue extends ValueType {
    @Override
    default boolean hasNaturalDefault() {
      return true;
    }
  }

  /** A type of {@link ScalarType}, such as {@code int} or {@code Instant}. */
  record Scalar(ScalarType type) implements ValueType {
    @Override
    public boolean hasNaturalDefault() {
      return type.hasNaturalDefault();
    }

    @Override
    public boolean scalar() {
      return true;
    }
  }

  /**
   * An enum, stored by constant name.
   *
   * @param type the enum
   * @param constants its constants in declaration order
   */
  record EnumValue(ClassRef type, List<String> constants) implements ValueType {
    /** Copies the constants. */
    public EnumValue {
      constants = List.copyOf(constants);
    }

    @Override
    public boolean scalar() {
      return true;
    }
  }

  /** {@code List<E>}: a JSON array; fresh values get a new {@code ArrayList}. */
  record ListValue(TypeRef elementType, ValueType element) implements CollectionValue {}

  /** {@code Set<E>}: a JSON array; fresh values get a new {@code LinkedHashSet}. */
  record SetValue(TypeRef elementType, ValueType element) implements CollectionValue {}

  /**
   * {@code Map<K, V>} with scalar keys: a JSON object; fresh values get a new {@code
   * LinkedHashMap}.
   */
  record MapValue(TypeRef keyType, ValueType key, TypeRef valueType, ValueType value)
      implements CollectionValue {}

  /**
   * Any other class, such as a nested record, handed to Jackson databind.
   *
   * @param type the class
   * @param kotlinClasses the Kotlin classes other than records that Jackson creates to read a value
   *     of it, which it can only through Jackson 3's Kotlin module: the class itself if it is one,
   *     and those its properties hold, at any depth ({@code Point(val agent: Agent)} gives {@code
   *     Agent}); each once
   * @param constructorNames the parameter names of the constructors through which Jackson creates
   *     the classes a value of it holds (the class itself and those in its type arguments, record
   *     components and fields, at any depth), for the codec to supply where the class files do not
   *     record them; each class once
   */
  record Nested(
      TypeRef.Declared type, List<ClassRef> kotlinClasses, List<ConstructorNames> constructorNames)
      implements ValueType {
    /** Copies the lists. */
    public Nested {
      kotlinClasses = List.copyOf(kotlinClasses);
      constructorNames = List.copyOf(constructorNames);
    }
  }
}
