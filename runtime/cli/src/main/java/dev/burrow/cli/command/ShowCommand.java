package dev.burrow.cli.command;

import dev.burrow.CorruptEventException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.EventLog;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.StorageException;
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
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
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
      "The document, the files and the length of the event log are read under the instance's"
          + " lock (the one its writers take), the events after releasing it, up to that length,"
          + " so that they belong together and a huge log does not keep the writers waiting. A"
          + " damaged document or event line, a link in place of the instance's"
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

  /** How often {@code show} reads an instance whose log is replaced while it reads it. */
  private static final int MAX_ATTEMPTS = 3;

  /** Hands on the log {@code show} reads; a test reaches into its reads through it. */
  UnaryOperator<EventLog<JsonNode>> logs = UnaryOperator.identity();

  /** What {@code show} read under the instance's lock: all but the events. */
  private record Locked(
      @Nullable RawDocument document,
      @Nullable CorruptInstanceException damagedDocument,
      InstanceTree tree,
      List<Bookkeeping.Finding> layout,
      @Nullable EventLog<JsonNode> log,
      @Nullable LogStamp logEnd,
      LogDamage problems) {}

  /** What {@code show} read. */
  private record Shown(Locked locked, LastEvents events, List<CorruptEventException> problems) {
    boolean damaged() {
      return locked.damagedDocument() != null
          || !locked.tree().problems().isEmpty()
          || !locked.layout().isEmpty()
          || problems.stream().anyMatch(p -> !p.tornTail());
    }
  }

  @Override
  public Integer call() {
    if (lastEvents < 0) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), "--events must be 0 or more, is " + lastEvents);
    }
    checkInstanceId(id);
    Shown shown;
    try (DataRoot data = open()) {
      shown = read(data);
    }
    print(shown);
    return shown.damaged() ? ExitCodes.DAMAGED : ExitCodes.OK;
  }

  /**
   * Reads the document, the files and where the event log ends under the instance's lock, then the
   * log's events after releasing it, up to that end; again if the log was replaced meanwhile.
   */
  private Shown read(DataRoot data) {
    for (int attempt = 1; ; attempt++) {
      Locked locked;
      InstanceLock lock = data.lock(id);
      try {
        locked = readLocked(data);
      } finally {
        lock.close();
      }
      EventLog<JsonNode> log = locked.log();
      Optional<LastEvents> events =
          log == null
              ? Optional.of(LastEvents.none())
              : LastEvents.read(logs.apply(log), locked.logEnd(), lastEvents, locked.problems());
      if (events.isPresent()) {
        return new Shown(locked, events.get(), locked.problems().reports());
      }
      if (attempt == MAX_ATTEMPTS) {
        throw new StorageException(
            "the event log of instance '"
                + id
                + "' was replaced while show read it, "
                + MAX_ATTEMPTS
                + " times (deleted and created again, or replaced by an import?)",
            null);
      }
    }
  }

  private Locked readLocked(DataRoot data) {
    RawDocument document = null;
    CorruptInstanceException damagedDocument = null;
    try {
      document = data.find(id).orElseThrow(() -> new InstanceNotFoundException(id));
    } catch (CorruptInstanceException e) {
      damagedDocument = e;
    }
    InstanceTree tree = InstanceTree.of(data.directory(), data.places().directoryOf(id));
    List<Bookkeeping.Finding> layout =
        tree.listed() ? data.places().checkSubdirectories(id) : List.of();
    LogDamage problems = new LogDamage(tree.directory().resolve(FileEventLog.RELATIVE_PATH));
    EventLog<JsonNode> log = null;
    try {
      log = data.events(id).orElse(null);
    } catch (CorruptEventException refused) {
      problems.accept(refused);
    }
    return new Locked(
        document,
        damagedDocument,
        tree,
        layout,
        log,
        log == null ? null : LogStamp.of(log.file()),
        problems);
  }

  private void print(Shown shown) {
    PrintWriter out = out();
    Locked locked = shown.locked();
    RawDocument document = locked.document();
    CorruptInstanceException damagedDocument = locked.damagedDocument();
    if (json) {
      ObjectNode result = Json.object().put("id", id);
      result.put("directory", locked.tree().directory().toString());
      result.set("document", document == null ? null : Documents.exact(document, Set.of()));
      ArrayNode damaged = result.putArray("damaged");
      ArrayNode unreadable = result.putArray("unreadable");
      if (damagedDocument != null) {
        (Damage.isUnreadable(damagedDocument) ? unreadable : damaged)
            .add(Damage.json(damagedDocument));
      }
      for (InstanceTree.Problem problem : locked.tree().problems()) {
        (problem.unreadable() ? unreadable : damaged)
            .add(Damage.json(problem.location().toString(), problem.reason()));
      }
      locked
          .layout()
          .forEach(found -> damaged.add(Damage.json(found.location().toString(), found.reason())));
      result.set("files", locked.tree().json());
      result.put("filesNotShown", locked.tree().notShown());
      ArrayNode events = result.putArray("events");
      shown.events().last().forEach(events::add);
      ArrayNode damagedEvents = result.putArray("damagedEvents");
      for (CorruptEventException problem : shown.problems()) {
        if (Damage.isUnreadable(problem)) {
          unreadable.add(Damage.json(problem)); // not damaged, only unchecked
        } else {
          damagedEvents.add(Damage.eventJson(problem));
        }
      }
      out.println(Json.pretty(result));
      return;
    }
    if (document != null) {
      out.println(Json.pretty(Documents.exact(document, Set.of())));
    } else if (damagedDocument != null) {
      out.println(Damage.line(damagedDocument));
    }
    out.println();
    locked.tree().print(out);
    locked
        .layout()
        .forEach(found -> out.println(Damage.line(found.location().toString(), found.reason())));
    out.println();
    if (locked.log() == null && shown.problems().isEmpty()) {
      out.println("no events");
    } else {
      out.println(
          "last "
              + shown.events().last().size()
              + " of "
              + Counts.of(shown.events().total(), "event"));
      shown.events().last().forEach(event -> out.println("  " + Json.compact(event)));
      shown.problems().forEach(problem -> out.println("  " + Damage.eventLine(problem)));
    }
  }
}
