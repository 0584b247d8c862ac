package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.InstanceAlreadyExistsException;
import dev.burrow.MisuseException;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.StorageException;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.Leftovers;
import dev.burrow.test.CrashInvariantError;
import dev.burrow.test.CrashTester;
import dev.burrow.test.internal.Prerequisites;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * I/O errors injected with libfiu into a real JVM ({@link FaultVictim}, started under {@code
 * fiu-run -x}): EIO and ENOSPC at {@code open}, {@code write}, {@code fsync} (for an append {@code
 * fdatasync}), {@code rename}, and the directory {@code fsync} after a rename ({@code dirsync}),
 * each once, during one create, update, compare-and-set, delete or event append; and at the {@code
 * close} of the descriptor the JDK opens to stamp a new document's modification time ({@code
 * stampclose}), whose failure JDK 17 throws as its internal {@code sun.nio.fs.UnixException}.
 *
 * <p>A failure before the rename must surface as a {@link StorageException} naming the instance's
 * path and the error, with the previous state intact. A failure after the rename (the directory
 * flush, or for a delete the opening of the directory to flush it) must surface as an {@link
 * OutcomeUnknownException} naming the instance, with the new state visible: the write took effect
 * and may or may not survive a power cut, and saying it failed would make a caller who retries
 * apply it twice. Either way no temporary file, staging or trash may be left, and the operation
 * works again once the fault is gone. Without libfiu the test is skipped with a message, or fails
 * where tools are required ({@link Prerequisites}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionTest {
  private Path work;
  private Path root;
  private ChildJvm victim;

  @BeforeAll
  void startVictim() throws IOException {
    requireLibfiu();
    work = Files.createTempDirectory("burrow-fiu-");
    root = work.resolve("root");
    // The crash tester runs' directories, the kept recovered roots and the ones whose removal
    // failed on purpose included, are made in the victim's java.io.tmpdir: removed with the rest.
    Path temporary = Files.createDirectory(work.resolve("tmp"));
    victim =
        ChildJvm.start(
            List.of("fiu-run", "-x", "-f", work.resolve("fiu").toString()),
            List.of("-Djava.io.tmpdir=" + temporary),
            System.getProperty("java.class.path"),
            FaultVictim.class,
            root.toString(),
            work.resolve("fiu").toString());
    victim.awaitLine("ready");
  }

  @AfterAll
  void stopVictim() throws IOException {
    if (victim != null) {
      victim.close();
    }
    if (work != null) {
      try (Stream<Path> all = Files.walk(work)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  static Stream<Arguments> faults() {
    Stream.Builder<Arguments> faults = Stream.builder();
    for (String op : new String[] {"create", "update", "cas", "delete", "event"}) {
      for (String point : new String[] {"open", "write", "fsync", "rename", "dirsync"}) {
        if (op.equals("delete") && point.equals("write")
            || op.equals("event") && (point.equals("rename") || point.equals("dirsync"))) {
          continue; // a delete writes nothing, an append renames nothing
        }
        faults.add(Arguments.of(op, point, "EIO"));
        faults.add(Arguments.of(op, point, "ENOSPC"));
      }
    }
    for (String op : new String[] {"create", "update", "cas"}) {
      faults.add(Arguments.of(op, "stampclose", "EIO"));
      faults.add(Arguments.of(op, "stampclose", "ENOSPC"));
    }
    return faults.build();
  }

  @ParameterizedTest(name = "{1} fails with {2} during {0}")
  @MethodSource("faults")
  void anInjectedIoErrorFailsCleanlyAndTheNextAttemptSucceeds(String op, String point, String errno)
      throws IOException {
    String id = prepare(op);
    State before = read(id);

    String outcome = inject(libfiuPoint(op, point), errno, point + " " + errno + " during " + op);

    boolean afterRename = point.equals("dirsync") || op.equals("delete") && !point.equals("rename");
    Class<?> expected = afterRename ? OutcomeUnknownException.class : StorageException.class;
    assertThrew(expected, outcome);
    assertTrue(outcome.contains("/" + id), "the message names the path: " + outcome);
    assertNamesTheError(errno, outcome);
    Leftovers.assertNone(root, outcome);
    State now = read(id);
    if (afterRename) {
      assertEquals(effectOf(op, before), now, "the write took effect: " + outcome);
    } else {
      assertEquals(before, now, "the previous state is intact: " + outcome);
    }

    victim.send("retry");
    String retried = victim.nextLine();
    if (afterRename && op.equals("create")) {
      assertTrue(retried.contains(InstanceAlreadyExistsException.class.getName()), retried);
    } else {
      assertEquals("ok", retried);
      assertEquals(effectOf(op, now), read(id), "the retry took effect");
    }
    Leftovers.assertNone(root, "after the retry");
  }

  /**
   * An append whose line was written whole, whose flush fails and whose cut-off fails too: the
   * event is in the log, so the append must say its outcome is unknown, not that it failed (a
   * caller who retried a "failed" append would store the event twice). Before the fix it threw
   * {@link StorageException}.
   */
  @ParameterizedTest(name = "flush and cut-off fail with {0} during an append")
  @ValueSource(strings = {"EIO", "ENOSPC"})
  void anAppendWhoseFlushAndCutOffFailIsReportedAsOutcomeUnknown(String errno) throws IOException {
    String id = prepare("event");
    State before = read(id);

    String outcome =
        inject(
            "posix/io/sync/fdatasync+posix/io/rw/ftruncate",
            errno,
            "fdatasync and ftruncate " + errno + " during event");

    assertUnknownOutcomeNamingTheLog(id, outcome);
    assertEquals(effectOf("event", before), read(id), "the event is in the log: " + outcome);
    Leftovers.assertNone(root, outcome);
  }

  /**
   * The first durable append of a process to a log it found (one a crashed writer, or a writer
   * under {@link Durability#NONE}, made without flushing its name) flushes the log's line, then the
   * log's directory; that directory flush fails. The line is durable in the file then, so the
   * append must not cut it off and say it failed: a power cut could bring the event back, and a
   * caller who retried would store it twice. It says its outcome is unknown, and the event stays in
   * the log. The names were not flushed, so the next durable append flushes them again (a second
   * fault there is met, and reported alike); once they were, none does (a third fault is never
   * met). Before the fix the first append cut its line off (with no flush of the cut) and threw
   * {@link StorageException}.
   */
  @ParameterizedTest(name = "the directory flush after a flushed line fails with {0}")
  @ValueSource(strings = {"EIO", "ENOSPC"})
  void anAppendWhoseDirectoryFlushFailsAfterItsLineWasFlushedIsOutcomeUnknownAndKeepsTheEvent(
      String errno) throws IOException {
    String id = prepare("event-found");
    State before = read(id);
    assertEquals(1, before.events(), "the log was found with one event in it");
    String fault = fault("posix/io/sync/fsync", errno);

    String outcome =
        inject(
            "posix/io/sync/fsync", errno, "directory fsync " + errno + " after the line's flush");
    assertUnknownOutcomeNamingTheLog(id, outcome);
    assertNamesTheError(errno, outcome);
    State after = read(id);
    assertEquals(effectOf("event", before), after, "the event is in the log: " + outcome);

    victim.send(fault);
    String again = victim.nextLine();
    assertTrue(
        again.startsWith("threw " + OutcomeUnknownException.class.getName() + " "),
        "the next durable append flushes the directory again: " + again);
    after = effectOf("event", after);
    assertEquals(after, read(id), again);

    victim.send("retry");
    assertEquals("ok", victim.nextLine());
    after = effectOf("event", after);
    victim.send(fault);
    assertEquals("ok", victim.nextLine(), "once flushed, the names are not flushed again");
    assertEquals(effectOf("event", after), read(id));
    Leftovers.assertNone(root, outcome);
  }

  /**
   * An append whose line was written whole and whose flush fails is cut off again; the cut is
   * flushed too (the line's bytes may be on the disk already), and here that flush fails as well:
   * readers do not see the event, but a power cut could bring it back, so the outcome is unknown.
   * Before the fix the cut was not flushed, and the append threw {@link StorageException}.
   */
  @ParameterizedTest(name = "the line's flush and the cut's flush fail with {0}")
  @ValueSource(strings = {"EIO", "ENOSPC"})
  void anAppendWhoseCutOffCannotBeFlushedIsReportedAsOutcomeUnknown(String errno)
      throws IOException {
    String id = prepare("event");
    State before = read(id);

    String outcome =
        inject("posix/io/sync/fdatasync*", errno, "every fdatasync " + errno + " during event");

    assertUnknownOutcomeNamingTheLog(id, outcome);
    assertEquals(before, read(id), "the line was cut off: " + outcome);
    Leftovers.assertNone(root, outcome);
  }

  /**
   * An append whose line was written and flushed, and whose closing of the log then fails: the
   * event is in the log, durable, so the append must not say it failed (a caller who retried would
   * store the event twice); its outcome is unknown, and the event stays. Before the fix the failed
   * close was reported as a failed append, a {@link StorageException}.
   */
  @ParameterizedTest(name = "closing the log fails with {0} after its line was flushed")
  @ValueSource(strings = {"EIO", "ENOSPC"})
  void anAppendWhoseLogCannotBeClosedAfterItsLineWasFlushedIsOutcomeUnknown(String errno)
      throws IOException {
    String id = prepare("event");
    State before = read(id);

    String outcome = inject("logclose", errno, "close " + errno + " after an append's flush");

    assertUnknownOutcomeNamingTheLog(id, outcome);
    assertEquals(effectOf("event", before), read(id), "the event is in the log: " + outcome);
    Leftovers.assertNone(root, outcome);
  }

  /**
   * A create whose rename fails, and whose removal of what it staged then fails to close a
   * directory handle: JDK 17 throws that failure as its internal {@code sun.nio.fs.UnixException},
   * a checked exception it does not declare. The create must still fail as a {@link
   * StorageException} naming the instance and the rename's error, with nothing created; what stays
   * staged is swept at the next open. Before the fix the create threw {@code
   * sun.nio.fs.UnixException} in place of that report.
   */
  @ParameterizedTest(name = "the rename fails with {0}, then closing a staged directory fails")
  @ValueSource(strings = {"EIO", "ENOSPC"})
  void aCreateWhoseStagedTreeCannotBeClosedWhileRemovedFailsAsAStorageFailure(String errno)
      throws IOException {
    String id = prepare("create");

    String outcome =
        inject(
            "posix/io/dir/rename+closeafterrename",
            errno,
            "rename and a close " + errno + " during create");

    assertThrew(StorageException.class, outcome);
    assertTrue(outcome.contains("/" + id), "the message names the path: " + outcome);
    assertNamesTheError(errno, outcome);
    assertEquals(State.ABSENT, read(id), "nothing was created: " + outcome);
    Leftovers.assertNone(root, outcome);
  }

  /**
   * A {@link CrashTester} run whose invariant fails, and whose listing of the recovered root for
   * the failure's message then fails to close a directory handle: JDK 17 throws that as its
   * internal {@code sun.nio.fs.UnixException}, a checked exception it does not declare. The run
   * must throw the {@link CrashInvariantError} for the state. Before the fix it threw a {@link
   * StorageException} for the working directory in its place.
   */
  @ParameterizedTest(name = "closing a recovered root's directory while listing it fails with {0}")
  @ValueSource(strings = {"EIO", "ENOSPC"})
  void aCrashStateWhoseRootCannotBeListedStillFailsAsTheInvariant(String errno) {
    prepare("crashstate");

    String outcome = inject("closeafterop", errno, "close " + errno + " listing a recovered root");

    assertThrew(CrashInvariantError.class, outcome);
    assertTrue(
        outcome.contains("(kept at " + work.resolve("tmp").resolve("burrow-crash-")),
        "the recovered root is kept in the victim's temporary directory, removed after the class: "
            + outcome);
  }

  /**
   * A {@link CrashTester} run whose invariant fails, and whose listing of the recovered root for
   * the failure's message then fails to read a directory ({@code readdir}): the JDK's walk throws
   * that as an {@link UncheckedIOException}. The run must throw the {@link CrashInvariantError} for
   * the state, saying the root cannot be listed. Before the fix it threw the {@link
   * UncheckedIOException} in its place.
   */
  @ParameterizedTest(name = "reading a recovered root's directory while listing it fails with {0}")
  @ValueSource(strings = {"EIO", "ENOSPC"})
  void aCrashStateWhoseRootCannotBeReadStillFailsAsTheInvariant(String errno) {
    prepare("crashstate");

    String outcome =
        inject("readdirafterop", errno, "readdir " + errno + " listing a recovered root");

    assertThrew(CrashInvariantError.class, outcome);
    assertTrue(outcome.contains("(cannot be listed: "), outcome);
  }

  /**
   * A {@link CrashTester} run whose invariant passes at the first crash state, after which reading
   * a directory fails ({@code readdir}): the next state is written over the last one's tree, which
   * the tester walks, and the JDK's walk throws that failure as an {@link UncheckedIOException}.
   * The run must fail as the {@link StorageException} its Javadoc names for a crash state that
   * cannot be written. Before the fix it threw the {@link UncheckedIOException}.
   */
  @ParameterizedTest(name = "reading a crash state's tree while writing the next fails with {0}")
  @ValueSource(strings = {"EIO", "ENOSPC"})
  void aCrashStateWhoseTreeCannotBeReadFailsAsAStorageFailure(String errno) {
    prepare("crashstate-passing");

    String outcome = inject("readdirafterop", errno, "readdir " + errno + " writing a crash state");

    assertThrew(StorageException.class, outcome);
    assertNamesTheError(errno, outcome);
  }

  /**
   * A {@link CrashTester} run whose invariant passes at the first crash state, after which closing
   * a directory handle fails: the next state is written over the last one's tree, which the tester
   * walks, and JDK 17 throws the failed close of a directory of that walk as its internal {@code
   * sun.nio.fs.UnixException}, a checked exception it does not declare. The run must fail as the
   * {@link StorageException} its Javadoc names for a crash state that cannot be written. Before the
   * fix it named the working directory as what failed.
   */
  @ParameterizedTest(name = "closing a crash state's tree while writing the next fails with {0}")
  @ValueSource(strings = {"EIO", "ENOSPC"})
  void aCrashStateWhoseTreeCannotBeClosedFailsAsAStorageFailure(String errno) {
    victim.send("prepare crashstate-passing");
    victim.nextLine();

    victim.send("fault closeafterop " + (errno.equals("EIO") ? 5 : 28));
    String outcome = victim.nextLine();
    System.out.println("fault: close " + errno + " writing a crash state -> " + outcome);

    assertTrue(
        outcome.startsWith("threw " + StorageException.class.getName() + " cannot write a crash"),
        outcome);
    assertTrue(
        outcome.contains(errno.equals("EIO") ? "Input/output error" : "No space left on device"),
        "the message names the error: " + outcome);
  }

  /**
   * A {@link CrashTester} run in a directory of the caller's, whose check that it is empty fails
   * while it reads the directory ({@code readdir}): the JDK's listing stream throws that as an
   * {@link UncheckedIOException}; the run must fail as the {@link StorageException} its Javadoc
   * names, naming the directory and the error. Before the fix it threw the {@link
   * UncheckedIOException}.
   */
  @ParameterizedTest(name = "reading the crash tester's directory fails with {0}")
  @ValueSource(strings = {"EIO", "ENOSPC"})
  void aCrashTesterWhoseDirectoryCannotBeReadFailsAsAStorageFailure(String errno) {
    String directory = prepare("crashdir");

    String outcome =
        inject("posix/io/dir/readdir", errno, "readdir " + errno + " during a crash tester's run");

    assertThrew(StorageException.class, outcome);
    assertTrue(outcome.contains(directory), "the message names the directory: " + outcome);
    assertNamesTheError(errno, outcome);
  }

  /**
   * A {@link CrashTester} run whose operation fails, and whose removal of its temporary directory
   * then fails to close a directory handle: JDK 17 throws that as its internal {@code
   * sun.nio.fs.UnixException}, a checked exception it does not declare. The run must throw the
   * {@link MisuseException} for the operation, the removal's failure attached, never thrown in its
   * place. Before the fix it threw {@code sun.nio.fs.UnixException}.
   */
  @ParameterizedTest(name = "closing the crash tester's temporary directory fails with {0}")
  @ValueSource(strings = {"EIO", "ENOSPC"})
  void aCrashTesterWhoseTemporaryDirectoryCannotBeClosedThrowsTheRunsFailure(String errno) {
    prepare("crashfail");

    String outcome =
        inject("closeafterop", errno, "close " + errno + " removing a crash tester's directory");

    assertThrew(MisuseException.class, outcome);
  }

  /**
   * A {@link CrashTester} run in a directory of the caller's, whose check that it is empty lists
   * it, and closing that listing's directory handle fails: JDK 17 throws that as its internal
   * {@code sun.nio.fs.UnixException}, a checked exception it does not declare; the run must fail as
   * the {@link StorageException} its Javadoc names. Before the fix it threw {@code
   * sun.nio.fs.UnixException}.
   */
  @ParameterizedTest(name = "closing the crash tester's directory fails with {0}")
  @ValueSource(strings = {"EIO", "ENOSPC"})
  void aCrashTesterWhoseDirectoryCannotBeClosedFailsAsAStorageFailure(String errno) {
    String directory = prepare("crashdir");

    String outcome =
        inject("posix/io/oc/close", errno, "close " + errno + " during a crash tester's run");

    assertThrew(StorageException.class, outcome);
    assertTrue(outcome.contains(directory), "the message names the directory: " + outcome);
    assertNamesTheError(errno, outcome);
  }

  /**
   * A start of the throwaway PostgreSQL server, whose look for Debian's installed versions lists
   * {@code /usr/lib/postgresql}, and closing that listing's directory handle fails: JDK 17 throws
   * that as its internal {@code sun.nio.fs.UnixException}, a checked exception it does not declare;
   * the start must fail as an {@link UncheckedIOException} naming the directory and the error, as a
   * failed listing does. Before the fix it threw {@code sun.nio.fs.UnixException}.
   */
  @ParameterizedTest(name = "closing PostgreSQL's install directory fails with {0}")
  @ValueSource(strings = {"EIO", "ENOSPC"})
  void aThrowawayServerWhoseInstallDirectoryCannotBeClosedFailsAsAnIoFailure(String errno) {
    Prerequisites.require(
        Files.isDirectory(Path.of("/usr/lib/postgresql")),
        "there is no /usr/lib/postgresql, the throwaway server's listing of it was not checked",
        ".ci/run must install PostgreSQL from Debian's packages");
    prepare("pgbinaries");

    String outcome =
        inject("posix/io/oc/close", errno, "close " + errno + " listing /usr/lib/postgresql");

    assertThrew(UncheckedIOException.class, outcome);
    assertTrue(outcome.contains("cannot list /usr/lib/postgresql"), outcome);
    assertNamesTheError(errno, outcome);
  }

  /**
   * A listing of create-unique files whose directory handle fails to close: JDK 17 throws that as
   * its internal {@code sun.nio.fs.UnixException}, a checked exception it does not declare; the
   * listing must answer, or fail as a {@link StorageException}. Before the fix it threw {@code
   * sun.nio.fs.UnixException}.
   */
  @ParameterizedTest(name = "closing a listed folder fails with {0}")
  @ValueSource(strings = {"EIO", "ENOSPC"})
  void aListingWhoseDirectoryCannotBeClosedAnswersOrFailsAsAStorageFailure(String errno) {
    prepare("list");
    victim.send("retry");
    assertEquals("ok", victim.nextLine());

    String outcome = inject("posix/io/oc/close", errno, "close " + errno + " during a listing");

    assertTrue(
        outcome.equals("ok")
            || outcome.startsWith("threw " + StorageException.class.getName() + " "),
        outcome);
  }

  /**
   * A listing whose directory cannot be read part way ({@code readdir} fails): of create-unique
   * files, of the instances, and of the temporary area by the sweep of a store's open. The JDK
   * throws that from a directory stream's iterator wrapped in its unchecked {@code
   * DirectoryIteratorException}; it must fail as a {@link StorageException} naming the error, and
   * work again once the fault is gone. Before the fix each threw {@code
   * DirectoryIteratorException}.
   */
  @ParameterizedTest(name = "reading the listed directory fails with {1} during {0}")
  @CsvSource({
    "list, EIO",
    "list, ENOSPC",
    "instances, EIO",
    "instances, ENOSPC",
    "open, EIO",
    "open, ENOSPC"
  })
  void aListingWhoseDirectoryCannotBeReadFailsAsAStorageFailure(String op, String errno) {
    prepare(op);

    String point = op.equals("open") ? "tmpread" : "posix/io/dir/readdir";
    String outcome = inject(point, errno, "readdir " + errno + " during " + op);

    assertThrew(StorageException.class, outcome);
    assertNamesTheError(errno, outcome);
    victim.send("retry");
    assertEquals("ok", victim.nextLine());
  }

  /**
   * An open whose listing of {@code instances/} for the layout upgrade, which every open runs,
   * cannot be read part way ({@code readdir} fails): it fails as a {@link StorageException} naming
   * the directory and the error in words, as every other listing does. Before the fix its message
   * ended in the JDK's exception, {@code java.nio.file.FileSystemException: …/instances: …}.
   */
  @ParameterizedTest(name = "reading instances/ fails with {0} during an open")
  @ValueSource(strings = {"EIO", "ENOSPC"})
  void anOpenWhoseInstancesCannotBeReadNamesTheErrorInWords(String errno) {
    victim.send("prepare open");
    victim.nextLine();

    victim.send("fault instancesread " + (errno.equals("EIO") ? 5 : 28));
    String outcome = victim.nextLine();
    System.out.println("fault: readdir " + errno + " of instances/ during an open -> " + outcome);

    assertTrue(outcome.startsWith("threw " + StorageException.class.getName() + " "), outcome);
    assertTrue(outcome.contains("cannot list " + root.resolve("instances") + " "), outcome);
    assertTrue(
        outcome.endsWith(
            ": " + (errno.equals("EIO") ? "Input/output error" : "No space left on device")),
        outcome);
    assertFalse(outcome.contains("java.nio"), outcome);
    victim.send("retry");
    assertEquals("ok", victim.nextLine());
  }

  /**
   * A store's open that replays the index journal's log of a process that is gone, and whose
   * removal of the log then fails (libfiu fails every {@code unlink} with EIO): the replay's
   * entries are made and flushed, and replaying the log again is harmless, so the open goes on and
   * leaves the log for the next open, which replays and removes it. Before the fix every open
   * failed with "cannot replay the index journal" for as long as the log could not be removed.
   */
  @Test
  void anOpenWhoseReplayedJournalLogCannotBeRemovedGoesOnAndTheNextOpenRemovesIt()
      throws IOException {
    Path log = Files.createDirectories(root.resolve(".burrow/journal")).resolve("gone.log");
    Files.writeString(log, "");
    prepare("open");

    String outcome =
        inject("posix/io/dir/unlink*", "EIO", "every unlink EIO during an open that replays a log");

    assertEquals("ok", outcome);
    assertFalse(Files.exists(log), "the open after the fault replayed and removed the log");
  }

  /**
   * The clean close of a worker lease lowers its high-water mark to its last ID's time, and the
   * directory flush after the mark's rename fails: the lower mark is in place (the next holder
   * finds it) but may not survive a power cut, and the warning must say so. Before the fix it said
   * that the higher mark stays.
   */
  @Test
  void aLeaseWhoseLoweredMarkCannotBeFlushedWarnsThatTheLowerOneIsInPlace() {
    prepare("lease");

    String outcome = inject("dirsync", "EIO", "directory fsync EIO lowering a lease's mark");

    assertTrue(outcome.startsWith("ok 0 ["), "the next holder finds the lower mark: " + outcome);
    assertTrue(outcome.contains("the lower one is in place"), outcome);
    assertFalse(outcome.contains("the higher one stays"), outcome);
  }

  /** Sends the victim {@code prepare scenario}, and returns the subject it names in its answer. */
  private String prepare(String scenario) {
    victim.send("prepare " + scenario);
    return victim.nextLine().substring("subject ".length());
  }

  /**
   * Has the victim run its prepared operation with {@code errno} (EIO or ENOSPC) injected once at
   * the libfiu {@code points}, and returns the outcome it answers, printed as {@code what}'s.
   */
  private String inject(String points, String errno, String what) {
    victim.send(fault(points, errno));
    String outcome = victim.nextLine();
    System.out.println("fault: " + what + " -> " + outcome);
    return outcome;
  }

  /**
   * The victim's command injecting {@code errno} (EIO or ENOSPC) once at the libfiu {@code points}.
   */
  private static String fault(String points, String errno) {
    return "fault " + points + " " + (errno.equals("EIO") ? 5 : 28);
  }

  private static void assertThrew(Class<?> expected, String outcome) {
    assertTrue(outcome.startsWith("threw " + expected.getName() + " "), outcome);
  }

  /**
   * Asserts that the append to instance {@code id}'s log said its outcome is unknown, naming it.
   */
  private static void assertUnknownOutcomeNamingTheLog(String id, String outcome) {
    assertThrew(OutcomeUnknownException.class, outcome);
    assertTrue(outcome.contains("/" + id + "/"), "the message names the log: " + outcome);
  }

  private static void assertNamesTheError(String errno, String outcome) {
    assertTrue(
        outcome.contains(errno.equals("EIO") ? "Input/output error" : "No space left on device"),
        "the message names the error: " + outcome);
  }

  /** What a reader sees after {@code op} succeeded on an instance that was {@code before}. */
  private static State effectOf(String op, State before) {
    return switch (op) {
      case "create" -> new State(Optional.of(1L), 0);
      case "delete" -> State.ABSENT;
      case "event" -> new State(before.version(), before.events() + 1);
      default -> new State(before.version().map(v -> v + 1), before.events());
    };
  }

  /** An instance as a reader sees it: its version and how many events its log holds. */
  private record State(Optional<Long> version, int events) {
    static final State ABSENT = new State(Optional.empty(), 0);
  }

  private State read(String id) {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      Optional<Counter> counter = store.find(id);
      return counter.isEmpty()
          ? State.ABSENT
          : new State(
              counter.map(Counter::version), store.events(id, Tick.class).read(0).values().size());
    }
  }

  /** The libfiu point of a call; an append flushes with fdatasync, everything else with fsync. */
  private static String libfiuPoint(String op, String point) {
    return switch (point) {
      case "open" -> "posix/io/oc/open";
      case "write" -> "posix/io/rw/write";
      case "fsync" -> op.equals("event") ? "posix/io/sync/fdatasync" : "posix/io/sync/fsync";
      case "dirsync" -> "dirsync";
      case "stampclose" -> "stampclose";
      case "rename" -> "posix/io/dir/rename";
      default -> throw new IllegalArgumentException(point);
    };
  }

  private static void requireLibfiu() {
    Prerequisites.require(
        Prerequisites.onPath("fiu-run"),
        "libfiu (fiu-run, with its POSIX"
            + " preload library) is not installed; the fault-injection tests did not run",
        ".ci/run must install fiu-utils");
  }
}
