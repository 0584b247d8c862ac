package dev.burrow.cli.root;

import dev.burrow.runtime.internal.transfer.ExactJson;
import dev.burrow.runtime.internal.transfer.RawDocument;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.TypeSerializer;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.RawValue;

/** A stored document's JSON, read for printing and filtering. */
public final class Documents {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Documents() {}

  /** The document as a JSON object (the store checked that it is one when it read it). */
  public static ObjectNode tree(RawDocument document) {
    return (ObjectNode) JSON.readTree(document.json());
  }

  /**
   * The document to print, without its top-level fields {@code leftOut}, each number as stored (as
   * an export writes it): read into a tree, 1e400 would be printed as Infinity and 1.10 as 1.1.
   */
  public static JsonNode exact(RawDocument document, Set<String> leftOut) {
    return JsonNodeFactory.instance.rawValueNode(new RawValue(new Exact(document, leftOut)));
  }

  /** A top-level field's value as text (a string as is, anything else as JSON), or null. */
  public static @Nullable String field(ObjectNode document, String name) {
    JsonNode value = document.get(name);
    if (value == null || value.isMissingNode()) {
      return null;
    }
    return value.isString() ? value.asString() : value.toString();
  }

  /** Writes the document's fields, but those left out, to whatever generator prints it. */
  private static final class Exact extends JacksonSerializable.Base {
    private final RawDocument document;
    private final Set<String> leftOut;

    Exact(RawDocument document, Set<String> leftOut) {
      this.document = document;
      this.leftOut = leftOut;
    }

    @Override
    public void serialize(JsonGenerator out, SerializationContext context) {
      try (JsonParser in = JSON.createParser(document.json())) {
        in.nextToken();
        out.writeStartObject();
        while (in.nextToken() == JsonToken.PROPERTY_NAME) {
          String name = in.currentName();
          in.nextToken();
          if (leftOut.contains(name)) {
            in.skipChildren();
          } else {
            out.writeName(name);
            ExactJson.copy(in, out);
          }
        }
        out.writeEndObject();
      }
    }

    @Override
    public void serializeWithType(
        JsonGenerator out, SerializationContext context, TypeSerializer types) {
      serialize(out, context);
    }
  }
}
