package dev.burrow.cli.output;

import dev.burrow.ImportSummary;
import tools.jackson.databind.node.ObjectNode;

/** What an import or a migration did, as {@code import} and {@code migrate} report it. */
public final class ImportReport {
  private ImportReport() {}

  /** {@code {"created", "replaced", "unchanged", "keptNewer", "files", "damaged", "skipped"}}. */
  public static ObjectNode json(ImportSummary summary) {
    return Json.object()
        .put("created", summary.created())
        .put("replaced", summary.replaced())
        .put("unchanged", summary.unchanged())
        .put("keptNewer", summary.keptNewer())
        .put("files", summary.files())
        .put("damaged", summary.damaged())
        .put("skipped", summary.skipped());
  }

  /** {@code N documents: a created, b replaced, c unchanged, d newer kept}, for people. */
  public static String counts(ImportSummary summary) {
    return Counts.of(summary.documents(), "document")
        + ": "
        + summary.created()
        + " created, "
        + summary.replaced()
        + " replaced, "
        + summary.unchanged()
        + " unchanged, "
        + summary.keptNewer()
        + " newer kept";
  }
}
