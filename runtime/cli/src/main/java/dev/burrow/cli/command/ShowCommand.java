package dev.burrow.cli.command;

import dev.burrow.CorruptEventException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.EventLog;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.cli.ExitCodes;
import dev.burrow.cli.output.Counts;
import dev.burrow.cli.output.Damage;
import dev.burrow.cli.output.Json;
import dev.burrow.cli.root.DataRoot;
import dev.burrow.cli.root.Documents;
import dev.burrow.runtime.internal.events.FileEventLog;
import dev.burrow.runtime.internal.filestore.Bookkeeping;
import dev.burrow.runtime.internal.transfer.RawDocument;
import java.io.PrintWriter;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code burrow show ID}: the document, the directory tree and the last events, read together. */
@Command(
    name = "show",
    description = {
      "Shows an instance: its document, its files (the first 1000 in order, then how many more"
          + " there are) and its last events.",
      "They are read under the instance's lock (the one its writers take), so they belong"
          + " together. A damaged document or event line, a link in place of the instance's"
          + " directory, or a link or file in place of one of its declared subdirectories, is"
          + " named with why (damaged: …), and so is what it may not read"
          + " (unreadable: …); the rest is shown all the same, and the"
          + " command exits 1. The damaged lines of the event log are named once: the first, with"
          + " why and how many there are."
    })
public final class ShowCommand extends RootCommand {
  @Parameters(paramLabel = "ID", description = "The instance.")
  String id = "";

  @Option(
      names = "--events",
      paramLabel = "N",
      defaultValue = "10",
      description = "How many of the last events to show (default: ${DEFAULT-VALUE}).")
  int lastEvents;

  /** What {@code show} read. */
  private record Shown(
      @Nullable RawDocument document,
      @Nullable CorruptInstanceException damagedDocument,
      InstanceTree tree,
      List<Bookkeeping.Finding> layout,
      boolean hasEvents,
      Deque<JsonNode> last,
      long totalEvents,
      List<CorruptEventException> problems) {
    boolean damaged() {
      return damagedDocument != null
          || !tree.problems().isEmpty()
          || !layout.isEmpty()
          || problems.stream().anyMatch(p -> !p.tornTail());
    }
  }

  @Override
  public Integer call() {
    if (lastEvents < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--events must be 0 or more, is " + lastEvents);
    }
    Shown shown;
    try (DataRoot data = open()) {
      InstanceLock lock = data.lock(id);
      try {
        shown = read(data);
      } finally {
        lock.close();
      }
    }
    print(shown);
    return shown.damaged() ? ExitCodes.DAMAGED : ExitCodes.OK;
  }

  private Shown read(DataRoot data) {
    RawDocument document = null;
    CorruptInstanceException damagedDocument = null;
    try {
      document = data.find(id).orElseThrow(() -> new InstanceNotFoundException(id));
    } catch (CorruptInstanceException e) {
      damagedDocument = e;
    }
    InstanceTree tree = InstanceTree.of(data.path(), data.directoryOf(id));
    List<Bookkeeping.Finding> layout = tree.listed() ? data.checkSubdirectories(id) : List.of();
    LogDamage problems = new LogDamage(tree.directory().resolve(FileEventLog.RELATIVE_PATH));
    Optional<EventLog<JsonNode>> log;
    try {
      log = data.events(id);
    } catch (CorruptEventException refused) {
      problems.accept(refused);
      log = Optional.empty();
    }
    Deque<JsonNode> last = new ArrayDeque<>();
    long[] total = {0};
    log.ifPresent(
        events ->
            EventReader.read(
                events,
                0,
                event -> {
                  total[0]++;
                  last.addLast(event.event());
                  if (last.size() > lastEvents) {
                    last.removeFirst();
                  }
                },
                problems,
                problems));
    return new Shown(
        document,
        damagedDocument,
        tree,
        layout,
        log.isPresent(),
        last,
        total[0],
        problems.reports());
  }

  private void print(Shown shown) {
    PrintWriter out = out();
    RawDocument document = shown.document();
    CorruptInstanceException damagedDocument = shown.damagedDocument();
    if (json) {
      ObjectNode result = Json.object().put("id", id);
      result.put("directory", shown.tree().directory().toString());
      result.set("document", document == null ? null : Documents.tree(document));
      ArrayNode damaged = result.putArray("damaged");
      ArrayNode unreadable = result.putArray("unreadable");
      if (damagedDocument != null) {
        (Damage.isUnreadable(damagedDocument) ? unreadable : damaged)
            .add(Damage.json(damagedDocument));
      }
      for (InstanceTree.Problem problem : shown.tree().problems()) {
        (problem.unreadable() ? unreadable : damaged)
            .add(Damage.json(problem.location().toString(), problem.reason()));
      }
      shown
          .layout()
          .forEach(found -> damaged.add(Damage.json(found.location().toString(), found.reason())));
      result.set("files", shown.tree().json());
      result.put("filesNotShown", shown.tree().notShown());
      ArrayNode events = result.putArray("events");
      shown.last().forEach(events::add);
      ArrayNode damagedEvents = result.putArray("damagedEvents");
      shown.problems().forEach(problem -> damagedEvents.add(Damage.eventJson(problem)));
      out.println(Json.pretty(result));
      return;
    }
    if (document != null) {
      out.println(Json.pretty(Documents.tree(document)));
    } else if (damagedDocument != null) {
      out.println(Damage.line(damagedDocument));
    }
    out.println();
    shown.tree().print(out);
    shown
        .layout()
        .forEach(found -> out.println(Damage.line(found.location().toString(), found.reason())));
    out.println();
    if (!shown.hasEvents() && shown.problems().isEmpty()) {
      out.println("no events");
    } else {
      out.println("last " + shown.last().size() + " of " + Counts.of(shown.totalEvents(), "event"));
      shown.last().forEach(event -> out.println("  " + Json.compact(event)));
      shown.problems().forEach(problem -> out.println("  " + Damage.eventLine(problem)));
    }
  }
}
