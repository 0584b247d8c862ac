package dev.burrow.cli.command;

import dev.burrow.cli.output.Json;
import dev.burrow.cli.root.Documents;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.transfer.KindDescription;
import dev.burrow.runtime.internal.transfer.ManagedFields;
import dev.burrow.runtime.internal.transfer.RawDocument;
import tools.jackson.databind.node.ObjectNode;

/**
 * One instance on one line, for people: ID, version, last update, the other fields, escaped ({@link
 * Printable#escaped}).
 */
final class Rows {
  private static final int MAX_FIELDS_CHARS = 120;

  private Rows() {}

  static String summary(KindDescription kind, RawDocument document) {
    ObjectNode others = Documents.tree(document);
    ManagedFields managed = kind.fields();
    others.remove(managed.id());
    others.remove(managed.version());
    String createdAt = managed.createdAt();
    if (createdAt != null) {
      others.remove(createdAt);
    }
    String updatedAtField = managed.updatedAt();
    if (updatedAtField != null) {
      others.remove(updatedAtField);
    }
    String fields = Json.compact(others);
    if (fields.length() > MAX_FIELDS_CHARS) {
      fields = fields.substring(0, MAX_FIELDS_CHARS - 3) + "...";
    }
    String updated = document.updatedAt();
    return Printable.line(
        String.join(
            "  ",
            document.id(),
            "v" + document.version(),
            updated == null ? "-" : updated,
            fields));
  }
}
