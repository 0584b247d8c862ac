package dev.burrow.cli.command;

import dev.burrow.cli.output.Json;
import dev.burrow.cli.root.JsonDocument;
import dev.burrow.cli.root.RootKind;
import tools.jackson.databind.node.ObjectNode;

/** One instance on one line, for people: ID, version, last update, the other fields. */
final class Rows {
  private static final int MAX_FIELDS_CHARS = 120;

  private Rows() {}

  static String summary(RootKind kind, JsonDocument document) {
    ObjectNode others = document.document().deepCopy();
    others.remove(kind.idField());
    others.remove(kind.versionField());
    String createdAt = kind.createdAtField();
    if (createdAt != null) {
      others.remove(createdAt);
    }
    String updatedAtField = kind.updatedAtField();
    if (updatedAtField != null) {
      others.remove(updatedAtField);
    }
    String fields = Json.compact(others);
    if (fields.length() > MAX_FIELDS_CHARS) {
      fields = fields.substring(0, MAX_FIELDS_CHARS - 3) + "...";
    }
    String updated = updatedAtField == null ? null : document.field(updatedAtField);
    return String.join(
        "  ", document.id(), "v" + document.version(), updated == null ? "-" : updated, fields);
  }
}
