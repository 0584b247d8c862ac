package dev.burrow.cli.command;

import dev.burrow.DamagedDataException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.cli.ExitCodes;
import dev.burrow.cli.output.Damage;
import dev.burrow.cli.output.Json;
import dev.burrow.cli.output.Progress;
import dev.burrow.cli.root.DataRoot;
import dev.burrow.runtime.internal.transfer.RawDocument;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code burrow fsck}: checks every document and event log, naming each damaged file and why. */
@Command(
    name = "fsck",
    description = {
      "Checks every document and event log; names each damaged file and why.",
      "Exits 1 if anything is damaged. A torn last event line (left by a crash, skipped by"
          + " readers) is noted, not counted as damage."
    })
public final class FsckCommand extends RootCommand {
  private static final int PAGE = 500;

  private final List<DamagedDataException> damaged = new ArrayList<>();
  private final List<DamagedDataException> torn = new ArrayList<>();
  private long instances;

  @Override
  public Integer call() {
    try (DataRoot data = open();
        Progress progress = Progress.start(err(), "checking instances", -1, !json)) {
      for (PageRequest request = PageRequest.first(PAGE); request != null; ) {
        Page<RawDocument> page = data.page(request);
        damaged.addAll(page.problems());
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
    return damaged.isEmpty() ? ExitCodes.OK : ExitCodes.DAMAGED;
  }

  private void print(DataRoot data) {
    PrintWriter out = out();
    if (json) {
      ObjectNode result = Json.object().put("kind", data.kind().kind());
      result.put("root", data.path().toString()).put("instances", instances);
      ArrayNode problems = result.putArray("damaged");
      damaged.forEach(problem -> problems.add(Damage.json(problem)));
      ArrayNode notes = result.putArray("tornEventLines");
      torn.forEach(problem -> notes.add(Damage.json(problem)));
      out.println(Json.pretty(result));
      return;
    }
    damaged.forEach(problem -> out.println(Damage.line(problem)));
    torn.forEach(
        problem -> out.println("note: " + problem.location() + ": " + Damage.reason(problem)));
    out.println(
        data.path()
            + ": "
            + instances
            + " instances checked, "
            + (damaged.isEmpty() ? "nothing damaged" : damaged.size() + " damaged"));
  }
}
