package dev.burrow.runtime.codec;

import java.util.Set;
import java.util.function.Function;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A number, parsed from and formatted to its exact decimal text so that no value is rounded on the
 * way. Values a double cannot hold exactly are written as strings (see the package documentation);
 * NaN and the infinities, which JSON numbers cannot express, too.
 */
final class NumberCodec<V> extends StringFormCodec<V> {
  private static final Set<String> NON_FINITE = Set.of("NaN", "Infinity", "-Infinity");

  private final boolean integral;
  private final boolean asString;

  NumberCodec(
      String description,
      boolean integral,
      boolean asString,
      Function<V, String> format,
      Function<String, V> parse) {
    super(description, format, parse);
    this.integral = integral;
    this.asString = asString;
  }

  @Override
  public void write(JsonGenerator out, V value) {
    String text = format(value);
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
      throw Tokens.mismatch(in, description());
    }
    return parseCurrent(in);
  }
}
