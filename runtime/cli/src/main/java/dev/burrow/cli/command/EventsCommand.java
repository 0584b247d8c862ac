package dev.burrow.cli.command;

import dev.burrow.EventLog;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.cli.ExitCodes;
import dev.burrow.cli.output.Damage;
import dev.burrow.cli.output.Json;
import dev.burrow.cli.root.DataRoot;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;

/** {@code burrow events ID [--follow]}: an instance's event log, one event per line. */
@Command(
    name = "events",
    description = {
      "Prints an instance's events, one JSON object per line, oldest first.",
      "Damaged lines are reported on stderr. With --follow, keeps printing events as they are"
          + " appended (Ctrl-C stops)."
    })
public final class EventsCommand extends RootCommand {
  private static final long FOLLOW_POLL_MILLIS = 200;

  @Parameters(paramLabel = "ID", description = "The instance.")
  String id = "";

  @Option(
      names = {"-f", "--follow"},
      description = "Wait for new events and print them as they come.")
  boolean follow;

  @Override
  public Integer call() throws InterruptedException {
    try (DataRoot data = open()) {
      if (data.find(id).isEmpty()) {
        throw new InstanceNotFoundException(id);
      }
      PrintWriter out = out();
      long offset = 0;
      while (true) {
        Optional<EventLog<JsonNode>> log = data.events(id);
        if (log.isPresent()) {
          offset =
              EventReader.read(
                  log.get(),
                  offset,
                  !follow,
                  event -> out.println(Json.compact(event.event())),
                  problem ->
                      err()
                          .println(
                              json ? Json.compact(Damage.json(problem)) : Damage.line(problem)));
        }
        out.flush();
        if (!follow) {
          return ExitCodes.OK;
        }
        // Following polls, as tail -f does: the log is appended by other processes.
        Thread.sleep(FOLLOW_POLL_MILLIS);
      }
    }
  }
}
