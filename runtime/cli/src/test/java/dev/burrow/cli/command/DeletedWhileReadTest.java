package dev.burrow.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.EventLog;
import dev.burrow.StoreOptions;
import dev.burrow.cli.ExitCodes;
import dev.burrow.cli.JobStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Commands run in this JVM while the application deletes an instance they have listed but not yet
 * finished reading, the delete landing exactly there through the command's seam: an instance a
 * writer deleted is no error, as it is not for the application's own listings.
 */
class DeletedWhileReadTest {
  /** A note an application appends to a job's event log. */
  record Note(String what, int step) {}

  @TempDir Path work;

  /**
   * {@code stats} counts the files of each instance after reading its page: one deleted in between
   * has none left, and the rest is counted. Before, it stopped with exit 3, {@code instance 'job-2'
   * does not exist}, and printed no counts.
   */
  @Test
  void statsCountsTheRestWhenAnInstanceIsDeletedAfterItsPageIsRead() throws Exception {
    try (JobStore jobs = jobs()) {
      jobs.create("job-1", c -> c.owner("ana"));
      jobs.create("job-2", c -> c.owner("bo"));
      Files.writeString(jobs.dirs("job-1").workspace().resolve("build.log"), "ok\n");
      StatsCommand stats = new StatsCommand();
      stats.pages =
          page -> {
            jobs.delete("job-2");
            return page;
          };

      Run run = run(stats, "--json");

      assertEquals(ExitCodes.OK, run.exitCode(), run.err());
      assertEquals("", run.err());
      assertTrue(run.out().contains("\"files\" : 1"), run.out());
    }
  }

  /**
   * {@code fsck} reads each instance's event log a batch of lines at a time: one deleted between
   * two batches, its log with it, has nothing left to check, and the rest is checked. Before, it
   * stopped with exit 3, {@code instance 'job-2' does not exist}, after {@code 1 instance checked}.
   */
  @Test
  void fsckChecksTheRestWhenAnInstanceIsDeletedWhileItsLogIsRead() throws Exception {
    try (JobStore jobs = jobs()) {
      assertFsckChecksTheRestWhenBetweenTheLogsBatches(jobs, () -> jobs.delete("job-2"));
    }
  }

  /**
   * An instance deleted and created again between two batches of its log's read, the new log
   * shorter than where the read got to: the log {@code fsck} began to read is gone, as if deleted,
   * and the rest is checked. Before, it stopped with exit 2, as if its command line were wrong:
   * {@code offset N is past the end of the empty event log …}.
   */
  @Test
  void fsckChecksTheRestWhenAnInstanceIsCreatedAgainWhileItsLogIsRead() throws Exception {
    try (JobStore jobs = jobs()) {
      assertFsckChecksTheRestWhenBetweenTheLogsBatches(
          jobs,
          () -> {
            jobs.delete("job-2");
            jobs.create("job-2", c -> c.owner("cy"));
          });
    }
  }

  /**
   * A log replaced whole between two batches of {@code fsck}'s read (renamed over by {@code import
   * --dirs}, the instance kept), by a longer one whose first line is damaged: the log the check
   * began with is gone, but the instance is not, so its log as it is now is checked from its start.
   * Before, the check passed over it and said nothing was damaged.
   */
  @Test
  void fsckChecksALogReplacedWhileItIsReadFromItsStart() throws Exception {
    try (JobStore jobs = jobs()) {
      jobs.create("job-1", c -> c.owner("ana"));
      jobs.create("job-2", c -> c.owner("bo"));
      EventLog<Note> log = jobs.events("job-2", Note.class).withDurability(Durability.NONE);
      for (int step = 0; step <= EventReader.BATCH; step++) {
        log.append(new Note("step", step));
      }
      Path file = log.file();
      Path longer = file.resolveSibling("imported.jsonl");
      Files.writeString(longer, "not json\n" + Files.readString(file) + Files.readString(file));
      AtomicInteger reads = new AtomicInteger();
      FsckCommand fsck = new FsckCommand();
      fsck.logs =
          read ->
              new WatchedReads(
                  read,
                  () -> {
                    if (reads.incrementAndGet() == 2) {
                      move(longer, file);
                    }
                  });

      Run run = run(fsck);

      assertEquals(ExitCodes.DAMAGED, run.exitCode(), run.out() + run.err());
      assertTrue(run.out().contains("damaged: " + file + " at byte 0: "), run.out());
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code fsck} on two instances, the log of {@code job-2} one line longer than a batch, with
   * {@code change} made between its two batches, and asserts that both were checked and nothing was
   * found damaged.
   */
  private void assertFsckChecksTheRestWhenBetweenTheLogsBatches(JobStore jobs, Runnable change) {
    jobs.create("job-1", c -> c.owner("ana"));
    jobs.create("job-2", c -> c.owner("bo"));
    EventLog<Note> log = jobs.events("job-2", Note.class).withDurability(Durability.NONE);
    for (int step = 0; step <= EventReader.BATCH; step++) {
      log.append(new Note("step", step));
    }
    AtomicInteger reads = new AtomicInteger();
    FsckCommand fsck = new FsckCommand();
    fsck.logs =
        read ->
            new WatchedReads(
                read,
                () -> {
                  if (reads.incrementAndGet() == 2) {
                    change.run();
                  }
                });

    Run run = run(fsck);

    assertEquals(2, reads.get(), "the change landed between the log's two batches");
    assertEquals(ExitCodes.OK, run.exitCode(), run.err());
    assertEquals("", run.err());
    assertTrue(run.out().endsWith(": 2 instances checked, nothing damaged\n"), run.out());
  }

  private JobStore jobs() {
    return JobStore.open(StoreOptions.defaults().withDataRoot(work.resolve("root")));
  }

  private record Run(int exitCode, String out, String err) {}

  /** Runs {@code command} on the test's root, as the {@code burrow} command runs it. */
  private Run run(Callable<Integer> command, String... more) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine line =
        new CommandLine(command)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true));
    line.setExecutionExceptionHandler(
        (failure, parsed, result) -> {
          err.write(failure.toString());
          return ExitCodes.FAILED;
        });
    String[] args = new String[more.length + 2];
    args[0] = "--root";
    args[1] = work.resolve("root").toString();
    System.arraycopy(more, 0, args, 2, more.length);
    return new Run(line.execute(args), out.toString(), err.toString());
  }
}
