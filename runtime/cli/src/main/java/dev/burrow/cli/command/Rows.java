package dev.burrow.cli.command;

import dev.burrow.cli.output.Json;
import dev.burrow.cli.root.Documents;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.transfer.KindDescription;
import dev.burrow.runtime.internal.transfer.ManagedFields;
import dev.burrow.runtime.internal.transfer.RawDocument;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * One instance on one line, for people: ID, version, last update, the other fields, escaped ({@link
 * Printable#escaped}).
 */
final class Rows {
  private static final int MAX_FIELDS_CHARS = 120;

  private Rows() {}

  static String summary(KindDescription kind, RawDocument document) {
    ManagedFields managed = kind.fields();
    Set<String> leftOut = new HashSet<>(List.of(managed.id(), managed.version()));
    String createdAt = managed.createdAt();
    if (createdAt != null) {
      leftOut.add(createdAt);
    }
    String updatedAtField = managed.updatedAt();
    if (updatedAtField != null) {
      leftOut.add(updatedAtField);
    }
    JsonNode others = Documents.exact(document, leftOut);
    String fields = shortened(Json.compact(others), MAX_FIELDS_CHARS);
    String updated = document.updatedAt();
    return Printable.line(
        String.join(
            "  ",
            document.id(),
            "v" + document.version(),
            updated == null ? "-" : updated,
            fields));
  }

  /**
   * {@code json}, if longer than {@code max} characters, cut to at most {@code max} with {@code
   * ...} at the end: cut before a JSON escape (a backslash and what it escapes, six characters for
   * a {@code u} escape) or a surrogate pair that would not fit whole, never inside one, so that no
   * cut escape reads as other text.
   */
  static String shortened(String json, int max) {
    if (json.length() <= max) {
      return json;
    }
    int cut = max - 3;
    for (int i = 0; i < cut; ) {
      int length = json.charAt(i) == '\\' ? (json.startsWith("u", i + 1) ? 6 : 2) : 1;
      if (i + length > cut) {
        cut = i;
        break;
      }
      i += length;
    }
    if (cut > 0 && Character.isHighSurrogate(json.charAt(cut - 1))) {
      cut--;
    }
    return json.substring(0, cut) + "...";
  }
}
