package dev.burrow.cli.command;

import dev.burrow.CorruptEventException;
import dev.burrow.EventLog;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.cli.ExitCodes;
import dev.burrow.cli.output.Damage;
import dev.burrow.cli.output.Json;
import dev.burrow.cli.root.DataRoot;
import dev.burrow.cli.root.Documents;
import dev.burrow.runtime.internal.transfer.RawDocument;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
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
      "Shows an instance: its document, its files and its last events.",
      "They are read under the instance's lock (the one its writers take), so they belong"
          + " together."
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

  @Override
  public Integer call() {
    try (DataRoot data = open()) {
      InstanceLock lock = data.lock(id);
      try {
        show(data);
      } finally {
        lock.close();
      }
    }
    return ExitCodes.OK;
  }

  private void show(DataRoot data) {
    RawDocument document = data.find(id).orElseThrow(() -> new InstanceNotFoundException(id));
    Path directory = data.dirs(id).root();
    List<Path> files = files(directory);
    Optional<EventLog<JsonNode>> log = data.events(id);
    Deque<JsonNode> last = new ArrayDeque<>();
    List<CorruptEventException> problems = new ArrayList<>();
    long[] total = {0};
    log.ifPresent(
        events ->
            EventReader.read(
                events,
                0,
                true,
                event -> {
                  total[0]++;
                  last.addLast(event.event());
                  if (last.size() > lastEvents) {
                    last.removeFirst();
                  }
                },
                problems::add));
    print(document, directory, files, log.isPresent(), last, total[0], problems);
  }

  private static List<Path> files(Path directory) {
    try (Stream<Path> all = Files.walk(directory)) {
      return all.filter(path -> !path.equals(directory)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
    }
  }

  private void print(
      RawDocument document,
      Path directory,
      List<Path> files,
      boolean hasEvents,
      Deque<JsonNode> last,
      long totalEvents,
      List<CorruptEventException> problems) {
    PrintWriter out = out();
    if (json) {
      ObjectNode result = Json.object().put("id", document.id());
      result.put("directory", directory.toString());
      result.set("document", Documents.tree(document));
      ArrayNode listed = result.putArray("files");
      for (Path file : files) {
        ObjectNode entry = listed.addObject().put("path", directory.relativize(file).toString());
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
          entry.put("directory", true);
        } else {
          entry.put("bytes", size(file));
        }
      }
      ArrayNode shown = result.putArray("events");
      last.forEach(shown::add);
      ArrayNode damaged = result.putArray("damagedEvents");
      problems.forEach(problem -> damaged.add(Damage.json(problem)));
      out.println(Json.pretty(result));
      return;
    }
    out.println(Json.pretty(Documents.tree(document)));
    out.println();
    out.println("directory " + directory);
    for (Path file : files) {
      String name = directory.relativize(file).toString();
      out.println(
          Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)
              ? "  " + name + "/"
              : "  " + name + "  " + size(file) + " bytes");
    }
    out.println();
    if (!hasEvents) {
      out.println("no events");
    } else {
      out.println("last " + last.size() + " of " + totalEvents + " events");
      last.forEach(event -> out.println("  " + Json.compact(event)));
      problems.forEach(problem -> out.println("  " + Damage.line(problem)));
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }
}
