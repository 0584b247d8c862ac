package dev.burrow.runtime.codec;

import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A number, parsed from and formatted to its exact decimal text so that no value is rounded
 * on the way. Values a double cannot hold exactly are written as strings (see the package
 * documentation); NaN and the infinities, which JSON numbers cannot express, too.
 */
final class NumberCodec<V> implements ScalarCodec<V> {
  private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");

  private final String description;
  private final boolean integral;
  private final boolean asString;
  private final Function<V, String> format;
  private final Function<String, V> parse;

  NumberCodec(
      String description,
      boolean integral,
      boolean asString,
      Function<V, String> format,
      Function<String, V> parse) {
    this.description = description;
    this.integral = integral;
    this.asString = asString;
    this.format = format;
    this.parse = parse;
  }

  @Override
  public void write(JsonGenerator out, V value) {
    String text = format.apply(value);
    if (asString || NON_FINITE.contains(text)) {
      out.writeString(text);
    } else {
      out.writeNumber(text);
    }
  }

  @Override
  public V read(JsonParser in) {
    JsonToken token = in.currentToken();
    boolean accepted =
        token == JsonToken.VALUE_NUMBER_INT
            || (token == JsonToken.VALUE_NUMBER_FLOAT && !integral)
            || (token == JsonToken.VALUE_STRING
                && (asString || (!integral && NON_FINITE.contains(in.getString()))));
    if (!accepted) {
      throw Tokens.mismatch(in, description);
    }
    try {
      return parse.apply(in.getString());
    } catch (NumberFormatException e) {
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
    } catch (NumberFormatException e) {
      throw Tokens.badKey(description, key);
    }
  }
}
