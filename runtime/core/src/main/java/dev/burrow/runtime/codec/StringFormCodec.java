package dev.burrow.runtime.codec;

import java.util.function.Function;
import tools.jackson.core.JsonParser;

/** A scalar with a canonical string form, parsed and formatted by two functions. */
abstract class StringFormCodec<V> implements ScalarCodec<V> {
  private final String description;
  private final Function<V, String> format;
  private final Function<String, V> parse;

  StringFormCodec(String description, Function<V, String> format, Function<String, V> parse) {
    this.description = description;
    this.format = format;
    this.parse = parse;
  }

  /** What a valid value looks like, for messages. */
  final String description() {
    return description;
  }

  final String format(V value) {
    return format.apply(value);
  }

  /** Parses the current token's text, reporting a mismatch at the parser's position. */
  final V parseCurrent(JsonParser in) {
    String text = in.getString(); // malformed JSON here is the reader's to report, as such
    try {
      return parse.apply(text);
    } catch (RuntimeException e) {
      throw Tokens.mismatch(in, description);
    }
  }

  @Override
  public final String toKey(V value) {
    return format.apply(value);
  }

  @Override
  public final V fromKey(String key) {
    try {
      return parse.apply(key);
    } catch (RuntimeException e) {
      throw Tokens.badKey(description, key);
    }
  }
}
