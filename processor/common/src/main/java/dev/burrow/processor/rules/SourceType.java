package dev.burrow.processor.rules;

import dev.burrow.processor.model.ClassRef;
import dev.burrow.processor.model.ConstructorNames;
import dev.burrow.processor.model.PrimitiveKind;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A component type as a front end found it, with the facts the rules decide on: enough to say how
 * it is stored, or why it cannot be. Types are named as the JVM and Java name them ({@code
 * kotlin.String} is {@code java.lang.String}); {@link #text()} is how the source spells it, for
 * messages.
 */
public sealed interface SourceType {

  /** The type as messages show it, in the language of the source. */
  String text();

  /**
   * A primitive, such as Java's {@code long} or Kotlin's non-null {@code Long}.
   *
   * @param kind the primitive
   * @param text as messages show it
   */
  record Primitive(PrimitiveKind kind, String text) implements SourceType {}

  /**
   * A class or interface, with its type arguments.
   *
   * @param name the class, as Java names it
   * @param shape what kind of class it is, as far as the rules care
   * @param enumConstants the constants, in declaration order, if {@code shape} is {@link
   *     Shape#ENUM}; else empty
   * @param arguments the type arguments, empty if none are given
   * @param raw whether the class is generic but no type arguments are given (Java only)
   * @param nullable whether a type argument admits null (Kotlin's {@code List<String?>}); false at
   *     the top level, where front ends decide nullness from the component
   * @param text as messages show it
   * @param unreadable why Jackson could not read a value of this class back, if the front end can
   *     tell (a JDK class it has no reader for, an interface or abstract class not annotated to say
   *     what to create, a class with no creator, any of them inside a record); null if it can, or
   *     if the front end cannot tell
   * @param kotlinClasses the Kotlin classes other than records that Jackson creates to read a value
   *     of this class (the class itself if it is one, and those in its type arguments and
   *     properties, at any depth), which it can only through Jackson 3's Kotlin module; each once
   * @param constructorNames the parameter names of the constructors through which Jackson creates
   *     this class and the classes it holds, at any depth, where it needs them and the front end
   *     knows them; each class once
   */
  record Declared(
      ClassRef name,
      Shape shape,
      List<String> enumConstants,
      List<SourceType> arguments,
      boolean raw,
      boolean nullable,
      String text,
      @Nullable String unreadable,
      List<ClassRef> kotlinClasses,
      List<ConstructorNames> constructorNames)
      implements SourceType {

    /** Copies the lists. */
    public Declared {
      enumConstants = List.copyOf(enumConstants);
      arguments = List.copyOf(arguments);
      kotlinClasses = List.copyOf(kotlinClasses);
      constructorNames = List.copyOf(constructorNames);
    }

    /** A class whose readability the front end does not judge, and holds no Kotlin class. */
    public Declared(
        ClassRef name,
        Shape shape,
        List<String> enumConstants,
        List<SourceType> arguments,
        boolean raw,
        boolean nullable,
        String text) {
      this(name, shape, enumConstants, arguments, raw, nullable, text, null, List.of(), List.of());
    }

    /** This type with {@code arguments} as its type arguments, all else the same. */
    public Declared withArguments(List<SourceType> arguments) {
      return new Declared(
          name,
          shape,
          enumConstants,
          arguments,
          raw,
          nullable,
          text,
          unreadable,
          kotlinClasses,
          constructorNames);
    }
  }

  /**
   * A type no component can have.
   *
   * @param kind what it is
   * @param text as messages show it
   */
  record Unsupported(Kind kind, String text) implements SourceType {

    /** The kinds of type that are never stored. */
    public enum Kind {
      ARRAY,
      TYPE_VARIABLE,
      WILDCARD,
      /** A Kotlin value class, whose constructors Java cannot call. */
      VALUE_CLASS,
      /**
       * A class generated code in the package of the instance type cannot name: private, protected
       * or package-private in another package, or nested in such a class; {@link
       * Unsupported#text()} names that class.
       */
      PRIVATE,
      /** Anything else, such as an intersection type. */
      OTHER
    }
  }

  /** What kind of class a {@link Declared} type is, in the order the rules test for it. */
  enum Shape {
    ENUM,
    /** A {@code Collection} or {@code Map} type (List, Set and Map are told by name). */
    COLLECTION,
    /**
     * An interface or an abstract class, which the front end judges: Jackson reads some by name
     * ({@code ZoneId}, one annotated {@code @JsonTypeInfo}).
     */
    ABSTRACT,
    /**
     * A concrete Kotlin class other than a record ({@code @JvmRecord}), which Jackson reads back
     * only through Jackson 3's Kotlin module.
     */
    KOTLIN_CLASS,
    /** Any other concrete class, records included. */
    CLASS
  }
}
