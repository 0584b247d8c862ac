package dev.burrow.cli.command;

import dev.burrow.Durability;
import dev.burrow.EventBatch;
import dev.burrow.EventLog;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/** An event log that runs {@code beforeRead} before each of its reads: a test's seam into them. */
record WatchedReads(EventLog<JsonNode> log, Runnable beforeRead) implements EventLog<JsonNode> {
  @Override
  public Path file() {
    return log.file();
  }

  @Override
  public EventLog<JsonNode> withDurability(Durability durability) {
    return new WatchedReads(log.withDurability(durability), beforeRead);
  }

  @Override
  public long append(JsonNode event) {
    return log.append(event);
  }

  @Override
  public EventBatch<JsonNode> read(long offset) {
    beforeRead.run();
    return log.read(offset);
  }

  @Override
  public EventBatch<JsonNode> read(long offset, int maxEvents) {
    beforeRead.run();
    return log.read(offset, maxEvents);
  }
}
