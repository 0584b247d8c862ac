package dev.burrow.runtime.codec;

import dev.burrow.spi.PathSegments;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;

/** Error messages that say what was expected, what was found, and where. */
final class Tokens {
  private Tokens() {}

  static DocumentFormatException mismatch(JsonParser in, String expected) {
    return new DocumentFormatException(
        "expected " + expected + " but found " + found(in) + " " + where(in));
  }

  static DocumentFormatException badKey(String expected, String key) {
    return new DocumentFormatException(
        "expected " + expected + " but found the key \"" + abbreviate(key) + "\"");
  }

  /** Writes {@code value}, or JSON {@code null}. */
  static <V> void writeOrNull(JsonGenerator out, ValueCodec<V> codec, @Nullable V value) {
    if (value == null) {
      out.writeNull();
    } else {
      codec.write(out, value);
    }
  }

  static void expect(JsonParser in, JsonToken token, String expected) {
    if (in.currentToken() != token) {
      throw mismatch(in, expected);
    }
  }

  static String where(JsonParser in) {
    TokenStreamLocation at = in.currentLocation();
    return "at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }

  private static String found(JsonParser in) {
    JsonToken token = in.currentToken();
    if (token == null) {
      return "the end of the document";
    }
    return switch (token) {
      case VALUE_STRING -> "the string \"" + abbreviate(in.getString()) + "\"";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "the number " + abbreviate(in.getString());
      case VALUE_TRUE, VALUE_FALSE -> in.getString();
      case VALUE_NULL -> "null";
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      default -> token.toString();
    };
  }

  /** Text from the document, escaped and cut short for a message. */
  private static String abbreviate(String text) {
    return text.length() <= 40
        ? PathSegments.printable(text)
        : PathSegments.printable(text.substring(0, 40)) + "...";
  }
}
