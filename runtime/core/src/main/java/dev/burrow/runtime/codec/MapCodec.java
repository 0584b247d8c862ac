package dev.burrow.runtime.codec;

import dev.burrow.MisuseException;
import dev.burrow.spi.PathSegments;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * A map as a JSON object in insertion order, read into a {@link LinkedHashMap}. Keys are never
 * null; unless the value type admits null (Kotlin's {@code Map<String, String?>}), a null value is
 * refused when written and reported as damage when read.
 */
final class MapCodec<K, V extends @Nullable Object> implements ValueCodec<Map<K, V>> {
  private final ScalarCodec<K> keys;
  private final ElementCodec<V> values;

  MapCodec(ScalarCodec<K> keys, ElementCodec<V> values) {
    this.keys = keys;
    this.values = values;
  }

  ScalarCodec<K> keys() {
    return keys;
  }

  ValueCodec<?> values() {
    return values.codec();
  }

  boolean nullable() {
    return values.nullable();
  }

  @Override
  public void write(JsonGenerator out, Map<K, V> value) {
    out.writeStartObject();
    for (Map.Entry<K, V> entry : value.entrySet()) {
      K key = entry.getKey();
      V element = entry.getValue();
      if (key == null || (element == null && !values.nullable())) {
        throw new MisuseException(
            "a map holds a null "
                + (key == null ? "key" : "value for key \"" + quoted(keys.toKey(key)) + "\"")
                + "; map keys are never null, and its values are not declared nullable");
      }
      out.writeName(keys.toKey(key));
      if (element == null) {
        out.writeNull();
      } else {
        values.write(out, element);
      }
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
        if (in.nextToken() != JsonToken.VALUE_NULL) {
          result.put(key, values.read(in));
        } else if (values.nullable()) {
          result.put(key, values.nullElement());
        } else {
          throw new DocumentFormatException(
              "null is not allowed, the map's values are not nullable " + Tokens.where(in));
        }
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
