package dev.burrow.cli.root;

import dev.burrow.MisuseException;
import dev.burrow.spi.InstanceCodec;
import dev.burrow.spi.InstanceLayout;
import dev.burrow.spi.InstanceSchema;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A schema of plain JSON documents for a kind known only from its data root's marker: a backend
 * opened with it reads every document as a JSON object, its ID and version read by the kind's field
 * names. It creates and changes nothing.
 */
final class JsonDocumentSchema implements InstanceSchema<JsonDocument> {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final RootKind kind;
  private final InstanceLayout layout;
  private final InstanceCodec<JsonDocument> codec;

  JsonDocumentSchema(RootKind kind) {
    this.kind = kind;
    this.layout = new InstanceLayout(kind.kind(), kind.subdirectories(), null, ".", kind.idKind());
    this.codec =
        new InstanceCodec<>() {
          @Override
          public byte[] encode(JsonDocument instance) {
            return JSON.writeValueAsBytes(instance.document());
          }

          @Override
          public JsonDocument decode(byte[] json) {
            return parse(json);
          }
        };
  }

  private JsonDocument parse(byte[] json) {
    JsonNode tree = JSON.readTree(json);
    if (!(tree instanceof ObjectNode document)) {
      throw new IllegalArgumentException("not a JSON object");
    }
    JsonNode id = document.path(kind.idField());
    JsonNode version = document.path(kind.versionField());
    if (!id.isString()) {
      throw new IllegalArgumentException("no string field '" + kind.idField() + "' (the ID)");
    }
    long number;
    if (version.isIntegralNumber() && version.canConvertToLong()) {
      number = version.asLong();
    } else if (version.isString() && version.asString().matches("-?[0-9]{1,19}")) {
      number = Long.parseLong(version.asString());
    } else {
      throw new IllegalArgumentException(
          "no whole-number field '" + kind.versionField() + "' (the version)");
    }
    return new JsonDocument(id.asString(), number, document, json.length);
  }

  @Override
  public Class<JsonDocument> type() {
    return JsonDocument.class;
  }

  @Override
  public InstanceLayout layout() {
    return layout;
  }

  @Override
  public InstanceCodec<JsonDocument> codec() {
    return codec;
  }

  @Override
  public String id(JsonDocument instance) {
    return instance.id();
  }

  @Override
  public long version(JsonDocument instance) {
    return instance.version();
  }

  @Override
  public @Nullable Instant createdAt(JsonDocument instance) {
    String field = kind.createdAtField();
    String text = field == null ? null : instance.field(field);
    try {
      return text == null ? null : Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Override
  public JsonDocument fresh(String id) {
    throw readOnly();
  }

  @Override
  public JsonDocument stamp(
      JsonDocument instance, long version, Instant createdAt, Instant updatedAt) {
    throw readOnly();
  }

  private MisuseException readOnly() {
    return new MisuseException(
        "the burrow command reads documents of kind '" + kind.kind() + "'; it creates none");
  }
}
