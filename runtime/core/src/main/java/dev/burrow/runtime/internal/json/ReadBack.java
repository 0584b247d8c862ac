package dev.burrow.runtime.internal.json;

import dev.burrow.BurrowException;
import dev.burrow.MisuseException;
import dev.burrow.runtime.codec.BurrowJson;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectReader;

/**
 * The check that what Jackson wrote for a value reads back, made before anything is written, as the
 * store makes it for documents: a type Jackson writes but cannot create again (no creator it can
 * use, a property it writes but refuses to read) fails the write with a {@link MisuseException},
 * and nothing is written. A Kotlin class (not a record or enum) is refused without Jackson 3's
 * Kotlin module, as documents refuse it ({@link BurrowJson#requireReadable}), even where Jackson
 * happens to read it back: without the module it would lose what Kotlin declares (default values,
 * nullability).
 *
 * <p>Cost: the Kotlin check once per class (kept in a {@link ClassValue}), then one decode of the
 * bytes just encoded, about as much again as the encode, on every write, since whether a value
 * reads back can depend on the value (a property of an abstract type reads back while it is null,
 * not once it is set).
 */
public final class ReadBack {
  /** Per class, why Jackson cannot read its values back without a missing module, if it cannot. */
  private static final ClassValue<Optional<String>> MISSING_MODULE =
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
   * Checks that {@code json}, just written for a value of {@code type}, reads back through {@code
   * reader} as a value.
   *
   * @param what the value and where it was to go, for the message ("a Step event for events.jsonl")
   * @throws MisuseException naming {@code what} and why it does not read back
   */
  public static void require(ObjectReader reader, byte[] json, Class<?> type, String what) {
    Optional<String> missing = MISSING_MODULE.get(type);
    if (missing.isPresent()) {
      throw new MisuseException(
          what + " cannot be read back: " + missing.get() + "; nothing was written");
    }
    Object value;
    try {
      value = reader.readValue(json);
    } catch (RuntimeException | StackOverflowError e) {
      throw new MisuseException(
          what
              + " was written as JSON that cannot be read back ("
              + (e instanceof JacksonException jackson
                  ? jackson.getOriginalMessage()
                  : e instanceof BurrowException ? e.getMessage() : e.toString())
              + "); nothing was written. Give its type a creator Jackson can use (a record, or a"
              + " constructor or factory annotated @JsonCreator) and only properties it can read"
              + " back",
          e);
    }
    if (value == null) {
      throw new MisuseException(
          what + " was written as JSON null, which reads back as no value; nothing was written");
    }
  }
}
