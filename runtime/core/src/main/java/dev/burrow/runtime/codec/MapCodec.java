package dev.burrow.runtime.codec;

import dev.burrow.MisuseException;
import dev.burrow.spi.PathSegments;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A map as a JSON object in insertion order, read into a {@link LinkedHashMap}. Values are never
 * null: a null value is refused when written and reported as damage when read.
 */
final class MapCodec<K, V> implements ValueCodec<Map<K, V>> {
  private final ScalarCodec<K> keys;
  private final ValueCodec<V> values;

  MapCodec(ScalarCodec<K> keys, ValueCodec<V> values) {
    this.keys = keys;
    this.values = values;
  }

  @Override
  public void write(JsonGenerator out, Map<K, V> value) {
    out.writeStartObject();
    for (Map.Entry<K, V> entry : value.entrySet()) {
      K key = entry.getKey();
      V element = entry.getValue();
      if (key == null || element == null) {
        throw new MisuseException(
            "a map holds a null "
                + (key == null ? "key" : "value for key \"" + quoted(keys.toKey(key)) + "\"")
                + "; map keys and values cannot be null");
      }
      out.writeName(keys.toKey(key));
      values.write(out, element);
    }
    out.writeEndObject();
  }

  @Override
  public Map<K, V> read(JsonParser in) {
    Tokens.expect(in, JsonToken.START_OBJECT, "an object");
    Map<K, V> result = new LinkedHashMap<>();
    for (String name = in.nextName(); name != null; name = in.nextName()) {
      try {
        K key = keys.fromKey(name);
        if (in.nextToken() == JsonToken.VALUE_NULL) {
          throw new DocumentFormatException(
              "null is not allowed, map values cannot be null " + Tokens.where(in));
        }
        result.put(key, values.read(in));
      } catch (DocumentFormatException e) {
        throw new DocumentFormatException(
            "key \"" + quoted(name) + "\": " + e.getMessage(), e.getCause());
      }
    }
    Tokens.expect(in, JsonToken.END_OBJECT, "a key or }");
    return result;
  }

  private static String quoted(String key) {
    return PathSegments.printable(key);
  }
}
