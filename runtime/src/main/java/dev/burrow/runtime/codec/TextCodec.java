package dev.burrow.runtime.codec;

import java.util.function.Function;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** A value written as a JSON string in its canonical text form. */
final class TextCodec<V> implements ScalarCodec<V> {
  private final String description;
  private final Function<V, String> format;
  private final Function<String, V> parse;

  TextCodec(String description, Function<V, String> format, Function<String, V> parse) {
    this.description = description;
    this.format = format;
    this.parse = parse;
  }

  @Override
  public void write(JsonGenerator out, V value) {
    out.writeString(format.apply(value));
  }

  @Override
  public V read(JsonParser in) {
    Tokens.expect(in, JsonToken.VALUE_STRING, description);
    try {
      return parse.apply(in.getString());
    } catch (RuntimeException e) {
      throw Tokens.mismatch(in, description);
    }
  }

  @Override
  public String toKey(V value) {
    return format.apply(value);
  }

  @Override
  public V fromKey(String key) {
    try {
      return parse.apply(key);
    } catch (RuntimeException e) {
      throw Tokens.badKey(description, key);
    }
  }
}
