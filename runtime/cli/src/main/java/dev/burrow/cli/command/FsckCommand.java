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
import dev.burrow.runtime.internal.filestore.Bookkeeping;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
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
      "Checks every document and event log and Burrow's own files under .burrow/; names each"
          + " damaged file and why.",
      "Exits 1 if anything is damaged. A torn last event line (left by a crash, skipped by"
          + " readers) is noted, not counted as damage. With --repair, first sweeps what crashes"
          + " left behind (as opening a store does), then moves each damaged instance (and each"
          + " entry of instances/ that is not an instance) into .burrow/quarantine/, under the"
          + " instance's lock, deleting nothing; damaged event lines stay, since readers skip"
          + " them, and damaged files under .burrow/ are only named."
    })
public final class FsckCommand extends RootCommand {
  private static final int PAGE = 500;

  @Option(
      names = "--repair",
      description =
          "Sweep crash leftovers and move damaged instances into .burrow/quarantine/ (nothing is"
              + " deleted).")
  boolean repair;

  private final List<Bookkeeping.Finding> bookkeeping = new ArrayList<>();
  private final List<DamagedDataException> damaged = new ArrayList<>();
  private final List<FileSystemBackend.Quarantined> moved = new ArrayList<>();
  private final List<DamagedDataException> torn = new ArrayList<>();
  private long instances;

  @Override
  public Integer call() {
    try (DataRoot data = open();
        Progress progress = Progress.start(err(), "checking instances", -1, !json)) {
      if (repair) {
        data.sweep();
      }
      bookkeeping.addAll(data.checkBookkeeping());
      for (PageRequest request = PageRequest.first(PAGE); request != null; ) {
        Page<RawDocument> page = data.page(request);
        damaged.addAll(page.problems());
        if (repair) {
          page.problems().forEach(problem -> quarantine(data, problem));
        }
        for (RawDocument document : page.items()) {
          instances++;
          data.events(document.id())
              .ifPresent(
                  log ->
                      EventReader.read(
                          log,
                          0,
                          true,
                          event -> {},
                          problem -> (problem.tornTail() ? torn : damaged).add(problem)));
          progress.advance(1);
        }
        request = page.next();
      }
      print(data);
    }
    return damaged.isEmpty() && bookkeeping.isEmpty() ? ExitCodes.OK : ExitCodes.DAMAGED;
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
      bookkeeping.forEach(
          finding -> problems.add(Damage.json(finding.location().toString(), finding.reason())));
      damaged.forEach(problem -> problems.add(Damage.json(problem)));
      ArrayNode quarantined = result.putArray("quarantined");
      moved.forEach(
          move ->
              quarantined.add(
                  Json.object()
                      .put("entry", move.entry().toString())
                      .put("target", move.target().toString())));
      ArrayNode notes = result.putArray("tornEventLines");
      torn.forEach(problem -> notes.add(Damage.json(problem)));
      out.println(Json.pretty(result));
      return;
    }
    bookkeeping.forEach(
        finding -> out.println(Damage.line(finding.location().toString(), finding.reason())));
    damaged.forEach(problem -> out.println(Damage.line(problem)));
    torn.forEach(
        problem -> out.println("note: " + problem.location() + ": " + Damage.reason(problem)));
    moved.forEach(move -> out.println("quarantined: " + move.entry() + " -> " + move.target()));
    out.println(
        data.path()
            + ": "
            + instances
            + " instances checked, "
            + (damaged.isEmpty() && bookkeeping.isEmpty()
                ? "nothing damaged"
                : (damaged.size() + bookkeeping.size()) + " damaged"));
  }
}
