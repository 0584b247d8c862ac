package dev.burrow.runtime.testing;

import dev.burrow.IdKind;
import dev.burrow.IndexedField;
import dev.burrow.UnknownFields;
import dev.burrow.runtime.codec.DocumentReader;
import dev.burrow.runtime.codec.ValueCodec;
import dev.burrow.runtime.codec.ValueCodecs;
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
  private static final ValueCodec<Map<String, String>> PARAMS =
      ValueCodecs.mapOf(ValueCodecs.STRING, ValueCodecs.STRING);
  private static final InstanceLayout LAYOUT =
      new InstanceLayout(
          "counters",
          SUBDIRECTORIES,
          "BURROW_TEST_COUNTERS_DIR",
          "~/.burrow-test-counters",
          IdKind.SNOWFLAKE);

  private final List<IndexedField<Counter, ?>> indexes;
  private final @Nullable InstanceCodec<Counter> codec;

  private CounterSchema(
      List<IndexedField<Counter, ?>> indexes, @Nullable InstanceCodec<Counter> codec) {
    this.indexes = indexes;
    this.codec = codec;
  }

  private CounterSchema(List<IndexedField<Counter, ?>> indexes) {
    this(indexes, null);
  }

  /** The counter schema with {@code indexes} indexed. */
  @SafeVarargs
  public static CounterSchema indexing(IndexedField<Counter, ?>... indexes) {
    return new CounterSchema(List.of(indexes));
  }

  /** This schema, its documents read and written by {@code other} instead of its own codec. */
  public CounterSchema withCodec(InstanceCodec<Counter> other) {
    return new CounterSchema(indexes, other);
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
    return codec != null ? codec : this;
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

  /**
   * Reads a document through the runtime's {@link DocumentReader}, as a generated codec does: bytes
   * that are not well-formed UTF-8 (the overlong {@code C0 AF} among them), malformed JSON, values
   * of the wrong type, trailing content and a missing required field are refused with a {@link
   * dev.burrow.runtime.codec.DocumentFormatException}. The version is read as a string (as {@link
   * #encode} writes it) or a number.
   */
  @Override
  public Counter decode(byte[] json) {
    String id = null;
    Long version = null;
    Instant createdAt = null;
    Instant updatedAt = null;
    String status = "PENDING";
    long count = 0;
    Map<String, String> params = new LinkedHashMap<>();
    try (DocumentReader in = DocumentReader.open(json, "Counter", UnknownFields.IGNORE)) {
      for (String field = in.nextField(); field != null; field = in.nextField()) {
        switch (field) {
          case "id" -> id = in.read(ValueCodecs.STRING);
          case "version" -> version = in.read(ValueCodecs.LONG);
          case "createdAt" -> createdAt = in.read(ValueCodecs.INSTANT);
          case "updatedAt" -> updatedAt = in.read(ValueCodecs.INSTANT);
          case "status" -> status = in.read(ValueCodecs.STRING);
          case "count" -> count = in.read(ValueCodecs.LONG);
          case "params" -> params = in.read(PARAMS);
          default -> in.unknownField();
        }
      }
    }
    return new Counter(
        DocumentReader.required(id, "id"),
        DocumentReader.required(version, "version"),
        DocumentReader.required(createdAt, "createdAt"),
        DocumentReader.required(updatedAt, "updatedAt"),
        status,
        count,
        params);
  }
}
