package dev.burrow.runtime.internal.json;

import dev.burrow.BurrowException;
import dev.burrow.MisuseException;
import dev.burrow.runtime.codec.BurrowJson;
import dev.burrow.runtime.internal.text.JsonErrors;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.InvalidDefinitionException;

/**
 * The check that what Jackson wrote for a value reads back, made before anything is written, as the
 * store makes it for documents: a type Jackson writes but cannot create again (no creator it can
 * use, a property it writes but refuses to read) fails the write with a {@link MisuseException},
 * and nothing is written. A type Jackson cannot reach (in a named module that does not open its
 * package to databind) is refused before a write and before a read, as documents refuse it ({@link
 * BurrowJson#requireReadable}): read, it would otherwise be reported as damaged data. So is a
 * Kotlin class (not a record or enum) without Jackson 3's Kotlin module, even where Jackson happens
 * to read it back: without the module it would lose what Kotlin declares (default values,
 * nullability).
 *
 * <p>Cost: the module and Kotlin checks once per class (kept in a {@link ClassValue}), then one
 * decode of the bytes just encoded, about as much again as the encode, on every write, since
 * whether a value reads back can depend on the value (a property of an abstract type reads back
 * while it is null, not once it is set).
 */
public final class ReadBack {
  /** Per class, why Jackson cannot read its values at all, if it cannot. */
  private static final ClassValue<Optional<String>> UNREADABLE =
      new ClassValue<>() {
        @Override
        protected Optional<String> computeValue(Class<?> type) {
          try {
            BurrowJson.requireReadable(type);
            return Optional.empty();
          } catch (MisuseException e) {
            return Optional.ofNullable(e.getMessage());
          }
        }
      };

  private ReadBack() {}

  /**
   * Checks, before a value of {@code type} is read, that Jackson can read it at all.
   *
   * @param what the value and where it comes from, for the message ("a Step event from ...")
   * @throws MisuseException naming {@code what}, why, and the line or dependency to add
   */
  public static void requireReadable(Class<?> type, String what) {
    Optional<String> why = UNREADABLE.get(type);
    if (why.isPresent()) {
      throw new MisuseException(what + " cannot be read: " + why.get() + "; nothing was read");
    }
  }

  /**
   * Checks, before a value of {@code type} is written, that Jackson could read it back at all: for
   * a type it cannot reach, Jackson fails the write too, with its own message.
   *
   * @param what the value and where it was to go, for the message ("a Step event for ...")
   * @throws MisuseException naming {@code what}, why, and the line or dependency to add
   */
  public static void requireWritable(Class<?> type, String what) {
    Optional<String> why = UNREADABLE.get(type);
    if (why.isPresent()) {
      throw new MisuseException(
          what + " cannot be read back: " + why.get() + "; nothing was written");
    }
  }

  /**
   * Checks that {@code json}, just written for a value (after {@link #requireWritable} for its
   * type), reads back through {@code reader} as a value.
   *
   * @param what the value and where it was to go, for the message ("a Step event for events.jsonl")
   * @throws MisuseException naming {@code what} and why it does not read back
   */
  public static void require(ObjectReader reader, byte[] json, String what) {
    Object value;
    try {
      value = reader.readValue(json);
    } catch (JacksonException e) {
      if (!(e instanceof DatabindException)) {
        throw new MisuseException(
            what
                + " was written as JSON that Jackson cannot parse back ("
                + e.getOriginalMessage()
                + "); nothing was written: correct the value it names",
            e);
      }
      throw notCreated(what, e.getOriginalMessage(), created(reader, e), e);
    } catch (RuntimeException | StackOverflowError e) {
      throw notCreated(
          what,
          e instanceof BurrowException ? e.getMessage() : e.toString(),
          created(reader, e),
          e);
    }
    if (value == null) {
      throw new MisuseException(
          what + " was written as JSON null, which reads back as no value; nothing was written");
    }
  }

  /**
   * The type Jackson could not create: the one its definition error names, else the one {@code
   * reader} reads, or null if neither is known.
   */
  private static @Nullable Class<?> created(ObjectReader reader, Throwable failure) {
    JavaType type =
        failure instanceof InvalidDefinitionException definition && definition.getType() != null
            ? definition.getType()
            : reader.getValueType();
    return type == null ? null : type.getRawClass();
  }

  private static MisuseException notCreated(
      String what, @Nullable String why, @Nullable Class<?> type, Throwable cause) {
    boolean unnamed = type != null && (type.isAnonymousClass() || type.isLocalClass());
    return new MisuseException(
        what
            + " was written as JSON that cannot be read back ("
            + JsonErrors.withoutAdvice(why)
            + "); nothing was written. "
            + (unnamed
                ? "Jackson cannot create an anonymous or local class: use a named class declared"
                    + " outside any method, with a creator Jackson can use"
                : "Give its type a creator Jackson can use")
            + " (a record, or a constructor or factory annotated @JsonCreator) and only properties"
            + " it can read back",
        cause);
  }
}
