package dev.burrow.cli.command;

import dev.burrow.cli.output.Json;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.filestore.Leftover;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/** How {@code fsck} names a leftover: no damage, only what the sweep removes. */
final class LeftoverReport {
  private LeftoverReport() {}

  /** What left it, for a person. */
  static String reason(Leftover leftover) {
    return switch (leftover.kind()) {
      case STAGING -> "a create a crash interrupted; its instance was never published";
      case TRASH ->
          "files of a deleted instance not yet removed (the process that deleted it died or"
              + " exited first, or is still removing them); the instance itself is gone";
      case TEMPORARY ->
          "temporary files of writes a process that is gone never finished; none of them became"
              + " data";
    };
  }

  /** {@code leftover: <location>: <reason>; fsck --repair removes it}, for plain fsck. */
  static String found(Leftover leftover) {
    return Printable.escaped(
        "leftover: "
            + leftover.location()
            + ": "
            + reason(leftover)
            + "; fsck --repair removes it");
  }

  /** {@code swept: <location>: <reason>}, for fsck --repair. */
  static String swept(Leftover leftover) {
    return Printable.escaped("swept: " + leftover.location() + ": " + reason(leftover));
  }

  /** {@code {"location": …, "kind": "staging"|"trash"|"temporary", "reason": …}}. */
  static ObjectNode json(Leftover leftover) {
    return Json.object()
        .put("location", leftover.location().toString())
        .put("kind", leftover.kind().name().toLowerCase(Locale.ROOT))
        .put("reason", reason(leftover));
  }
}
