package dev.burrow.runtime.codec;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/** A map as a JSON object in insertion order, read into a {@link LinkedHashMap}. */
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
      out.writeName(keys.toKey(entry.getKey()));
      Tokens.writeOrNull(out, values, entry.getValue());
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
        JsonToken token = in.nextToken();
        result.put(key, token == JsonToken.VALUE_NULL ? null : values.read(in));
      } catch (DocumentFormatException e) {
        throw new DocumentFormatException("key \"" + name + "\": " + e.getMessage(), e.getCause());
      }
    }
    Tokens.expect(in, JsonToken.END_OBJECT, "a key or }");
    return result;
  }
}
