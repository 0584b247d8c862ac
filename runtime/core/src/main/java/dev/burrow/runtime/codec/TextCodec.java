package dev.burrow.runtime.codec;

import java.util.function.Function;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** A value written as a JSON string in its canonical text form. */
class TextCodec<V> extends StringFormCodec<V> {

  TextCodec(String description, Function<V, String> format, Function<String, V> parse) {
    super(description, format, parse);
  }

  @Override
  public void write(JsonGenerator out, V value) {
    out.writeString(format(value));
  }

  @Override
  public V read(JsonParser in) {
    Tokens.expect(in, JsonToken.VALUE_STRING, description());
    return parseCurrent(in);
  }
}
