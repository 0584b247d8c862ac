package dev.burrow.cli.command;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.EventLog;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.StoreOptions;
import dev.burrow.cli.ExitCodes;
import dev.burrow.cli.JobStore;
import dev.burrow.runtime.internal.events.FileEventLog;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

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
      EventLog<Note> log = startedJob(jobs);
      long tail = Files.size(log.file());
      try (RandomAccessFile file = new RandomAccessFile(log.file().toFile(), "rw")) {
        file.setLength(tail + 16L * 1024 * 1024); // zeros: no line end
      }

      EventsCommand command = new EventsCommand();
      AtomicInteger reads = new AtomicInteger();
      command.logs = followed -> new WatchedReads(followed, reads::incrementAndGet);
      List<Integer> readsPerPoll = new ArrayList<>();
      Followed followed =
          follow(
              command,
              root,
              poll -> {
                readsPerPoll.add(reads.getAndSet(0));
                if (poll == 4) {
                  cut(log.file(), tail);
                  log.append(new Note("archived", 2));
                }
                return poll < 5;
              });

      assertEquals(5, readsPerPoll.size(), readsPerPoll + "\n" + followed);
      assertTrue(readsPerPoll.get(0) > 0, "the first poll reads the log: " + readsPerPoll);
      assertEquals(
          List.of(0, 0, 0),
          readsPerPoll.subList(1, 4),
          "no poll reads the log while it is unchanged");
      assertTrue(readsPerPoll.get(4) > 0, "the poll after the append reads: " + readsPerPoll);
      assertEquals(
          "{\"what\":\"started\",\"step\":1}\n{\"what\":\"archived\",\"step\":2}\n",
          followed.out());
      assertEquals(1, followed.err().size(), "the tail is reported once: " + followed);
      assertTrue(
          followed.err().get(0).startsWith("damaged: " + log.file() + " at byte " + tail),
          followed.toString());
    }
  }

  /**
   * {@code events --follow} while someone who can write the root swaps a directory on the way to
   * the log (the instance's directory, its shard, its events directory) for a link to a copy
   * elsewhere holding one more event: the poll after names the link once, as {@code events} and
   * {@code fsck} name it, prints nothing read through it, and once the directory is back the
   * follower goes on where it was. Before, a link in place of the instance's directory or its shard
   * made the follower print nothing and say nothing, poll after poll.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void aFollowerNamesALinkSwappedInOnTheWayAndGoesOnOnceTheDirectoryIsBack(int level)
      throws Exception {
    Path root = work.resolve("root");
    try (JobStore jobs = JobStore.open(StoreOptions.defaults().withDataRoot(root))) {
      EventLog<Note> log = startedJob(jobs);
      Path directory = level == 0 ? log.file().getParent() : jobs.dirs("job-2").root();
      for (int up = 1; up < level; up++) {
        directory = directory.getParent();
      }
      Path swapped = directory;
      Path saved = work.resolve("saved");
      Path copy = work.resolve("copy");

      Followed followed =
          follow(
              new EventsCommand(),
              root,
              poll -> {
                if (poll == 1) {
                  copyTree(swapped, copy);
                  Path copiedLog = copy.resolve(swapped.relativize(log.file()));
                  Files.writeString(
                      copiedLog, "{\"what\":\"secret\",\"step\":9}\n", StandardOpenOption.APPEND);
                  Files.move(swapped, saved);
                  Files.createSymbolicLink(swapped, copy);
                } else if (poll == 3) {
                  Files.delete(swapped);
                  Files.move(saved, swapped);
                  log.append(new Note("archived", 2));
                }
                return poll < 4;
              });

      assertEquals(
          "{\"what\":\"started\",\"step\":1}\n{\"what\":\"archived\",\"step\":2}\n",
          followed.out());
      assertEquals(1, followed.err().size(), "the link is named once: " + followed);
      String named = followed.err().get(0);
      Path damaged = level == 0 ? log.file() : jobs.dirs("job-2").root().resolve("instance.json");
      assertTrue(named.startsWith("damaged: " + damaged + ": "), named);
      assertTrue(named.contains("symbolic link but must be a directory"), named);
      assertTrue(level == 1 || named.contains(" " + swapped + " "), "names the link: " + named);
    }
  }

  /**
   * A second name (a hard link) given to the log between a poll's look at it and its read, or the
   * log moved aside for a symbolic link or a FIFO then: the read refuses the log, the looks of the
   * polls after refuse it too, and it is named once, not once by the read and again by the looks;
   * once the log is back as it was the follower goes on where it was. Before, the read's report and
   * the looks' report were kept apart, and named a second name twice.
   */
  @ParameterizedTest
  @ValueSource(strings = {"2 links (hard links)", "symbolic link", "FIFO"})
  void aLogRefusedByAPollsReadIsNamedOnceAndFollowedOnOnceBack(String planted) throws Exception {
    Path root = work.resolve("root");
    try (JobStore jobs = JobStore.open(StoreOptions.defaults().withDataRoot(root))) {
      EventLog<Note> log = startedJob(jobs);
      Path saved = work.resolve("saved");
      EventsCommand command = new EventsCommand();
      AtomicInteger looks = new AtomicInteger();
      command.logs =
          followed -> {
            if (looks.incrementAndGet() == 2) {
              plant(planted, log.file(), saved);
            }
            return followed;
          };

      Followed followed =
          follow(
              command,
              root,
              poll -> {
                if (poll == 1) {
                  log.append(new Note("ran", 2));
                } else if (poll == 4) {
                  if (!planted.contains("hard link")) {
                    Files.delete(log.file());
                    Files.move(saved, log.file());
                  } else {
                    Files.delete(saved);
                  }
                  log.append(new Note("archived", 3));
                }
                return poll < 5;
              });

      assertEquals(3, looks.get(), "polls 3 and 4 refuse the log at their look: " + followed);
      assertEquals(
          "{\"what\":\"started\",\"step\":1}\n{\"what\":\"ran\",\"step\":2}\n"
              + "{\"what\":\"archived\",\"step\":3}\n",
          followed.out());
      assertEquals(1, followed.err().size(), "the log is named once: " + followed);
      assertTrue(
          followed.err().get(0).startsWith("damaged: " + log.file() + ": "), followed.toString());
      assertTrue(followed.err().get(0).contains(planted), followed.toString());
    }
  }

  /**
   * An instance deleted and created again between two polls, its new log's lines starting where the
   * old log's did (the same first event) and going further: the follower notes the replacement once
   * and prints the new log from its start. Before, it went on at the old log's end in the new log,
   * leaving out the new log's first event without a word.
   */
  @Test
  void aLogReplacedByALongerOneIsFollowedFromItsStart() throws Exception {
    Path root = work.resolve("root");
    try (JobStore jobs = JobStore.open(StoreOptions.defaults().withDataRoot(root))) {
      Path file = startedJob(jobs).file();

      Followed followed =
          follow(
              new EventsCommand(),
              root,
              poll -> {
                if (poll == 1) {
                  jobs.delete("job-2");
                  startedJob(jobs).append(new Note("ran", 2));
                }
                return poll < 3;
              });

      assertEquals(
          "{\"what\":\"started\",\"step\":1}\n{\"what\":\"started\",\"step\":1}\n"
              + "{\"what\":\"ran\",\"step\":2}\n",
          followed.out());
      assertReplacementNotedOnce(followed, file);
    }
  }

  /**
   * An instance deleted and created again while a poll reads its log, between two of its reads,
   * with a new log whose lines start where the old log's did: the follower notes the replacement
   * once and prints the new log from its start. Before, the poll read on from the old log's end in
   * the new log, leaving out the new log's first event without a word.
   */
  @Test
  void aLogReplacedBetweenTheReadsOfAPollIsFollowedFromItsStart() throws Exception {
    Path root = work.resolve("root");
    try (JobStore jobs = JobStore.open(StoreOptions.defaults().withDataRoot(root))) {
      Followed followed =
          followedThroughAReplacement(
              jobs,
              root,
              file -> {
                jobs.delete("job-2");
                startedJob(jobs).append(new Note("ran", 2));
              });

      assertEquals(
          "{\"what\":\"started\",\"step\":1}\n{\"what\":\"started\",\"step\":1}\n"
              + "{\"what\":\"ran\",\"step\":2}\n",
          followed.out(),
          followed.toString());
    }
  }

  /**
   * Follows job-2, made in {@code root} with its first event, for two polls, {@code replace}
   * replacing its log (given the log's file) between the first poll's reads; checks that the
   * replacement is noted once.
   */
  private Followed followedThroughAReplacement(JobStore jobs, Path root, Consumer<Path> replace)
      throws Exception {
    Path file = startedJob(jobs).file();
    // the first poll's read after its event
    EventsCommand command = runningAtRead(2, () -> replace.accept(file));

    Followed followed = follow(command, root, poll -> poll < 2);

    assertReplacementNotedOnce(followed, file);
    return followed;
  }

  /**
   * A log an import replaced while a poll reads it, between two of its reads (the export's log
   * renamed into its place, in the same instance directory), with lines starting where the old
   * log's did: the follower notes the replacement once and prints the imported log from its start.
   * Before, the poll read on from the old log's end in the imported log, leaving out its first
   * event, then printed the whole log again once the next poll saw another file.
   */
  @Test
  void aLogAnImportReplacedBetweenTheReadsOfAPollIsFollowedFromItsStart() throws Exception {
    Path root = work.resolve("root");
    try (JobStore jobs = JobStore.open(StoreOptions.defaults().withDataRoot(root))) {
      Path imported = importedLog();

      Followed followed =
          followedThroughAReplacement(jobs, root, file -> renameOver(imported, file));

      assertEquals(
          "{\"what\":\"started\",\"step\":1}\n{\"what\":\"arrived\",\"step\":1}\n"
              + "{\"what\":\"ran\",\"step\":2}\n",
          followed.out(),
          followed.toString());
    }
  }

  /**
   * A log an import replaced after a poll looked at the log and before its first read, with lines
   * starting where the old log's did: the follower notes the replacement once and prints the
   * imported log from its start, and nothing twice. Before, the poll's log (obtained for that poll)
   * knew no file, read on from the old log's end in the imported log, leaving out its first event,
   * and the next poll printed the whole imported log again.
   */
  @Test
  void aLogAnImportReplacedBeforeAPollsFirstReadIsFollowedFromItsStart() throws Exception {
    Path root = work.resolve("root");
    try (JobStore jobs = JobStore.open(StoreOptions.defaults().withDataRoot(root))) {
      EventLog<Note> log = startedJob(jobs);
      Path imported = importedLog();
      // the second poll's first read
      EventsCommand command = runningAtRead(3, () -> renameOver(imported, log.file()));

      Followed followed =
          follow(
              command,
              root,
              poll -> {
                if (poll == 1) {
                  log.append(new Note("paused", 2)); // the second poll reads the log
                }
                return poll < 3;
              });

      assertEquals(
          "{\"what\":\"started\",\"step\":1}\n{\"what\":\"arrived\",\"step\":1}\n"
              + "{\"what\":\"ran\",\"step\":2}\n",
          followed.out(),
          followed.toString());
      assertReplacementNotedOnce(followed, log.file());
    }
  }

  /**
   * A poll whose read ends one line short because the log's lock was held (here by another thread
   * of this JVM, as by another process's append or read) reads again at the next poll, though the
   * log did not change meanwhile: the line another process appended is printed once the lock is
   * free. Before, the next polls found the log as it was before that read and read nothing, so the
   * line stayed unprinted until the next append.
   */
  @Test
  void aPollLeftShortByAHeldLockIsReadAgainThoughTheLogDidNotChange() throws Exception {
    Path root = work.resolve("root");
    try (JobStore jobs = JobStore.open(StoreOptions.defaults().withDataRoot(root))) {
      Path file = startedJob(jobs).file();
      // another process's acknowledged append: no lock of this process knows its line settled
      Files.writeString(file, "{\"what\":\"ran\",\"step\":2}\n", StandardOpenOption.APPEND);
      InstanceLocks locks = InstanceLocks.forRoot(root);
      ExecutorService holder = Executors.newSingleThreadExecutor();
      CountDownLatch held = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      try {
        Future<?> holding =
            holder.submit(
                () -> {
                  try (InstanceLock lock =
                      locks.lock(FileEventLog.lockName("job-2"), Duration.ofSeconds(10))) {
                    held.countDown();
                    release.await();
                  }
                  return null;
                });
        held.await();

        Followed followed =
            follow(
                new EventsCommand(),
                root,
                poll -> {
                  if (poll == 1) {
                    release.countDown();
                    assertDoesNotThrow(() -> holding.get(1, TimeUnit.MINUTES));
                  }
                  return poll < 3;
                });

        assertEquals(
            "{\"what\":\"started\",\"step\":1}\n{\"what\":\"ran\",\"step\":2}\n",
            followed.out(),
            followed.toString());
        assertEquals(List.of(), followed.err());
      } finally {
        release.countDown();
        holder.shutdown();
      }
    }
  }

  /**
   * A follower given the root as a link keeps to the directory the link led to when it started: the
   * link pointed at another root whose job-2 has a longer log, the follower prints only the events
   * appended to the first root's log, with no note of a replacement. Before, it read the other
   * root's log through the link.
   */
  @Test
  void aFollowerThroughALinkedRootKeepsToTheRootTheLinkLedTo() throws Exception {
    Path first = work.resolve("first");
    Path second = work.resolve("second");
    Path link = Files.createSymbolicLink(work.resolve("root"), Files.createDirectory(first));
    try (JobStore other = JobStore.open(StoreOptions.defaults().withDataRoot(second))) {
      startedJob(other).append(new Note("elsewhere", 9));
    }
    try (JobStore jobs = JobStore.open(StoreOptions.defaults().withDataRoot(first))) {
      EventLog<Note> log = startedJob(jobs);

      Followed followed =
          follow(
              new EventsCommand(),
              link,
              poll -> {
                if (poll == 1) {
                  Files.delete(link);
                  Files.createSymbolicLink(link, second);
                } else if (poll == 2) {
                  log.append(new Note("ran", 2));
                }
                return poll < 3;
              });

      assertEquals(
          "{\"what\":\"started\",\"step\":1}\n{\"what\":\"ran\",\"step\":2}\n", followed.out());
      assertEquals(List.of(), followed.err());
    }
  }

  /**
   * {@code events --follow} of an instance the application deletes: the poll after stops it, naming
   * the instance as gone (exit 3), as {@code events} of a missing instance does.
   */
  @Test
  void aFollowerOfADeletedInstanceStopsSayingItIsGone() throws Exception {
    Path root = work.resolve("root");
    try (JobStore jobs = JobStore.open(StoreOptions.defaults().withDataRoot(root))) {
      startedJob(jobs);

      Followed followed =
          follow(
              new EventsCommand(),
              root,
              poll -> {
                assertEquals(1, poll, "the poll after the delete stops the follower");
                jobs.delete("job-2");
                return true;
              });

      assertEquals("{\"what\":\"started\",\"step\":1}\n", followed.out());
      assertEquals(List.of(), followed.err());
      assertEquals(ExitCodes.NOT_FOUND, followed.exitCode(), followed.toString());
    }
  }

  /**
   * Creates the instance {@code job-2} with one event in its log, "started", and returns the log.
   */
  private static EventLog<Note> startedJob(JobStore jobs) {
    jobs.create("job-2", c -> c.owner("bo"));
    EventLog<Note> log = jobs.events("job-2", Note.class);
    log.append(new Note("started", 1));
    return log;
  }

  /** An export's log of job-2 (its first event another than "started"), to import by hand. */
  private Path importedLog() throws IOException {
    return Files.writeString(
        work.resolve("imported.jsonl"),
        "{\"what\":\"arrived\",\"step\":1}\n{\"what\":\"ran\",\"step\":2}\n");
  }

  /** Renames {@code imported} over {@code log}, as an import does. */
  private static void renameOver(Path imported, Path log) {
    try {
      Files.move(imported, log, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A follower that runs {@code atRead} before its {@code read}th read of a log (from 1). */
  private static EventsCommand runningAtRead(int read, Runnable atRead) {
    EventsCommand command = new EventsCommand();
    AtomicInteger reads = new AtomicInteger();
    command.logs =
        followed ->
            new WatchedReads(
                followed,
                () -> {
                  if (reads.incrementAndGet() == read) {
                    atRead.run();
                  }
                });
    return command;
  }

  /**
   * Asserts that {@code followed} said once, and said only, that the log {@code file} was replaced.
   */
  private static void assertReplacementNotedOnce(Followed followed, Path file) {
    assertEquals(1, followed.err().size(), "the replacement is noted once: " + followed);
    assertTrue(
        followed.err().get(0).startsWith("note: " + file + ": the log was replaced"),
        followed.toString());
  }

  /** What a follower run in this JVM printed, and how it ended. */
  private record Followed(String out, List<String> err, int exitCode) {}

  /** What a test does at a follower's pause after poll {@code poll} (from 1). */
  @FunctionalInterface
  private interface AtPause {
    /** Returns whether the follower polls again. */
    boolean after(int poll) throws IOException;
  }

  /**
   * Runs {@code command} as {@code events job-2 --follow} on {@code root}, handing each pause to
   * {@code atPause} until it says to stop; a failure ends it with the exit code {@code burrow}
   * gives it.
   */
  private static Followed follow(EventsCommand command, Path root, AtPause atPause) {
    AtomicInteger polls = new AtomicInteger();
    command.pause =
        () -> {
          try {
            if (!atPause.after(polls.incrementAndGet())) {
              throw new Stop();
            }
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        };
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exitCode =
        new CommandLine(command)
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .setExecutionExceptionHandler(
                (thrown, line, parsed) -> {
                  if (thrown instanceof Stop) {
                    return 0;
                  }
                  if (thrown instanceof InstanceNotFoundException) {
                    return ExitCodes.NOT_FOUND;
                  }
                  throw thrown;
                })
            .execute("job-2", "--follow", "--root", root.toString());
    return new Followed(out.toString(), err.toString().lines().toList(), exitCode);
  }

  /** Copies the tree at {@code from} to {@code to}. */
  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> tree = Files.walk(from)) {
      for (Path entry : (Iterable<Path>) tree::iterator) {
        Files.copy(entry, to.resolve(from.relativize(entry).toString()));
      }
    }
  }

  /**
   * Gives {@code log} the second name {@code saved} ({@code planted} names hard links), or moves it
   * to {@code saved} and puts a symbolic link to a longer log, or a FIFO, in its place.
   */
  private static void plant(String planted, Path log, Path saved) {
    try {
      if (planted.contains("hard link")) {
        Files.createLink(saved, log);
        return;
      }
      Files.move(log, saved);
      if (planted.equals("FIFO")) {
        int made = new ProcessBuilder("mkfifo", log.toString()).inheritIO().start().waitFor();
        assertEquals(0, made, "mkfifo " + log);
      } else {
        Path longer = Files.copy(saved, saved.resolveSibling("longer.jsonl"));
        Files.writeString(longer, "{\"what\":\"secret\",\"step\":9}\n", StandardOpenOption.APPEND);
        Files.createSymbolicLink(log, longer);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
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
}
