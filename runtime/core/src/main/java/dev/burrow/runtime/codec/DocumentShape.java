package dev.burrow.runtime.codec;

import dev.burrow.UnknownFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The fields a generated codec reads, each with the codec that reads it and whether it may be null,
 * and what the codec does with a field its type does not declare. Recorded with the kind (in the
 * data root's {@code .burrow/store.json}, in PostgreSQL's kinds row) as JSON, so that a tool
 * without the user's classes checks a document as strictly as the application's codec reads it: the
 * JSON type of every field, number ranges, ISO-8601 forms, enum constants, nulls and unknown
 * fields. Values the codec reads with Jackson databind (nested records and classes) are checked
 * only as well-formed JSON.
 *
 * <p>Support for generated code, not a user API: see the {@linkplain dev.burrow.runtime.codec
 * package}. Immutable and thread-safe.
 */
public final class DocumentShape {
  private final String typeName;
  private final UnknownFields unknownFields;
  private final Map<String, FieldShape> fields;

  private DocumentShape(
      String typeName, UnknownFields unknownFields, Map<String, FieldShape> fields) {
    this.typeName = typeName;
    this.unknownFields = unknownFields;
    this.fields = fields;
  }

  /**
   * Starts the shape of a codec that reads documents of the type named {@code typeName} (for
   * messages) and treats fields the type does not declare by {@code policy}.
   */
  public static Builder builder(String typeName, UnknownFields policy) {
    return new Builder(typeName, policy);
  }

  /**
   * Checks {@code json} as the codec this shape describes reads it, costing one pass over the
   * document.
   *
   * @throws DocumentFormatException naming the first field that the codec would refuse and why
   */
  public void check(byte[] json) {
    List<String> missing = new ArrayList<>();
    fields.forEach(
        (name, field) -> {
          if (field.required()) {
            missing.add(name);
          }
        });
    try (DocumentReader reader = DocumentReader.open(json, typeName, unknownFields)) {
      for (String name = reader.nextField(); name != null; name = reader.nextField()) {
        FieldShape field = fields.get(name);
        if (field == null) {
          reader.unknownField();
        } else if (field.nullable()) {
          reader.readNullable(field.codec());
        } else {
          reader.read(field.codec());
          missing.remove(name);
        }
      }
    }
    if (!missing.isEmpty()) {
      DocumentReader.required(null, missing.get(0));
    }
  }

  /**
   * This shape as JSON: {@code {"type": "Order", "unknownFields": "FAIL", "fields": {"name":
   * {"type": …, "nullable": …, "required": …}}}}, each field's type as {@link CodecShapes}
   * describes it.
   */
  public ObjectNode toJson() {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    node.put("type", typeName).put("unknownFields", unknownFields.name());
    ObjectNode described = node.putObject("fields");
    fields.forEach(
        (name, field) -> {
          ObjectNode entry = described.putObject(name);
          entry.set("type", CodecShapes.describe(field.codec()));
          entry.put("nullable", field.nullable()).put("required", field.required());
        });
    return node;
  }

  /**
   * Reads a shape written by {@link #toJson}, by this Burrow or a newer one: what this one does not
   * know is read leniently, so that no document is refused wrongly (a type as any well-formed JSON,
   * an unknown-fields policy as {@link UnknownFields#IGNORE}).
   *
   * @throws IllegalArgumentException if {@code node} is no shape: it has no {@code fields} object
   */
  public static DocumentShape fromJson(JsonNode node) {
    String policy = node.path("unknownFields").asString("");
    Builder builder =
        builder(
            node.path("type").asString("document"),
            policy.equals(UnknownFields.FAIL.name()) ? UnknownFields.FAIL : UnknownFields.IGNORE);
    JsonNode described = node.path("fields");
    if (!described.isObject()) {
      throw new IllegalArgumentException("a document shape without a 'fields' object");
    }
    for (Map.Entry<String, JsonNode> entry : described.properties()) {
      JsonNode field = entry.getValue();
      boolean nullable = field.path("nullable").asBoolean(false);
      builder.add(
          entry.getKey(),
          new FieldShape(
              CodecShapes.rebuild(field.path("type")),
              nullable,
              !nullable && field.path("required").asBoolean(false)));
    }
    return builder.build();
  }

  @Override
  public boolean equals(@Nullable Object other) {
    return other instanceof DocumentShape shape && toJson().equals(shape.toJson());
  }

  @Override
  public int hashCode() {
    return Objects.hash(typeName, unknownFields, fields.keySet());
  }

  @Override
  public String toString() {
    return toJson().toString();
  }

  private record FieldShape(ValueCodec<?> codec, boolean nullable, boolean required) {}

  /** Collects a shape's fields in the order the codec writes them. */
  public static final class Builder {
    private final String typeName;
    private final UnknownFields unknownFields;
    private final Map<String, FieldShape> fields = new LinkedHashMap<>();

    private Builder(String typeName, UnknownFields unknownFields) {
      this.typeName = typeName;
      this.unknownFields = unknownFields;
    }

    /** A field every document has, never null (the ID and the version). */
    public Builder required(String name, ValueCodec<?> codec) {
      return add(name, new FieldShape(codec, false, true));
    }

    /** A field a document may lack (it reads as its default), never null. */
    public Builder field(String name, ValueCodec<?> codec) {
      return add(name, new FieldShape(codec, false, false));
    }

    /** A field a document may lack or hold as null. */
    public Builder nullable(String name, ValueCodec<?> codec) {
      return add(name, new FieldShape(codec, true, false));
    }

    public DocumentShape build() {
      return new DocumentShape(typeName, unknownFields, new LinkedHashMap<>(fields));
    }

    private Builder add(String name, FieldShape field) {
      if (fields.putIfAbsent(name, field) != null) {
        throw new IllegalArgumentException("a document shape with two fields named '" + name + "'");
      }
      return this;
    }
  }
}
