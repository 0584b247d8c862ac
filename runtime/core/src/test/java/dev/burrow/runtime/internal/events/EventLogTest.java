package dev.burrow.runtime.internal.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.burrow.CorruptEventException;
import dev.burrow.Durability;
import dev.burrow.EventBatch;
import dev.burrow.EventLog;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.LoggedEvent;
import dev.burrow.MisuseException;
import dev.burrow.StorageException;
import dev.burrow.internal.Printable;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.json.FilesMapper;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.internal.store.HostContext;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.EventAppender;
import dev.burrow.runtime.testing.Step;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.runtime.testing.Unreadable.Circle;
import dev.burrow.runtime.testing.Unreadable.KotlinNote;
import dev.burrow.runtime.testing.Unreadable.Shipment;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {
  @TempDir Path dir;
  private CounterStore store;
  private EventLog<Step> log;

  @BeforeEach
  void open() {
    store = Stores.counters(dir, Durability.NONE);
    store.create("run");
    log = store.events("run", Step.class);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** A null durability would make every append skip its flush: it is refused, naming it. */
  @Test
  void aNullDurabilityIsANullPointerNamingTheParameter() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> log.withDurability(null));
    assertEquals("durability", e.getMessage());
  }

  @Test
  void eventsAreReadBackInOrderFromAnyOffsetTheLogReturned() throws IOException {
    assertEquals(new EventBatch<Step>(List.of(), 0, List.of()), log.read(0));
    List<Long> offsets = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      offsets.add(log.append(Step.of(i)));
    }
    assertEquals(store.dirs("run").root().resolve("events/events.jsonl"), log.file());
    EventBatch<Step> all = log.read(0);
    assertEquals(List.of(Step.of(0), Step.of(1), Step.of(2), Step.of(3), Step.of(4)), all.values());
    assertEquals(offsets, all.events().stream().map(LoggedEvent::offset).toList());
    assertEquals(Files.size(log.file()), all.nextOffset());
    assertEquals(List.of(), all.problems());

    EventBatch<Step> page = log.read(0, 2);
    assertEquals(List.of(Step.of(0), Step.of(1)), page.values());
    EventBatch<Step> rest = log.read(page.nextOffset());
    assertEquals(List.of(Step.of(2), Step.of(3), Step.of(4)), rest.values());
    assertEquals(List.of(), log.read(rest.nextOffset()).events());

    log.append(Step.of(5));
    assertEquals(List.of(Step.of(5)), log.read(rest.nextOffset()).values());
    assertEquals(
        1, Files.readAllLines(log.file()).stream().filter(l -> l.contains("step 5")).count());
  }

  @Test
  void badOffsetsAreRefused() {
    IllegalArgumentException negative =
        assertThrows(IllegalArgumentException.class, () -> log.read(-1));
    assertTrue(negative.getMessage().startsWith("offset -1 is negative"), negative.getMessage());
    assertThrows(IllegalArgumentException.class, () -> log.read(1));
    log.append(Step.of(0));
    assertThrows(IllegalArgumentException.class, () -> log.read(-1));
    assertThrows(IllegalArgumentException.class, () -> log.read(3));
    assertThrows(IllegalArgumentException.class, () -> log.read(1_000_000));
    assertThrows(IllegalArgumentException.class, () -> log.read(0, 0));
  }

  @Test
  void aTornFinalLineIsSkippedWithAWarningAndCutByTheNextAppend() throws IOException {
    log.append(Step.of(0));
    long tornAt = log.append(Step.of(1)) + Files.readAllLines(log.file()).get(1).length() + 1;
    Files.write(
        log.file(),
        "{\"pid\":1,\"seq\":2,\"no".getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.APPEND);

    EventBatch<Step> read = log.read(0);
    assertEquals(List.of(Step.of(0), Step.of(1)), read.values());
    assertEquals(tornAt, read.nextOffset(), "the torn line is not skipped over");
    assertEquals(1, read.problems().size());
    CorruptEventException torn = read.problems().get(0);
    assertTrue(torn.tornTail());
    assertEquals(tornAt, torn.offset());
    assertTrue(torn.getMessage().contains(log.file().toString()), torn.getMessage());

    assertEquals(tornAt, log.append(Step.of(2)));
    EventBatch<Step> repaired = log.read(0);
    assertEquals(List.of(Step.of(0), Step.of(1), Step.of(2)), repaired.values());
    assertEquals(List.of(), repaired.problems());
  }

  /**
   * An unfinished last line longer than any append writes (a planted sparse tail) is no crashed
   * writer's torn append, which readers note and skip: it is damage. Before, it was reported as a
   * torn tail, and fsck called a log with 100 MB of it undamaged. It is not skipped over either: a
   * reader resumes at its start. An append neither cuts it nor writes after it, where no read would
   * find its event; once the log is cut where the read says the line starts, appends go on there.
   */
  @Test
  void anUnfinishedLastLineLongerThanAnyAppendIsDamageNotATornAppend() throws IOException {
    log.append(Step.of(0));
    long tail = Files.size(log.file());
    try (RandomAccessFile file = new RandomAccessFile(log.file().toFile(), "rw")) {
      file.setLength(tail + FileEventLog.MAX_LINE_BYTES); // zeros: no line end
    }

    EventBatch<Step> read = log.read(0);
    assertEquals(List.of(Step.of(0)), read.values());
    assertEquals(1, read.problems().size());
    CorruptEventException damaged = read.problems().get(0);
    assertFalse(damaged.tornTail(), damaged.getMessage());
    assertEquals(tail, damaged.offset());
    assertEquals(tail, read.nextOffset(), "not skipped over");

    CorruptEventException refused =
        assertThrows(CorruptEventException.class, () -> log.append(Step.of(1)));
    assertEquals(log.file().toString(), refused.location(), refused.getMessage());
    assertEquals(tail + FileEventLog.MAX_LINE_BYTES, Files.size(log.file()), "nothing cut");

    try (RandomAccessFile file = new RandomAccessFile(log.file().toFile(), "rw")) {
      file.setLength(damaged.offset());
    }
    assertEquals(tail, log.append(Step.of(1)));
    EventBatch<Step> after = log.read(read.nextOffset());
    assertEquals(List.of(Step.of(1)), after.values(), "a reader resumes at the appended line");
    assertEquals(List.of(), after.problems());
  }

  /**
   * The longest unfinished line an append can leave, one byte short of the line limit, is still a
   * crashed writer's torn append: noted, and cut by the next append, which reads back no further
   * than the limit to find where it starts.
   */
  @Test
  void theLongestTornAppendIsStillCutByTheNextAppend() throws IOException {
    log.append(Step.of(0));
    long tail = Files.size(log.file());
    try (RandomAccessFile file = new RandomAccessFile(log.file().toFile(), "rw")) {
      file.setLength(tail + FileEventLog.MAX_LINE_BYTES - 1); // zeros: no line end
    }

    EventBatch<Step> read = log.read(0);
    assertEquals(1, read.problems().size());
    assertTrue(read.problems().get(0).tornTail(), read.problems().get(0).getMessage());

    assertEquals(tail, log.append(Step.of(1)));
    EventBatch<Step> repaired = log.read(0);
    assertEquals(List.of(Step.of(0), Step.of(1)), repaired.values());
    assertEquals(List.of(), repaired.problems());
  }

  /**
   * A planted unfinished line costs an append, which runs under the log's lock, at most about
   * {@link FileEventLog#MAX_LINE_BYTES} of reading, however long it is (counted as the bytes this
   * thread's read calls returned, Linux's per-thread {@code rchar}). Before, an append walked back
   * through all of it: a 2 GiB sparse tail took 4.5 s, a sparse 15 TB one hours, while every other
   * append of the log waited. A read passes over it without holding it.
   */
  @Test
  void aPlantedLineWithoutALineEndCostsAnAppendAtMostTheLineLimit() throws IOException {
    log.append(Step.of(0));
    long tail = Files.size(log.file());
    long planted = 8L * FileEventLog.MAX_LINE_BYTES;
    try (RandomAccessFile file = new RandomAccessFile(log.file().toFile(), "rw")) {
      file.setLength(tail + planted); // sparse zeros: no line end
    }

    EventBatch<Step> read = log.read(0, 10);
    assertEquals(List.of(Step.of(0)), read.values());
    assertEquals(tail, read.nextOffset());
    assertEquals(tail, read.problems().get(0).offset());

    long before = bytesReadByThisThread();
    assertThrows(CorruptEventException.class, () -> log.append(Step.of(1)));
    long appendCost = bytesReadByThisThread() - before;
    long bound = FileEventLog.MAX_LINE_BYTES + 1024 * 1024;
    assertTrue(appendCost < bound, "the append read " + appendCost + " bytes");
    assertEquals(tail + planted, Files.size(log.file()), "nothing cut or appended");
  }

  /**
   * A finished line longer than any append writes is reported and skipped without being held: the
   * events appended after it are read, so no acknowledged append is hidden behind it.
   */
  @Test
  void aFinishedLineLongerThanAnyAppendIsSkippedAndWhatFollowsIsRead() throws IOException {
    log.append(Step.of(0));
    long tail = Files.size(log.file());
    byte[] longLine = new byte[FileEventLog.MAX_LINE_BYTES + 1];
    Arrays.fill(longLine, (byte) 'x');
    longLine[longLine.length - 1] = '\n';
    Files.write(log.file(), longLine, StandardOpenOption.APPEND);
    log.append(Step.of(1));

    EventBatch<Step> read = log.read(0);
    assertEquals(List.of(Step.of(0), Step.of(1)), read.values());
    assertEquals(1, read.problems().size());
    assertFalse(read.problems().get(0).tornTail());
    assertEquals(tail, read.problems().get(0).offset());
    assertEquals(Files.size(log.file()), read.nextOffset());
  }

  /** The bytes the read calls of this thread have returned so far: Linux's per-thread rchar. */
  private static long bytesReadByThisThread() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/thread-self/io"))) {
      if (line.startsWith("rchar: ")) {
        return Long.parseLong(line.substring("rchar: ".length()));
      }
    }
    throw new IllegalStateException("no rchar in /proc/thread-self/io");
  }

  /**
   * The log's directory replaced by a link, or by a file, is refused naming it and saying Burrow's
   * rule once; nothing is appended through the link. Before, the link's refusal said "Burrow never
   * follows links" twice, and the file's said it of a file that is no link.
   */
  @Test
  void aPlantedDirectoryOnTheLogsWayIsRefusedSayingBurrowsRuleOnce() throws IOException {
    log.append(Step.of(0));
    Path events = log.file().getParent();
    Path outside = Files.move(events, dir.resolve("outside"));
    long size = Files.size(outside.resolve(log.file().getFileName()));
    Files.createSymbolicLink(events, outside);

    StorageException linked = assertThrows(StorageException.class, () -> log.append(Step.of(1)));
    assertEquals(
        "cannot use event log "
            + log.file()
            + ": "
            + events
            + ": it is a symbolic link but must be a directory; Burrow never follows links inside"
            + " its data root",
        linked.getMessage());
    assertEquals(size, Files.size(outside.resolve(log.file().getFileName())));

    Files.delete(events);
    Files.writeString(events, "planted");
    StorageException file = assertThrows(StorageException.class, () -> log.read(0));
    assertEquals(
        "cannot use event log "
            + log.file()
            + ": "
            + events
            + ": it is a regular file but must be a directory; Burrow refuses to use a planted path"
            + " in its data root",
        file.getMessage());
  }

  /**
   * A log replaced by a hard link to a file elsewhere (a second name of that file) is damage of the
   * whole log, as a symbolic link there is: appends refuse it, so nothing is written to the other
   * file, and reads report it without opening it. Before, the next append was written to it.
   */
  @Test
  void aLogHardLinkedToAFileElsewhereIsNeitherWrittenThroughNorRead() throws IOException {
    log.append(Step.of(0));
    Path outside = Files.createTempFile("outside", ".txt");
    try {
      Files.writeString(outside, "outside\n");
      Files.delete(log.file());
      Files.createLink(log.file(), outside);

      CorruptEventException refused =
          assertThrows(CorruptEventException.class, () -> log.append(Step.of(1)));
      assertEquals(log.file().toString(), refused.location(), refused.getMessage());
      assertTrue(refused.getMessage().contains("hard link"), refused.getMessage());
      assertEquals("outside\n", Files.readString(outside));

      EventBatch<Step> read = log.read(0);
      assertEquals(List.of(), read.values());
      assertEquals(1, read.problems().size());
      assertEquals(log.file().toString(), read.problems().get(0).location());
    } finally {
      Files.delete(outside);
    }
  }

  @Test
  void aDamagedLineInTheMiddleIsReportedAndTheRestIsRead() throws IOException {
    log.append(Step.of(0));
    Files.write(
        log.file(), "not json\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    log.append(Step.of(1));
    EventBatch<Step> read = log.read(0);
    assertEquals(List.of(Step.of(0), Step.of(1)), read.values());
    assertEquals(1, read.problems().size());
    assertFalse(read.problems().get(0).tornTail());
    assertEquals(read.events().get(0).nextOffset(), read.problems().get(0).offset());
  }

  @Test
  void aFloodOfDamagedLinesIsOneWarningPerReadNamingTheFirstAndTheCount() throws IOException {
    log.append(Step.of(0));
    long firstDamaged = Files.size(log.file());
    Files.write(
        log.file(), "x\n".repeat(2000).getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
    List<LogRecord> warnings = new ArrayList<>();
    Handler capture = warningsInto(warnings);
    Logger burrow = Logger.getLogger("dev.burrow");
    burrow.addHandler(capture);
    try {
      EventBatch<Step> page = log.read(0, 1000);
      assertEquals(999, page.problems().size(), "every damaged line is still handed on");
      assertEquals(1, warnings.size(), "one warning for the page, not one per damaged line");
      String warning = warnings.get(0).getMessage();
      assertTrue(warning.contains(log.file() + " at byte " + firstDamaged), warning);
      assertTrue(warning.contains("the first of 999 damaged lines"), warning);

      warnings.clear();
      assertEquals(2000, log.read(0).problems().size());
      assertEquals(1, warnings.size(), "one warning for the whole read");
      assertTrue(warnings.get(0).getMessage().contains("the first of 2000 damaged lines"));
    } finally {
      burrow.removeHandler(capture);
    }
  }

  @Test
  void aWarningNamingAHostilePathIsOneUnambiguousLineWithNothingUnsafeInIt() throws IOException {
    Path hostile = dir.resolve("root\n[WARN] forged\u202eline\u001b[2J, not \\u000a");
    List<LogRecord> warnings = new ArrayList<>();
    Handler capture = warningsInto(warnings);
    Logger burrow = Logger.getLogger("dev.burrow");
    burrow.addHandler(capture);
    try (CounterStore other = Stores.counters(hostile, Durability.NONE)) {
      other.create("run");
      EventLog<Step> events = other.events("run", Step.class);
      events.append(Step.of(0));
      Files.write(
          events.file(),
          "{\"pid\":1,\"no".getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.APPEND);
      events.append(Step.of(1));
    } finally {
      burrow.removeHandler(capture);
    }
    assertEquals(1, warnings.size(), "the torn line removed: " + warnings);
    String warning = warnings.get(0).getMessage();
    assertTrue(warning.contains("removed a torn final line"), warning);
    assertTrue(
        warning.contains("root\\u000a[WARN] forged\\u202eline\\u001b[2J, not \\u005cu000a"),
        "the name's own backslash-u told apart from an escape: " + warning);
    assertTrue(warning.chars().allMatch(Printable::isSafe), warning);
  }

  private static Handler warningsInto(List<LogRecord> warnings) {
    return new Handler() {
      @Override
      public void publish(LogRecord record) {
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
          warnings.add(record);
        }
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
  }

  @Test
  void aLineWithOverlongUtf8IsReportedAsDamaged() throws IOException {
    log.append(Step.of(0));
    byte[] overlong = {
      '{',
      '"',
      'p',
      'i',
      'd',
      '"',
      ':',
      '1',
      ',',
      '"',
      's',
      'e',
      'q',
      '"',
      ':',
      '1',
      ',',
      '"',
      'n',
      'o',
      't',
      'e',
      '"',
      ':',
      '"',
      (byte) 0xc0,
      (byte) 0xaf,
      '"',
      '}',
      '\n'
    };
    Files.write(log.file(), overlong, StandardOpenOption.APPEND);
    log.append(Step.of(2));

    EventBatch<Step> read = log.read(0);

    assertEquals(List.of(Step.of(0), Step.of(2)), read.values());
    assertEquals(1, read.problems().size());
    assertTrue(read.problems().get(0).getMessage().contains("UTF-8"), read.problems().toString());
  }

  /**
   * A line that another appender (a thread here, a process alike) is writing while it holds the
   * log's lock is no event yet: the read returns the events before it, resumes at its start, and
   * reports nothing. It does not wait for the lock either. Before, it waited for it and, once the
   * store's lock timeout passed, threw {@code LockTimeoutException: could not lock instance
   * 'events:run'}, which {@code read} did not document.
   */
  @Test
  void aLineBeingWrittenUnderTheLockIsNotYetAnEventAndTheReadDoesNotWaitForIt() throws Exception {
    log.append(Step.of(0));
    long lineStart = Files.size(log.file());
    byte[] line =
        (new String(Files.readAllBytes(log.file()), StandardCharsets.UTF_8)
                .replace("step 0", "step 1")
                .replace("\"seq\":0", "\"seq\":1"))
            .getBytes(StandardCharsets.UTF_8);
    InstanceLocks locks = InstanceLocks.forFile(HostContext.lockFile(dir));
    EventBatch<Step> during;
    try (InstanceLock writer = locks.lock("events:run", Duration.ofSeconds(5))) {
      Files.write(log.file(), Arrays.copyOf(line, 20), StandardOpenOption.APPEND);
      // on another thread, as this one holds the lock and could take it again
      during = CompletableFuture.supplyAsync(() -> log.read(0)).get(1, TimeUnit.MINUTES);
      Files.write(log.file(), Arrays.copyOfRange(line, 20, line.length), StandardOpenOption.APPEND);
    }
    assertEquals(List.of(Step.of(0)), during.values());
    assertEquals(lineStart, during.nextOffset(), "the read resumes at the unfinished line");
    assertEquals(List.of(), during.problems(), "an append in progress is no torn line");

    EventBatch<Step> after = log.read(during.nextOffset());
    assertEquals(List.of(Step.of(1)), after.values());
    assertEquals(List.of(), after.problems());
  }

  /**
   * An append under {@link Durability#FSYNC} whose write succeeded and whose flush failed cuts its
   * own line off again, still holding the log's lock, and throws: the event was never appended.
   * Enacted here under the lock (the write, a read on another thread, the cut), as the append does
   * it. The read does not return the line, which it reads while the append holds the lock, and
   * resumes at its start, where the next append writes a longer line. Before, the read returned the
   * event reported failed, and its next offset pointed into the next line: the follower's next read
   * threw {@code IllegalArgumentException: offset N is not the start of a line}.
   */
  @Test
  void aLineItsAppendCutsOffAgainIsNeverReturnedAndTheReadResumesAtItsStart() throws Exception {
    log.append(Step.of(0));
    long lineStart = Files.size(log.file());
    InstanceLocks locks = InstanceLocks.forFile(HostContext.lockFile(dir));
    EventBatch<Step> during;
    try (InstanceLock appender = locks.lock("events:run", Duration.ofSeconds(5))) {
      Files.write(
          log.file(),
          (FilesMapper.INSTANCE.writeValueAsString(new Step(1, 1, "never acknowledged")) + "\n")
              .getBytes(StandardCharsets.UTF_8),
          StandardOpenOption.APPEND);
      // on another thread, as this one holds the lock and could take it again
      during = CompletableFuture.supplyAsync(() -> log.read(0)).get(1, TimeUnit.MINUTES);
      try (RandomAccessFile file = new RandomAccessFile(log.file().toFile(), "rw")) {
        file.setLength(lineStart); // the flush failed: the append cuts its line off again
      }
    }
    Step appended = new Step(1, 2, "the event appended in its place, longer than the other");
    log.append(appended);

    assertEquals(List.of(Step.of(0)), during.values());
    assertEquals(lineStart, during.nextOffset(), "the read resumes at the line's start");
    assertEquals(List.of(), during.problems(), "an append in progress is no damage");
    EventBatch<Step> next = log.read(during.nextOffset());
    assertEquals(List.of(appended), next.values());
    assertEquals(List.of(), next.problems());
  }

  /**
   * Appends follow one another, one always holding the log's lock when the follower reads (here the
   * test holds it throughout, writing each line as an append does): each read is left short of the
   * last line, which an append in progress may still cut off, and returns it once another line
   * follows it, without ever taking the lock. Once the lock is free, the last line is read too.
   */
  @Test
  void aFollowerMakesProgressWhileAppendsHoldTheLockOneAfterAnother() throws Exception {
    for (int i = 0; i < 3; i++) {
      appendAsAnotherProcess(Step.of(i));
    }
    InstanceLocks locks = InstanceLocks.forFile(HostContext.lockFile(dir));
    List<Step> followed = new ArrayList<>();
    long offset = 0;
    try (InstanceLock appender = locks.lock("events:run", Duration.ofSeconds(5))) {
      for (int i = 3; i < 6; i++) {
        long from = offset;
        // on another thread, as this one holds the lock and could take it again
        EventBatch<Step> read =
            CompletableFuture.supplyAsync(() -> log.read(from)).get(1, TimeUnit.MINUTES);
        assertEquals(List.of(), read.problems());
        followed.addAll(read.values());
        offset = read.nextOffset();
        appendAsAnotherProcess(Step.of(i));
      }
      assertEquals(
          List.of(Step.of(0), Step.of(1), Step.of(2), Step.of(3)),
          followed,
          "each read returned all but the last line, so a follower progresses while appends run");
    }
    EventBatch<Step> last = log.read(offset);
    followed.addAll(last.values());
    assertEquals(
        List.of(Step.of(0), Step.of(1), Step.of(2), Step.of(3), Step.of(4), Step.of(5)), followed);
  }

  /**
   * The line of {@code step} written at the log's end, as an append of another process writes it
   * (here with the lock free or held by the test): this process does not know it was appended.
   */
  private void appendAsAnotherProcess(Step step) throws IOException {
    Files.write(
        log.file(),
        (FilesMapper.INSTANCE.writeValueAsString(step) + "\n").getBytes(StandardCharsets.UTF_8),
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
  }

  /**
   * Appends of this process returned, and the next append (another thread's or process's) holds the
   * lock and has not written yet: nothing in the file tells the last line from that append's own,
   * but this process knows where its appends ended, so a read returns every event it acknowledged.
   * Before {@code SettledEnds}, the read ended before the last one.
   */
  @Test
  void aReadReturnsEveryEventThisProcessAcknowledgedWhileTheNextAppendHoldsTheLock()
      throws Exception {
    log.append(Step.of(0));
    log.append(Step.of(1));
    InstanceLocks locks = InstanceLocks.forFile(HostContext.lockFile(dir));
    try (InstanceLock next = locks.lock("events:run", Duration.ofSeconds(5))) {
      // on another thread, as this one holds the lock and could take it again
      EventBatch<Step> read =
          CompletableFuture.supplyAsync(() -> log.read(0)).get(1, TimeUnit.MINUTES);
      assertEquals(List.of(Step.of(0), Step.of(1)), read.values());
      assertEquals(Files.size(log.file()), read.nextOffset());
    }
  }

  /**
   * A crash left a torn line crossing the reader's 64 KiB chunk boundary; between the reader's two
   * reads of it, an append cuts it off and writes its own line in its place (made to happen there
   * every time by a channel that appends before the second read). Before, the reader joined the
   * torn line's start and the appended line's end into {@code Step[pid=1, seq=7, note=AAAAABBBB…]},
   * never appended, and its next offset pointed past the appended event.
   */
  @Test
  void aReadNeverJoinsATornLineCutBetweenItsReadsWithTheLineAppendedInItsPlace()
      throws IOException {
    String torn = "{\"pid\":1,\"seq\":7,\"note\":\"" + "A".repeat(40);
    Step appended = new Step(1, 7, "B".repeat(60));

    List<Step> filler = writeFillerAndTornLineAcrossTheChunkBoundary(torn);
    EventBatch<Step> read = readWhileAnAppendReplacesTheTornLineBetweenTwoReads(appended);

    List<Step> expected = new ArrayList<>(filler);
    expected.add(appended);
    assertEquals(expected, read.values());
    assertEquals(List.of(), read.problems());
    assertEquals(Files.size(log.file()), read.nextOffset());
  }

  /**
   * As above, with a torn line whose start and the appended line's end make no JSON: before, a
   * sound log was reported damaged there, and the appended event was skipped.
   */
  @Test
  void aSoundLogIsNotReportedDamagedWhenATornLineIsCutBetweenTheReadsOfIt() throws IOException {
    String torn = "{\"pid\":22222,\"seq\":9999,\"note\":\"" + "A".repeat(40);
    Step appended = new Step(1, 7, "B".repeat(60));

    List<Step> filler = writeFillerAndTornLineAcrossTheChunkBoundary(torn);
    EventBatch<Step> read = readWhileAnAppendReplacesTheTornLineBetweenTwoReads(appended);

    assertEquals(List.of(), read.problems());
    assertEquals(filler.size() + 1, read.values().size());
    assertEquals(appended, read.values().get(filler.size()));
  }

  private static final int CHUNK = 64 * 1024;

  /** Where the torn line starts: 30 bytes before the reader's second chunk. */
  private static final int TORN_AT = CHUNK - 30;

  /**
   * Replaces the log with complete lines up to {@link #TORN_AT}, then {@code torn} without a line
   * end, as a crash during an append leaves it; returns the events of the complete lines.
   */
  private List<Step> writeFillerAndTornLineAcrossTheChunkBoundary(String torn) throws IOException {
    List<Step> steps = new ArrayList<>();
    StringBuilder content = new StringBuilder();
    while (content.length() < TORN_AT) {
      String head = "{\"pid\":1,\"seq\":" + steps.size() + ",\"note\":\"";
      int room = TORN_AT - content.length() - head.length() - 3;
      String note = "f".repeat(room < 250 ? room : 100);
      steps.add(new Step(1, steps.size(), note));
      content.append(head).append(note).append("\"}\n");
    }
    assertEquals(TORN_AT, content.length());
    Files.write(log.file(), (content + torn).getBytes(StandardCharsets.UTF_8));
    return steps;
  }

  /**
   * Reads the log from 0, appending {@code appended} right before the reader's read of its second
   * chunk, or, should the reader take the log's lock before it reads there, right before it takes
   * the lock (an append cannot run while the reader holds it), as another thread or process may
   * append at any moment: the append cuts the torn line and writes its own at {@link #TORN_AT}.
   */
  private EventBatch<Step> readWhileAnAppendReplacesTheTornLineBetweenTwoReads(Step appended)
      throws IOException {
    InstanceLocks locks = InstanceLocks.forFile(HostContext.lockFile(dir));
    List<Long> appendedAt = new ArrayList<>();
    Runnable appendOnce =
        () -> {
          if (appendedAt.isEmpty()) {
            appendedAt.add(log.append(appended));
          }
        };
    EventBatch<Step> read =
        new EventLogRead<>(
                log.file(),
                Step.class,
                FilesMapper.INSTANCE.readerFor(Step.class),
                Integer.MAX_VALUE,
                Long.MAX_VALUE,
                () -> {
                  appendOnce.run();
                  return locks.tryLock(FileEventLog.lockName("run"));
                },
                file ->
                    new BetweenReadsChannel(
                        SafeFiles.openToReadSingleLink(file),
                        position -> {
                          if (position >= CHUNK) {
                            appendOnce.run();
                          }
                        }))
            .from(0, null);
    assertEquals(List.of((long) TORN_AT), appendedAt, "the append replaced the torn line");
    return read;
  }

  /**
   * A first durable append made the log and wrote its event, and a crash stopped it before it
   * flushed the log's directory: the next durable append, in another process, found the log there
   * and flushed only the file, so a power cut could lose the whole log with the events it
   * acknowledged. Each process's first durable append to a log now flushes the directory, once.
   */
  @Test
  void aDurableAppendToALogACrashLeftFlushesTheLogsDirectoryOncePerProcess() throws Exception {
    Files.write(
        log.file(),
        (FilesMapper.INSTANCE.writeValueAsString(Step.of(0)) + "\n")
            .getBytes(StandardCharsets.UTF_8));
    Path directory = log.file().getParent().toAbsolutePath();
    Path instanceDirectory = directory.getParent();

    List<RecordedEvent> flushes =
        recordFlushes(
            () -> {
              log.withDurability(Durability.FSYNC).append(Step.of(1));
              log.withDurability(Durability.FSYNC).append(Step.of(2));
              store.events("run", Step.class).withDurability(Durability.FSYNC).append(Step.of(3));
            });

    assertEquals(
        1,
        flushes.stream()
            .filter(e -> e.getBoolean("directory"))
            .filter(e -> Path.of(e.getString("path")).toAbsolutePath().equals(directory))
            .count(),
        flushes::toString);
    assertEquals(
        1,
        flushes.stream()
            .filter(e -> e.getBoolean("directory"))
            .filter(e -> Path.of(e.getString("path")).toAbsolutePath().equals(instanceDirectory))
            .count(),
        flushes::toString);
    assertEquals(
        3,
        flushes.stream()
            .filter(e -> !e.getBoolean("directory"))
            .filter(
                e ->
                    Path.of(e.getString("path"))
                        .toAbsolutePath()
                        .equals(log.file().toAbsolutePath()))
            .count(),
        flushes::toString);
    assertEquals(List.of(Step.of(0), Step.of(1), Step.of(2), Step.of(3)), log.read(0).values());
  }

  /**
   * A log this process flushed the name of, removed with its directory and made again at its path
   * by another process whose crash stopped it before it flushed the directory, with the file system
   * giving the new log the old one's inode (ext4 gives a freed inode again at once). This process
   * knew the log by path and inode only, took it for the one whose name it had flushed, and its
   * durable append flushed no directory: a power cut could lose the new log with the event it
   * acknowledged. The log's directory, by its file key and modification time, now tells them apart.
   */
  @Test
  void aLogMadeAgainAtItsPathWithTheSameInodeHasItsDirectoryFlushedAgain() throws Exception {
    EventLog<Step> durable = log.withDurability(Durability.FSYNC);
    durable.append(Step.of(1));
    Path file = log.file().toAbsolutePath();
    Path directory = file.getParent();
    Object before = Files.readAttributes(file, BasicFileAttributes.class).fileKey();

    Files.delete(file);
    Files.delete(directory);
    Files.createDirectory(directory);
    Files.write(
        file,
        (FilesMapper.INSTANCE.writeValueAsString(Step.of(2)) + "\n")
            .getBytes(StandardCharsets.UTF_8));
    assumeTrue(
        before != null
            && before.equals(Files.readAttributes(file, BasicFileAttributes.class).fileKey()),
        "the file system gave the new log another inode: nothing to tell apart");

    List<RecordedEvent> flushes = recordFlushes(() -> durable.append(Step.of(3)));

    assertEquals(
        1,
        flushes.stream()
            .filter(e -> e.getBoolean("directory"))
            .filter(e -> Path.of(e.getString("path")).toAbsolutePath().equals(directory))
            .count(),
        flushes::toString);
    assertEquals(List.of(Step.of(2), Step.of(3)), log.read(0).values());
  }

  /** The {@code dev.burrow.Flush} events {@code workload} records. */
  private List<RecordedEvent> recordFlushes(Runnable workload) throws IOException {
    Path file = dir.resolve("flushes.jfr");
    try (Recording recording = new Recording()) {
      recording.enable("dev.burrow.Flush");
      recording.start();
      workload.run();
      recording.stop();
      recording.dump(file);
    }
    return RecordingFile.readAllEvents(file).stream()
        .filter(e -> e.getEventType().getName().equals("dev.burrow.Flush"))
        .toList();
  }

  @Test
  void appendsFromManyThreadsNeverInterleave() throws Exception {
    int threads = 4;
    int each = 500;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int base = t * each;
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < each; i++) {
                  log.append(Step.of(base + i));
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get(2, TimeUnit.MINUTES);
    }
    pool.shutdown();
    EventBatch<Step> read = log.read(0);
    assertEquals(List.of(), read.problems());
    assertEquals(threads * each, read.events().size());
    assertEquals(threads * each, read.values().stream().mapToInt(Step::seq).distinct().count());
  }

  @Test
  void appendsFromTwoProcessesNeverInterleave() {
    int each = 5_000;
    try (ChildJvm first = ChildJvm.start(EventAppender.class, dir.toString(), "run", "" + each);
        ChildJvm second = ChildJvm.start(EventAppender.class, dir.toString(), "run", "" + each)) {
      first.awaitLine("ready");
      second.awaitLine("ready");
      first.send("go");
      second.send("go");
      first.awaitLine("done");
      second.awaitLine("done");
      first.awaitSuccess();
      second.awaitSuccess();
    }
    EventBatch<Step> read = log.read(0);
    assertEquals(List.of(), read.problems());
    assertEquals(2 * each, read.events().size());
    Map<Long, List<Integer>> byProcess = new HashMap<>();
    read.values()
        .forEach(s -> byProcess.computeIfAbsent(s.pid(), p -> new ArrayList<>()).add(s.seq()));
    assertEquals(2, byProcess.size());
    List<Integer> expected = java.util.stream.IntStream.range(0, each).boxed().toList();
    byProcess
        .values()
        .forEach(seqs -> assertEquals(expected, seqs, "each process's events in order"));
  }

  @Test
  void afterSigkillDuringAppendsEveryAcknowledgedEventIsThereAndTheLogStaysUsable() {
    int acksBeforeKill = ThreadLocalRandom.current().nextInt(20, 1_500);
    try (ChildJvm child =
        ChildJvm.start(EventAppender.class, dir.toString(), "run", "1000000", "ack")) {
      child.awaitLine("ready");
      child.send("go");
      for (int i = 0; i < acksBeforeKill; i++) {
        assertEquals("ack " + i, child.readLine());
      }
      child.kill();
    }
    EventBatch<Step> read = log.read(0);
    assertTrue(
        read.problems().stream().allMatch(CorruptEventException::tornTail),
        read.problems()::toString);
    List<Integer> seqs = read.values().stream().map(Step::seq).toList();
    assertTrue(seqs.size() >= acksBeforeKill, seqs.size() + " < " + acksBeforeKill);
    assertEquals(
        java.util.stream.IntStream.range(0, seqs.size()).boxed().toList(),
        seqs,
        "a gapless prefix of what the child appended");

    log.append(Step.of(-1));
    EventBatch<Step> after = log.read(read.nextOffset());
    assertEquals(List.of(Step.of(-1)), after.values());
    assertEquals(List.of(), log.read(0).problems());
  }

  @Test
  void fsyncDurabilityAppendsAndReadsTheSame() {
    EventLog<Step> durable = log.withDurability(Durability.FSYNC);
    durable.append(Step.of(0));
    durable.append(Step.of(1));
    assertEquals(List.of(Step.of(0), Step.of(1)), log.read(0).values());
  }

  /** A new handle on the log of instance "run". */
  private FileEventLog<Step> runLog() {
    return FileEventLog.of(Stores.host(dir), store.dirs("run"), Step.class, () -> {});
  }

  /**
   * {@code log}, before whose first open instance "run" is deleted and created again, and then
   * {@code afterwards} acts on the log file.
   */
  private FileEventLog<Step> replacedBeforeItsFirstOpen(
      FileEventLog<Step> log, FileEventLog.BeforeOpen afterwards) {
    AtomicBoolean recreated = new AtomicBoolean();
    return log.withBeforeOpen(
        file -> {
          if (recreated.compareAndSet(false, true)) {
            store.delete("run");
            store.create("run");
            afterwards.run(file);
          }
        });
  }

  /**
   * The instance was deleted and created again while a read was opening its log: the read took the
   * deleted instance's directory before and opened the new log. What it handed out are offsets into
   * the new log, and reading on from them reads the new log.
   */
  @Test
  void aReadThatOpenedTheLogOfTheInstanceCreatedAgainMeanwhileHandsOutOffsetsIntoIt() {
    log.append(Step.of(0));
    FileEventLog<Step> reading =
        replacedBeforeItsFirstOpen(
            runLog(), file -> store.events("run", Step.class).append(Step.of(1)));

    EventBatch<Step> read = reading.read(0);
    assertEquals(List.of(Step.of(1)), read.values());
    store.events("run", Step.class).append(Step.of(2));
    assertEquals(List.of(Step.of(2)), reading.read(read.nextOffset()).values());
  }

  /**
   * The instance was deleted and created again while a read from an offset into its log was opening
   * the log, and the new instance has no log yet: the offset is in the deleted instance's log,
   * which is reported as gone, not as an offset past the end of the new, empty one.
   */
  @Test
  void aReadFromAnOffsetWhoseInstanceWasReplacedBeforeItsOpenReportsTheInstanceGone() {
    FileEventLog<Step> reading = runLog();
    long next = reading.read(0).nextOffset();
    reading.append(Step.of(0));
    long offset = reading.read(next).nextOffset();
    FileEventLog<Step> replacing = replacedBeforeItsFirstOpen(reading, file -> {});

    assertThrows(InstanceNotFoundException.class, () -> replacing.read(offset));
    assertEquals(List.of(), replacing.read(0).values());
  }

  @Test
  void anAppendThatOpenedTheLogOfTheInstanceCreatedAgainMeanwhileHandsOutAnOffsetIntoIt() {
    log.append(Step.of(0));
    FileEventLog<Step> appending =
        replacedBeforeItsFirstOpen(
            runLog(),
            file -> {
              // the new instance's log holds a line already
              Files.createDirectories(file.getParent());
              Files.write(
                  file,
                  (FilesMapper.INSTANCE.writeValueAsString(Step.of(1)) + "\n")
                      .getBytes(StandardCharsets.UTF_8));
            });

    long offset = appending.append(Step.of(2));
    assertTrue(offset > 0, "offset " + offset);
    assertEquals(List.of(Step.of(2)), appending.read(offset).values());
  }

  /**
   * The instance was deleted and created again right before an append opened its log: the new
   * instance has no {@code events/} directory yet, so the open fails and nothing is written. The
   * failure says so, and that appending again works.
   */
  @Test
  void anAppendWhoseInstanceWasReplacedBeforeItsOpenSaysSoAndARetryAppends() {
    log.append(Step.of(0));
    FileEventLog<Step> appending = replacedBeforeItsFirstOpen(runLog(), file -> {});

    StorageException e = assertThrows(StorageException.class, () -> appending.append(Step.of(1)));
    assertTrue(
        e.getMessage().contains("instance run was deleted and created again"), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was written"), e.getMessage());
    assertTrue(e.getMessage().contains("append again"), e.getMessage());
    long offset = appending.append(Step.of(2));
    assertEquals(List.of(Step.of(2)), appending.read(0).values());
    assertEquals(0, offset);
  }

  @Test
  void theLogIsRemovedWithItsInstance() {
    log.append(Step.of(0));
    store.delete("run");
    assertFalse(Files.exists(log.file()));
  }

  @Test
  void anEventThatWouldNotReadBackIsRefusedAndNothingIsAppended() throws IOException {
    EventLog<Shipment> shipments = store.events("run", Shipment.class);
    long first = shipments.append(new Shipment("empty", null));

    MisuseException e =
        assertThrows(
            MisuseException.class, () -> shipments.append(new Shipment("full", new Circle(2))));
    assertTrue(e.getMessage().startsWith("a Shipment event for " + log.file()), e.getMessage());
    assertTrue(e.getMessage().contains("cannot be read back"), e.getMessage());
    assertThrows(
        MisuseException.class,
        () -> store.events("run", Thread.class).append(new Thread(() -> {})));

    EventBatch<Shipment> all = shipments.read(0);
    assertEquals(List.of(new Shipment("empty", null)), all.values());
    assertEquals(List.of(), all.problems());
    assertEquals(first, all.events().get(0).offset());
    assertEquals(Files.size(log.file()), all.nextOffset());
  }

  @Test
  void anEventLongerThanTheLineLimitIsAMisuseAndNothingIsAppended() throws IOException {
    EventLog<String> notes = store.events("run", String.class);
    long first = notes.append("short");

    MisuseException e =
        assertThrows(
            MisuseException.class, () -> notes.append("x".repeat(FileEventLog.MAX_LINE_BYTES)));
    assertTrue(e.getMessage().contains("longer than the limit"), e.getMessage());
    assertTrue(e.getMessage().contains("nothing was appended"), e.getMessage());

    EventBatch<String> all = notes.read(0);
    assertEquals(List.of("short"), all.values());
    assertEquals(first, all.events().get(0).offset());
    assertEquals(Files.size(notes.file()), all.nextOffset());
  }

  @Test
  void aKotlinEventWithoutJacksonsKotlinModuleIsRefusedNamingTheDependency() {
    MisuseException e =
        assertThrows(
            MisuseException.class,
            () -> store.events("run", KotlinNote.class).append(new KotlinNote()));
    assertTrue(e.getMessage().contains("jackson-module-kotlin"), e.getMessage());
    assertFalse(Files.exists(log.file()));
  }
}
