package dev.burrow.cli.root;

import dev.burrow.runtime.internal.transfer.RawDocument;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A stored document's JSON, read for printing and filtering. */
public final class Documents {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Documents() {}

  /** The document as a JSON object (the store checked that it is one when it read it). */
  public static ObjectNode tree(RawDocument document) {
    return (ObjectNode) JSON.readTree(document.json());
  }

  /** A top-level field's value as text (a string as is, anything else as JSON), or null. */
  public static @Nullable String field(ObjectNode document, String name) {
    JsonNode value = document.get(name);
    if (value == null || value.isMissingNode()) {
      return null;
    }
    return value.isString() ? value.asString() : value.toString();
  }
}
