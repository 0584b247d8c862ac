package dev.burrow.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.StoreOptions;
import dev.burrow.cli.JobStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code show} run in this JVM beside the application's writers of the instance, which run from
 * within its read of the event log and wait for no lock (their lock timeout is zero).
 */
class ShowBesideWritersTest {
  /** A note an application appends to a job's event log. */
  record Note(String what, int step) {}

  @TempDir Path work;

  /**
   * {@code show} reads the events after releasing the instance's lock, up to where the log ended
   * when it read the document: a writer updates the instance and appends an event while it reads
   * them, and {@code show} shows the document and the events as they were before. Before, {@code
   * show} held the lock through the whole read (seconds for a log of a gigabyte), and the update
   * failed: the lock was not free. (An append takes the log's own lock, never held by {@code
   * show}.)
   */
  @Test
  void aWriterUpdatesAndAppendsWhileShowReadsTheEvents() throws Exception {
    try (JobStore jobs = jobs()) {
      jobs.create("job-2", c -> c.owner("bo"));
      jobs.events("job-2", Note.class).append(new Note("started", 1));
      jobs.events("job-2", Note.class).append(new Note("finished", 2));

      Shown shown =
          show(
              () -> {
                jobs.update("job-2", c -> c.owner("cy"));
                jobs.events("job-2", Note.class).append(new Note("archived", 3));
              });

      assertNull(shown.writerFailed(), "the writer did not wait for show's lock");
      assertEquals(1, shown.writes(), "the writer ran once, from within the read");
      assertTrue(
          shown
              .out()
              .contains(
                  "last 2 of 2 events\n"
                      + "  {\"what\":\"started\",\"step\":1}\n"
                      + "  {\"what\":\"finished\",\"step\":2}\n"),
          shown.out());
      assertFalse(shown.out().contains("archived"), shown.out());
      assertTrue(shown.out().contains("\"owner\" : \"bo\""), shown.out());
      assertEquals("cy", jobs.get("job-2").owner(), "the update was written");
      assertEquals(
          3, jobs.events("job-2", Note.class).read(0).events().size(), "the append was written");
    }
  }

  /**
   * An instance deleted and created again while {@code show} reads its events (its log replaced):
   * {@code show} reads it again, and shows the new instance and its events together, not the old
   * events beside the new document. Before, the delete failed: the lock was not free.
   */
  @Test
  void anInstanceCreatedAgainWhileShowReadsItsEventsIsShownAsItIsNow() throws Exception {
    try (JobStore jobs = jobs()) {
      jobs.create("job-2", c -> c.owner("bo"));
      jobs.events("job-2", Note.class).append(new Note("started", 1));

      Shown shown =
          show(
              () -> {
                jobs.delete("job-2");
                jobs.create("job-2", c -> c.owner("cy"));
              });

      assertNull(shown.writerFailed(), "the writer did not wait for show's lock");
      assertTrue(shown.out().contains("\"owner\" : \"cy\""), shown.out());
      assertTrue(shown.out().endsWith("\nno events\n"), shown.out());
      assertEquals(0, shown.exitCode(), shown.out());
    }
  }

  private JobStore jobs() {
    return JobStore.open(
        StoreOptions.defaults().withDataRoot(work.resolve("root")).withLockTimeout(Duration.ZERO));
  }

  /** What {@code show} printed, and what the writer run from within its first read did. */
  private record Shown(String out, int exitCode, int writes, @Nullable Throwable writerFailed) {}

  /**
   * Runs {@code show job-2}; its first read of the event log first runs {@code writer} on another
   * thread and waits until it is done.
   */
  private Shown show(Runnable writer) throws InterruptedException {
    AtomicInteger writes = new AtomicInteger();
    AtomicReference<@Nullable Throwable> failed = new AtomicReference<>();
    ShowCommand command = new ShowCommand();
    command.logs =
        log ->
            new WatchedReads(
                log,
                () -> {
                  if (writes.incrementAndGet() > 1) {
                    return;
                  }
                  Thread other = new Thread(writer);
                  other.setUncaughtExceptionHandler((thread, thrown) -> failed.set(thrown));
                  other.start();
                  try {
                    other.join();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                  }
                });
    StringWriter out = new StringWriter();
    int exitCode =
        new CommandLine(command)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(new StringWriter(), true))
            .execute("job-2", "--root", work.resolve("root").toString());
    return new Shown(out.toString(), exitCode, writes.get(), failed.get());
  }
}
