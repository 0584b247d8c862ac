package dev.burrow.runtime.codec;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** {@code true} or {@code false}; nothing else, not even the strings. */
final class BooleanCodec implements ScalarCodec<Boolean> {

  @Override
  public void write(JsonGenerator out, Boolean value) {
    out.writeBoolean(value);
  }

  @Override
  public Boolean read(JsonParser in) {
    JsonToken token = in.currentToken();
    if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
      throw Tokens.mismatch(in, "true or false");
    }
    return token == JsonToken.VALUE_TRUE;
  }

  @Override
  public String toKey(Boolean value) {
    return value.toString();
  }

  @Override
  public Boolean fromKey(String key) {
    if (!key.equals("true") && !key.equals("false")) {
      throw Tokens.badKey("true or false", key);
    }
    return key.equals("true");
  }
}
