package dev.burrow.runtime.codec;

import dev.burrow.UnknownFields;
import dev.burrow.runtime.internal.text.JsonErrors;
import dev.burrow.runtime.internal.text.JsonReadFailure;
import dev.burrow.runtime.internal.utf8.StrictUtf8;
import dev.burrow.spi.PathSegments;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads one document field by field, for generated codecs. Every failure is a {@link
 * DocumentFormatException} naming the field, the problem and the line and column; Jackson's own
 * exceptions never escape. The bytes must be well-formed UTF-8 (overlong forms are refused before
 * parsing), and field names from the document are quoted in messages escaped and capped ({@link
 * PathSegments#printable}). Not thread-safe.
 *
 * <p>Typical use: {@code for (String f = in.nextField(); f != null; f = in.nextField())}, switching
 * on {@code f} and calling {@link #read}, {@link #readNullable} or {@link #unknownField}.
 */
public final class DocumentReader implements AutoCloseable {
  private final JsonParser in;
  private final String typeName;
  private final UnknownFields policy;
  private @Nullable String field;

  private DocumentReader(JsonParser in, String typeName, UnknownFields policy) {
    this.in = in;
    this.typeName = typeName;
    this.policy = policy;
  }

  /**
   * Starts reading {@code json}, which must hold one JSON object.
   *
   * @param typeName the document's type, for messages
   * @param policy what {@link #unknownField} does
   * @throws DocumentFormatException if {@code json} is not well-formed UTF-8 or does not start a
   *     JSON object
   */
  public static DocumentReader open(byte[] json, String typeName, UnknownFields policy) {
    int malformed = StrictUtf8.firstMalformed(json);
    if (malformed >= 0) {
      throw new DocumentFormatException(
          "not valid UTF-8: a malformed or overlong byte sequence at byte " + malformed);
    }
    JsonParser in;
    try {
      in = BurrowJson.mapper(policy).createParser(json);
    } catch (JacksonException e) {
      throw new DocumentFormatException(
          "not a JSON document: " + e.getOriginalMessage(), JsonReadFailure.of(e));
    }
    DocumentReader reader = new DocumentReader(in, typeName, policy);
    reader.guard(
        () -> {
          in.nextToken();
          Tokens.expect(in, JsonToken.START_OBJECT, "a JSON object");
        });
    return reader;
  }

  /**
   * Moves to the next field and returns its name, with the parser on the field's value; or returns
   * {@code null} at the end of the object, after checking that nothing follows it.
   *
   * @throws DocumentFormatException if the JSON is malformed or something follows the object
   */
  public @Nullable String nextField() {
    field = null;
    guard(
        () -> {
          String name = in.nextName();
          if (name == null) {
            Tokens.expect(in, JsonToken.END_OBJECT, "a field name or }");
            if (in.nextToken() != null) {
              throw Tokens.mismatch(in, "the end of the document");
            }
            return;
          }
          field = name;
          in.nextToken();
        });
    return field;
  }

  /**
   * Reads the current field's value, which must not be {@code null}.
   *
   * @throws DocumentFormatException if the value is null or not of the codec's type
   */
  public <V> V read(ValueCodec<V> codec) {
    V value = readNullable(codec);
    if (value == null) {
      throw new DocumentFormatException(
          "field '"
              + field
              + "': null is not allowed, "
              + typeName
              + "."
              + field
              + " is not @Nullable "
              + Tokens.where(in));
    }
    return value;
  }

  /**
   * Reads the current field's value, or {@code null} for JSON {@code null}.
   *
   * @throws DocumentFormatException if the value is not of the codec's type
   */
  public <V> @Nullable V readNullable(ValueCodec<V> codec) {
    if (in.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    try {
      return codec.read(in);
    } catch (DocumentFormatException e) {
      throw new DocumentFormatException(
          "field '" + quoted(field) + "': " + e.getMessage(), e.getCause());
    } catch (JacksonException e) {
      throw new DocumentFormatException(
          "field '" + quoted(field) + "': " + e.getOriginalMessage(), JsonReadFailure.of(e, in));
    }
  }

  /**
   * Handles a field the type does not declare: skips its value under {@link UnknownFields#IGNORE},
   * fails under {@link UnknownFields#FAIL}.
   *
   * @throws DocumentFormatException naming the field under {@link UnknownFields#FAIL}, or if its
   *     value is malformed JSON
   */
  public void unknownField() {
    if (policy == UnknownFields.FAIL) {
      throw new DocumentFormatException(
          "unknown field '"
              + quoted(field)
              + "': "
              + typeName
              + " declares no such component and reads"
              + " with unknownFields = FAIL "
              + Tokens.where(in));
    }
    guard(in::skipChildren);
  }

  /**
   * Returns {@code value}, or fails if a field that every document must have was absent.
   *
   * @throws DocumentFormatException naming {@code name} if {@code value} is null
   */
  public static <V> V required(@Nullable V value, String name) {
    if (value == null) {
      throw new DocumentFormatException("missing required field '" + name + "'");
    }
    return value;
  }

  @Override
  public void close() {
    in.close();
  }

  /** A field name from the document, safe to quote in a message. */
  private static String quoted(@Nullable String name) {
    return name == null ? "" : PathSegments.printable(name);
  }

  private void guard(Runnable step) {
    try {
      step.run();
    } catch (JacksonException e) {
      throw new DocumentFormatException(
          "malformed JSON"
              + (field == null ? "" : " in field '" + quoted(field) + "'")
              + ": "
              + JsonErrors.plain(e)
              + " "
              + Tokens.where(in),
          JsonReadFailure.of(e, in));
    }
  }
}
