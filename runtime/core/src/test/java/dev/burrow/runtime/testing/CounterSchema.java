package dev.burrow.runtime.testing;

import dev.burrow.IdKind;
import dev.burrow.IndexedField;
import dev.burrow.spi.InstanceCodec;
import dev.burrow.spi.InstanceLayout;
import dev.burrow.spi.InstanceSchema;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * A hand-written schema, as the annotation processor would generate it: proves the runtime needs
 * nothing generated. {@link #indexing} gives the same kind and documents with components indexed,
 * as {@code @Indexed} would declare them.
 */
public final class CounterSchema implements InstanceSchema<Counter>, InstanceCodec<Counter> {
  public static final CounterSchema INSTANCE = new CounterSchema(List.of());

  /** {@link Counter#status()}, as an indexed component. */
  public static final IndexedField<Counter, String> STATUS =
      IndexedField.of("status", Counter::status, status -> status);

  /** {@link Counter#count()}, as an indexed component. */
  public static final IndexedField<Counter, Long> COUNT =
      IndexedField.of("count", Counter::count, String::valueOf);

  public static final List<String> SUBDIRECTORIES = List.of("workspace", "logs");

  private static final JsonFactory JSON = new JsonFactory();
  private static final InstanceLayout LAYOUT =
      new InstanceLayout(
          "counters",
          SUBDIRECTORIES,
          "BURROW_TEST_COUNTERS_DIR",
          "~/.burrow-test-counters",
          IdKind.SNOWFLAKE);

  private final List<IndexedField<Counter, ?>> indexes;

  private CounterSchema(List<IndexedField<Counter, ?>> indexes) {
    this.indexes = indexes;
  }

  /** The counter schema with {@code indexes} indexed. */
  @SafeVarargs
  public static CounterSchema indexing(IndexedField<Counter, ?>... indexes) {
    return new CounterSchema(List.of(indexes));
  }

  @Override
  public List<IndexedField<Counter, ?>> indexes() {
    return indexes;
  }

  @Override
  public Class<Counter> type() {
    return Counter.class;
  }

  @Override
  public InstanceLayout layout() {
    return LAYOUT;
  }

  @Override
  public InstanceCodec<Counter> codec() {
    return this;
  }

  @Override
  public String id(Counter instance) {
    return instance.id();
  }

  @Override
  public long version(Counter instance) {
    return instance.version();
  }

  @Override
  public @Nullable Instant createdAt(Counter instance) {
    return instance.createdAt();
  }

  @Override
  public Counter fresh(String id) {
    return new Counter(id, 0, Instant.EPOCH, Instant.EPOCH, "PENDING", 0, new LinkedHashMap<>());
  }

  @Override
  public Counter stamp(Counter c, long version, Instant createdAt, Instant updatedAt) {
    return new Counter(c.id(), version, createdAt, updatedAt, c.status(), c.count(), c.params());
  }

  @Override
  public byte[] encode(Counter c) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringProperty("id", c.id());
      g.writeStringProperty("version", Long.toString(c.version()));
      g.writeStringProperty("createdAt", c.createdAt().toString());
      g.writeStringProperty("updatedAt", c.updatedAt().toString());
      g.writeStringProperty("status", c.status());
      g.writeNumberProperty("count", c.count());
      g.writeObjectPropertyStart("params");
      for (Map.Entry<String, String> e : c.params().entrySet()) {
        g.writeStringProperty(e.getKey(), e.getValue());
      }
      g.writeEndObject();
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  @Override
  public Counter decode(byte[] json) {
    Counter fresh = fresh("");
    String id = null;
    long version = -1;
    Instant createdAt = null;
    Instant updatedAt = null;
    String status = fresh.status();
    long count = fresh.count();
    Map<String, String> params = new LinkedHashMap<>();
    try (JsonParser p = JSON.createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("expected a JSON object");
      }
      while (p.nextToken() == JsonToken.PROPERTY_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "id" -> id = text(p, value, name);
          case "version" -> version = Long.parseLong(text(p, value, name));
          case "createdAt" -> createdAt = Instant.parse(text(p, value, name));
          case "updatedAt" -> updatedAt = Instant.parse(text(p, value, name));
          case "status" -> status = text(p, value, name);
          case "count" -> count = p.getLongValue();
          case "params" -> {
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
              String key = p.currentName();
              params.put(key, text(p, p.nextToken(), key));
            }
          }
          default -> p.skipChildren();
        }
      }
      if (p.nextToken() != null) {
        throw new IllegalArgumentException("trailing content after the JSON object");
      }
    }
    if (id == null || version < 0 || createdAt == null || updatedAt == null) {
      throw new IllegalArgumentException(
          "missing required field id, version, createdAt or updatedAt");
    }
    return new Counter(id, version, createdAt, updatedAt, status, count, params);
  }

  private static String text(JsonParser p, JsonToken token, String field) {
    if (token != JsonToken.VALUE_STRING) {
      throw new IllegalArgumentException("field '" + field + "' must be a string, is " + token);
    }
    return p.getString();
  }
}
