package dev.burrow.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.EventBatch;
import dev.burrow.EventLog;
import dev.burrow.StoreOptions;
import dev.burrow.cli.JobStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;

/** {@code events --follow} run in this JVM, its polls and reads counted through its seams. */
class FollowPollsTest {
  /** A note an application appends to a job's event log. */
  record Note(String what, int step) {}

  /** Ends the follower from its pause after the polls a test wanted. */
  private static final class Stop extends RuntimeException {
    private static final long serialVersionUID = 1L;
  }

  @TempDir Path work;

  /**
   * A follower stopped at an unfinished last line of 16 MiB (damage: no append writes one) reads
   * the log again only once it changes: the polls after the first, with the log as it was, read
   * nothing, and once the line is cut (by hand: appends refuse to write after it) the poll after
   * the next append prints the new event, and nothing twice. Before, every poll read the 16 MiB
   * again, five times a second.
   */
  @Test
  void aFollowerStoppedAtAnOversizedTailReadsAgainOnlyOnceTheLogChanges() throws Exception {
    Path root = work.resolve("root");
    try (JobStore jobs = JobStore.open(StoreOptions.defaults().withDataRoot(root))) {
      jobs.create("job-2", c -> c.owner("bo"));
      EventLog<Note> log = jobs.events("job-2", Note.class);
      log.append(new Note("started", 1));
      long tail = Files.size(log.file());
      try (RandomAccessFile file = new RandomAccessFile(log.file().toFile(), "rw")) {
        file.setLength(tail + 16L * 1024 * 1024); // zeros: no line end
      }

      EventsCommand command = new EventsCommand();
      AtomicInteger reads = new AtomicInteger();
      command.logs = followed -> new CountingReads(followed, reads);
      List<Integer> readsPerPoll = new ArrayList<>();
      command.pause =
          () -> {
            readsPerPoll.add(reads.getAndSet(0));
            if (readsPerPoll.size() == 4) {
              cut(log.file(), tail);
              log.append(new Note("archived", 2));
            } else if (readsPerPoll.size() == 5) {
              throw new Stop();
            }
          };
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      new CommandLine(command)
          .setOut(new PrintWriter(out, true))
          .setErr(new PrintWriter(err, true))
          .setExecutionExceptionHandler(
              (thrown, line, parsed) -> {
                if (thrown instanceof Stop) {
                  return 0;
                }
                throw thrown;
              })
          .execute("job-2", "--follow", "--root", root.toString());

      assertEquals(5, readsPerPoll.size(), readsPerPoll + "\n" + err);
      assertTrue(readsPerPoll.get(0) > 0, "the first poll reads the log: " + readsPerPoll);
      assertEquals(
          List.of(0, 0, 0),
          readsPerPoll.subList(1, 4),
          "no poll reads the log while it is unchanged");
      assertTrue(readsPerPoll.get(4) > 0, "the poll after the append reads: " + readsPerPoll);
      assertEquals(
          "{\"what\":\"started\",\"step\":1}\n{\"what\":\"archived\",\"step\":2}\n",
          out.toString());
      assertTrue(
          err.toString().startsWith("damaged: " + log.file() + " at byte " + tail), err.toString());
      assertEquals(1, err.toString().lines().count(), "the tail is reported once: " + err);
    }
  }

  /** Cuts {@code file} to its first {@code size} bytes. */
  private static void cut(Path file, long size) {
    try (RandomAccessFile opened = new RandomAccessFile(file.toFile(), "rw")) {
      opened.setLength(size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An event log whose reads are counted. */
  private record CountingReads(EventLog<JsonNode> log, AtomicInteger reads)
      implements EventLog<JsonNode> {
    @Override
    public Path file() {
      return log.file();
    }

    @Override
    public EventLog<JsonNode> withDurability(Durability durability) {
      return new CountingReads(log.withDurability(durability), reads);
    }

    @Override
    public long append(JsonNode event) {
      return log.append(event);
    }

    @Override
    public EventBatch<JsonNode> read(long offset) {
      reads.incrementAndGet();
      return log.read(offset);
    }

    @Override
    public EventBatch<JsonNode> read(long offset, int maxEvents) {
      reads.incrementAndGet();
      return log.read(offset, maxEvents);
    }
  }
}
