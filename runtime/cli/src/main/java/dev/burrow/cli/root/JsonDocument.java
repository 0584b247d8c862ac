package dev.burrow.cli.root;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One stored document as the command sees it: its ID and version, read by its kind's managed field
 * names, and the document itself.
 *
 * @param id the instance's ID
 * @param version its version
 * @param document the document as stored
 * @param bytes its size on disk
 */
public record JsonDocument(String id, long version, ObjectNode document, int bytes) {
  /** The field's value as text (a string as is, anything else as JSON), or null if absent. */
  public @Nullable String field(String name) {
    JsonNode value = document.get(name);
    if (value == null || value.isMissingNode()) {
      return null;
    }
    return value.isString() ? value.asString() : value.toString();
  }
}
