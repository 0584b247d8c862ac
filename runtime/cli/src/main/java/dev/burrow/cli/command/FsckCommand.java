package dev.burrow.cli.command;

import dev.burrow.CorruptInstanceException;
import dev.burrow.DamagedDataException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.cli.ExitCodes;
import dev.burrow.cli.output.Damage;
import dev.burrow.cli.output.Json;
import dev.burrow.cli.output.Progress;
import dev.burrow.cli.root.DataRoot;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.index.IndexCheck;
import dev.burrow.runtime.internal.transfer.RawDocument;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code burrow fsck}: checks every document and event log, naming each damaged file and why. */
@Command(
    name = "fsck",
    description = {
      "Checks every document and event log, the indexes and Burrow's own files under .burrow/;"
          + " names each damaged file and why.",
      "Exits 1 if anything is damaged. A torn last event line (left by a crash, skipped by"
          + " readers) is noted, not counted as damage. With --repair, first sweeps what crashes"
          + " left behind (as opening a store does), then moves each damaged instance (and each"
          + " entry of instances/ that is not an instance) into .burrow/quarantine/, under the"
          + " instance's lock, deleting nothing; damaged event lines stay, since readers skip"
          + " them, and damaged files under .burrow/ are only named. A damaged index (an entry missing,"
          + " a directory that is a link or a file) is marked incomplete, so that the"
          + " application rebuilds it before its next query on it; stale index entries are noted,"
          + " since queries remove them."
    })
public final class FsckCommand extends RootCommand {
  private static final int PAGE = 500;

  @Option(
      names = "--repair",
      description =
          "Sweep crash leftovers, move damaged instances into .burrow/quarantine/ (nothing is"
              + " deleted) and have damaged indexes rebuilt.")
  boolean repair;

  /** Something found, where and why. */
  private record Finding(String location, String reason) {
    static Finding of(DamagedDataException e) {
      return new Finding(e.location(), Damage.reason(e));
    }

    static Finding of(Path location, String reason) {
      return new Finding(location.toString(), reason);
    }
  }

  private final List<Finding> damaged = new ArrayList<>();
  private final List<Finding> notes = new ArrayList<>();
  private final List<FileSystemBackend.Quarantined> moved = new ArrayList<>();
  private boolean rebuildAsked;
  private long instances;

  @Override
  public Integer call() {
    try (DataRoot data = open();
        Progress progress = Progress.start(err(), "checking instances", -1, !json)) {
      if (repair) {
        data.sweep();
      }
      data.checkBookkeeping().forEach(f -> damaged.add(Finding.of(f.location(), f.reason())));
      IndexCheck indexes = data.checkIndexes();
      for (PageRequest request = PageRequest.first(PAGE); request != null; ) {
        Page<RawDocument> page = data.page(request);
        page.problems().forEach(problem -> damaged.add(Finding.of(problem)));
        if (repair) {
          page.problems().forEach(problem -> quarantine(data, problem));
        }
        for (RawDocument document : page.items()) {
          instances++;
          indexes.document(document.id(), document.json());
          data.events(document.id())
              .ifPresent(
                  log ->
                      EventReader.read(
                          log,
                          0,
                          true,
                          event -> {},
                          problem ->
                              (problem.tornTail() ? notes : damaged).add(Finding.of(problem))));
          progress.advance(1);
        }
        request = page.next();
      }
      checkEntries(data, indexes);
      print(data);
    }
    return damaged.isEmpty() ? ExitCodes.OK : ExitCodes.DAMAGED;
  }

  /**
   * Names the indexes' stale entries (notes) and damage; with {@code --repair}, damaged indexes are
   * marked incomplete, so the application rebuilds them before its next query on them.
   */
  private void checkEntries(DataRoot data, IndexCheck indexes) {
    indexes.entries(id -> data.find(id).map(RawDocument::json));
    boolean indexDamaged = false;
    for (IndexCheck.Finding finding : indexes.findings()) {
      (finding.damage() ? damaged : notes).add(Finding.of(finding.location(), finding.reason()));
      indexDamaged |= finding.damage();
    }
    for (String component : indexes.incomplete()) {
      notes.add(
          new Finding(
              component,
              "the index of '"
                  + component
                  + "' is incomplete: the application rebuilds it before its next query on it"));
    }
    if (repair && indexDamaged) {
      data.markIndexesIncomplete();
      rebuildAsked = true;
    }
  }

  private void quarantine(DataRoot data, CorruptInstanceException problem) {
    FileSystemBackend.Quarantined done = data.quarantine(Path.of(problem.location()));
    if (done != null) {
      moved.add(done);
    }
  }

  private void print(DataRoot data) {
    PrintWriter out = out();
    if (json) {
      ObjectNode result = Json.object().put("kind", data.kind().kind());
      result.put("root", data.path().toString()).put("instances", instances);
      ArrayNode problems = result.putArray("damaged");
      damaged.forEach(f -> problems.add(Damage.json(f.location(), f.reason())));
      ArrayNode quarantined = result.putArray("quarantined");
      moved.forEach(
          move ->
              quarantined.add(
                  Json.object()
                      .put("entry", move.entry().toString())
                      .put("target", move.target().toString())));
      result.put("indexesMarkedIncomplete", rebuildAsked);
      ArrayNode noted = result.putArray("notes");
      notes.forEach(f -> noted.add(Damage.json(f.location(), f.reason())));
      out.println(Json.pretty(result));
      return;
    }
    damaged.forEach(f -> out.println(Damage.line(f.location(), f.reason())));
    notes.forEach(f -> out.println("note: " + f.location() + ": " + f.reason()));
    moved.forEach(move -> out.println("quarantined: " + move.entry() + " -> " + move.target()));
    if (rebuildAsked) {
      out.println(
          "indexes marked incomplete: the application rebuilds them, reading every document"
              + " once, before its next query on them or at its next store open");
    }
    out.println(
        data.path()
            + ": "
            + instances
            + " instances checked, "
            + (damaged.isEmpty() ? "nothing damaged" : damaged.size() + " damaged"));
  }
}
