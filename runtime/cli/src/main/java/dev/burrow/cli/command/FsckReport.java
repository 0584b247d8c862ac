package dev.burrow.cli.command;

import dev.burrow.cli.output.Counts;
import dev.burrow.cli.output.Damage;
import dev.burrow.cli.output.Json;
import dev.burrow.cli.output.LeftOut;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.index.FileIndexes;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * How {@code fsck} reports what it found and repaired: one line each for people, ending with the
 * summary ({@link FsckSummary}), or one JSON object with every documented member for scripts
 * ({@code --json}), whatever could be checked.
 */
final class FsckReport {
  private final PrintWriter out;
  private final boolean json;
  private final FsckFindings findings;
  private final FsckRepairs repairs;

  FsckReport(PrintWriter out, boolean json, FsckFindings findings, FsckRepairs repairs) {
    this.out = out;
    this.json = json;
    this.findings = findings;
    this.repairs = repairs;
  }

  /**
   * The report of the root at {@code root}, of kind {@code kind}, once it was checked, or once the
   * check stopped for {@code failure} (what was found and repaired so far).
   */
  void checked(String kind, Path root, @Nullable Throwable failure) {
    if (json) {
      out.println(Json.pretty(json(kind, root, failure)));
      return;
    }
    printDamaged();
    findings
        .unreadable()
        .forEach(f -> out.println(Damage.unreadableLine(f.location(), f.reason())));
    if (findings.notShown() > 0) {
      out.println(Damage.notShown(findings.notShown(), LeftOut.MAX_NAMED));
    }
    findings.notes().named().forEach(f -> out.println(Damage.note(f.location(), f.reason())));
    findings.notes().printNotShown(out, "note", "notes");
    findings
        .leftovers()
        .named()
        .forEach(
            leftover ->
                out.println(
                    repairs.swept()
                        ? LeftoverReport.swept(leftover)
                        : LeftoverReport.found(leftover)));
    findings.leftovers().printNotShown(out, "leftover", "leftovers");
    repairs
        .removedFromTemporaryArea()
        .forEach(
            planted ->
                out.println(
                    Printable.escaped(
                        "removed: "
                            + planted.path()
                            + (planted.lease()
                                ? " (not a regular file, so no live session's lease; its session"
                                    + " directory was swept)"
                                : " (not a directory, so no live session's; the entry itself was"
                                    + " removed, never what a link points to)"))));
    repairs
        .moved()
        .named()
        .forEach(
            move ->
                out.println(
                    Printable.escaped("quarantined: " + move.entry() + " -> " + move.target())));
    repairs.moved().printNotShown(out, "entry quarantined", "entries quarantined");
    FileIndexes.Repair indexRepair = repairs.indexRepair();
    if (indexRepair != null) {
      printIndexRepair(indexRepair);
    }
    out.println(FsckSummary.line(root, findings, repairs.swept(), failure));
  }

  /**
   * The report when the root at {@code root} cannot be opened because of the damage found (the kind
   * marker, or a path of Burrow's own): nothing else could be checked, and {@code why}.
   */
  void unchecked(Path root, String why) {
    if (json) {
      findings.note(FsckFindings.Finding.of(root, why));
      out.println(Json.pretty(json(null, root, null)));
      return;
    }
    printDamaged();
    out.println(Damage.located(root.toString(), why));
  }

  private void printDamaged() {
    findings.damaged().forEach(f -> out.println(Damage.line(f.location(), f.reason())));
  }

  private void printIndexRepair(FileIndexes.Repair done) {
    done.removed()
        .forEach(path -> out.println(Printable.escaped("removed from the indexes: " + path)));
    if (!done.rebuilt().isEmpty()) {
      out.println(
          "indexes rebuilt: "
              + String.join(", ", done.rebuilt().stream().map(Printable::escaped).toList())
              + "; "
              + Counts.of(done.staleRemoved(), "stale entry", "stale entries")
              + " removed");
    }
    done.leftIncomplete()
        .forEach(
            component ->
                out.println(
                    "index left incomplete: "
                        + Printable.escaped(component)
                        + " (the application rebuilds it before its next query on it)"));
  }

  /** The {@code --json} report: every documented member, whatever could be checked. */
  private ObjectNode json(@Nullable String kind, Path root, @Nullable Throwable failure) {
    ObjectNode result = Json.object().put("kind", kind);
    result.put("root", root.toString()).put("instances", findings.instances());
    ArrayNode problems = result.putArray("damaged");
    findings.damaged().forEach(f -> problems.add(Damage.json(f.location(), f.reason())));
    ArrayNode unread = result.putArray("unreadable");
    findings.unreadable().forEach(f -> unread.add(Damage.json(f.location(), f.reason())));
    result.put("damagedNotShown", findings.notShown());
    ArrayNode quarantined = result.putArray("quarantined");
    repairs
        .moved()
        .named()
        .forEach(
            move ->
                quarantined.add(
                    Json.object()
                        .put("entry", move.entry().toString())
                        .put("target", move.target().toString())));
    result.put("quarantinedNotShown", repairs.moved().notShown());
    ArrayNode left = result.putArray("leftovers");
    findings.leftovers().named().forEach(leftover -> left.add(LeftoverReport.json(leftover)));
    result
        .put("leftoverCount", findings.leftovers().count())
        .put("leftoversSwept", repairs.swept());
    ArrayNode leases = result.putArray("leasesRemoved");
    repairs.removedFromTemporaryArea().forEach(planted -> leases.add(planted.path().toString()));
    FileIndexes.Repair indexRepair = repairs.indexRepair();
    if (indexRepair == null) {
      result.putNull("indexRepair");
    } else {
      ObjectNode indexes = result.putObject("indexRepair");
      indexRepair.rebuilt().forEach(indexes.putArray("rebuilt")::add);
      indexRepair.leftIncomplete().forEach(indexes.putArray("leftIncomplete")::add);
      ArrayNode removed = indexes.putArray("removed");
      indexRepair.removed().forEach(path -> removed.add(path.toString()));
      indexes.put("staleEntriesRemoved", indexRepair.staleRemoved());
    }
    ArrayNode noted = result.putArray("notes");
    findings.notes().named().forEach(f -> noted.add(Damage.json(f.location(), f.reason())));
    result.put("notesNotShown", findings.notes().notShown());
    result.put("failure", failure == null ? null : String.valueOf(failure.getMessage()));
    return result;
  }
}
