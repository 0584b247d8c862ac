package dev.burrow.tck.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.MisuseException;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.test.CrashInvariantError;
import dev.burrow.test.CrashReport;
import dev.burrow.test.CrashTester;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

/**
 * The crash tester on a user's own operations: a single update holds its invariant in every crash
 * state; a workflow of two writes that are not atomic together, an acknowledged write under {@code
 * Durability.NONE} and a user file written in place are each caught, with the first violating state
 * described.
 */
class CrashTesterTest {
  @TempDir Path work;

  private static CrashTester<AccountStore> tester() {
    return CrashTester.forStore(AccountStore::open)
        .withSetUp(
            store -> {
              store.create("alice", c -> c.balance(100));
              store.create("bob", c -> c.balance(0));
            });
  }

  @Test
  void anUpdateIsAllOrNothingInEveryCrashState() {
    CrashReport report =
        tester()
            .inDirectory(work)
            .run(
                store -> store.update("alice", c -> c.balance(60).lastTransfer("t1")),
                (store, cut) -> {
                  Account alice = store.get("alice");
                  assertEquals(alice.balance() == 60, "t1".equals(alice.lastTransfer()));
                  if (cut.operationReturned()) {
                    assertEquals(60, alice.balance(), cut.toString());
                  }
                });

    System.out.println("crash tester (one update): " + report);
    assertTrue(report.complete(), report.toString());
    assertEquals(report, report.requireComplete());
    assertTrue(report.distinctStates() > 1, report.toString());
    assertTrue(report.statesChecked() >= report.crashPoints(), report.toString());
  }

  /**
   * Three files written with no flush leave more files unflushed at once than the tester varies:
   * the run passes, but its report says not every state was checked, and {@code requireComplete}
   * fails the test saying so.
   */
  @Test
  void aRunPastTheBoundSaysNotEveryStateWasChecked() {
    CrashReport report =
        tester()
            .inDirectory(work)
            .run(
                store -> {
                  for (String month : List.of("march", "april", "may")) {
                    Files.writeString(
                        store.dirs("alice").statements().resolve(month + ".txt"), "statement");
                  }
                },
                (store, cut) -> {});

    assertFalse(report.complete(), report.toString());
    AssertionError bounded = assertThrows(AssertionError.class, report::requireComplete);
    assertTrue(
        bounded.getMessage().startsWith("the crash tester did not check every crash state: "),
        bounded.getMessage());
    assertTrue(bounded.getMessage().contains("the enumeration was bounded"), bounded.getMessage());
  }

  /**
   * What the tester throws at the first state where {@code invariant} fails after {@code
   * operation}.
   */
  private CrashInvariantError firstFailure(
      CrashTester.Action<AccountStore> operation, CrashTester.Invariant<AccountStore> invariant) {
    return assertThrows(
        CrashInvariantError.class, () -> tester().inDirectory(work).run(operation, invariant));
  }

  @Test
  void aTransferMadeOfTwoUpdatesIsCaughtLosingMoney() throws Exception {
    CrashInvariantError error =
        firstFailure(
            store -> {
              store.update("alice", c -> c.balance(60));
              store.update("bob", c -> c.balance(40));
            },
            (store, cut) ->
                assertEquals(
                    100,
                    store.get("alice").balance() + store.get("bob").balance(),
                    "money is neither made nor lost"));

    System.out.println("crash tester (two updates): " + error.getMessage());
    assertFalse(error.powerCut().operationReturned());
    assertInstanceOf(AssertionFailedError.class, error.getCause());
    String message = error.getMessage();
    assertTrue(message.startsWith("while the operation ran: power cut after"), message);
    assertTrue(message.contains("money is neither made nor lost"), message);
    assertTrue(message.contains("/alice/instance.json"), message);
    assertTrue(message.contains("\"balance\" : \"60\""), message);
    try (Stream<Path> kept = Files.walk(error.recoveredRoot().resolve("instances"))) {
      assertTrue(
          kept.anyMatch(path -> path.endsWith("bob") && Files.isDirectory(path)),
          "the recovered root is kept for a look: " + message);
    }
  }

  @Test
  void underDurabilityNoneAnAcknowledgedUpdateCanBeLost() {
    CrashInvariantError error =
        assertThrows(
            CrashInvariantError.class,
            () ->
                tester()
                    .withOptions(StoreOptions.defaults().withDurability(Durability.NONE))
                    .inDirectory(work)
                    .run(
                        store -> store.update("alice", c -> c.balance(60)),
                        (store, cut) -> {
                          if (cut.operationReturned()) {
                            assertEquals(60, store.get("alice").balance(), "acknowledged");
                          }
                        }));

    assertTrue(error.powerCut().operationReturned(), error.getMessage());
    assertTrue(error.getMessage().startsWith("after the operation returned"), error.getMessage());
  }

  @Test
  void aFileWrittenInPlaceIsCaughtTornWhileOneRenamedIntoPlaceIsNot() throws Exception {
    byte[] statement = "alice: 100 -> 60\n".repeat(64).getBytes(StandardCharsets.UTF_8);
    CrashTester.Invariant<AccountStore> wholeOrAbsent =
        (store, cut) -> {
          Path file = store.dirs("alice").statements().resolve("march.txt");
          if (Files.exists(file)) {
            assertEquals(new String(statement, StandardCharsets.UTF_8), Files.readString(file));
          }
        };

    CrashInvariantError torn =
        assertThrows(
            CrashInvariantError.class,
            () ->
                tester()
                    .inDirectory(Files.createDirectory(work.resolve("in-place")))
                    .run(
                        store ->
                            Files.write(
                                store.dirs("alice").statements().resolve("march.txt"), statement),
                        wholeOrAbsent));
    assertTrue(
        torn.getMessage().contains("/alice/statements/march.txt)")
            && torn.getMessage().contains("the invariant failed"),
        torn.getMessage());

    CrashReport atomic =
        tester()
            .run(
                store -> {
                  Path dir = store.dirs("alice").statements();
                  Path temp = dir.resolve("march.txt.tmp");
                  try (var channel =
                      java.nio.channels.FileChannel.open(
                          temp,
                          java.nio.file.StandardOpenOption.CREATE_NEW,
                          java.nio.file.StandardOpenOption.WRITE)) {
                    channel.write(java.nio.ByteBuffer.wrap(statement));
                    channel.force(true);
                  }
                  Files.move(temp, dir.resolve("march.txt"), StandardCopyOption.ATOMIC_MOVE);
                },
                wholeOrAbsent);
    assertTrue(atomic.complete(), atomic.toString());
  }

  /**
   * A file copied with {@code Files.copy} within an instance's directory is recorded as the new
   * file and its writes, so a copy left unflushed is caught torn. Before the fix the copy threw
   * {@code UnsupportedOperationException} ("copy is not recorded"), and the run failed as a misuse
   * though the operation works on any store.
   */
  @Test
  void aFileCopiedInAnInstanceDirectoryIsCaughtTorn() {
    String statement = "alice: 100 -> 60\n".repeat(64);
    CrashInvariantError torn =
        assertThrows(
            CrashInvariantError.class,
            () ->
                CrashTester.forStore(AccountStore::open)
                    .withSetUp(
                        store -> {
                          store.create("alice", c -> c.balance(100));
                          Files.writeString(
                              store.dirs("alice").statements().resolve("march.txt"), statement);
                        })
                    .inDirectory(work)
                    .run(
                        store -> {
                          Path statements = store.dirs("alice").statements();
                          Files.copy(
                              statements.resolve("march.txt"), statements.resolve("march.bak"));
                        },
                        (store, cut) -> {
                          Path copy = store.dirs("alice").statements().resolve("march.bak");
                          if (Files.exists(copy)) {
                            assertEquals(statement, Files.readString(copy));
                          }
                        }));
    assertTrue(
        torn.getMessage().contains("/alice/statements/march.bak")
            && torn.getMessage().contains("the invariant failed"),
        torn.getMessage());
  }

  /**
   * A file written with {@code FileChannel.transferFrom} (as a download into an instance's
   * directory is) is recorded, so one left unflushed is caught torn. Before the fix the transfer
   * threw {@code UnsupportedOperationException} ("transferFrom is not recorded"), and the run
   * failed as a misuse.
   */
  @Test
  void aFileTransferredIntoAnInstanceDirectoryIsCaughtTorn() {
    byte[] statement = "alice: 100 -> 60\n".repeat(64).getBytes(StandardCharsets.UTF_8);
    CrashInvariantError torn =
        firstFailure(
            store -> {
              Path file = store.dirs("alice").statements().resolve("march.txt");
              try (var channel =
                  java.nio.channels.FileChannel.open(
                      file,
                      java.nio.file.StandardOpenOption.CREATE_NEW,
                      java.nio.file.StandardOpenOption.WRITE)) {
                var download =
                    java.nio.channels.Channels.newChannel(
                        new java.io.ByteArrayInputStream(statement));
                assertEquals(statement.length, channel.transferFrom(download, 0, Long.MAX_VALUE));
              }
            },
            (store, cut) -> {
              Path file = store.dirs("alice").statements().resolve("march.txt");
              if (Files.exists(file)) {
                assertEquals(new String(statement, StandardCharsets.UTF_8), Files.readString(file));
              }
            });
    assertTrue(
        torn.getMessage().contains("/alice/statements/march.txt")
            && torn.getMessage().contains("the invariant failed"),
        torn.getMessage());
  }

  /**
   * An operation may read a file of an instance's directory through a read-only mapping, which
   * writes nothing. Before the fix every mapping threw {@code UnsupportedOperationException}
   * ("writes through a mapping cannot be recorded"), and the run failed as a misuse.
   */
  @Test
  void anOperationMayReadAFileThroughAReadOnlyMapping() {
    CrashReport report =
        tester()
            .withSetUp(
                store -> {
                  store.create("alice", c -> c.balance(100));
                  Files.writeString(store.dirs("alice").statements().resolve("march.txt"), "60");
                })
            .inDirectory(work)
            .run(
                store -> {
                  Path file = store.dirs("alice").statements().resolve("march.txt");
                  try (var channel = java.nio.channels.FileChannel.open(file)) {
                    var mapped = channel.map(java.nio.channels.FileChannel.MapMode.READ_ONLY, 0, 2);
                    int balance =
                        Integer.parseInt(StandardCharsets.UTF_8.decode(mapped).toString());
                    store.update("alice", c -> c.balance(balance));
                  }
                },
                (store, cut) -> {
                  if (cut.operationReturned()) {
                    assertEquals(60, store.get("alice").balance(), cut.toString());
                  }
                });

    assertTrue(report.distinctStates() > 1, report.toString());
  }

  /**
   * A shared create-unique file, which the store writes to a temporary file and links into place,
   * appears whole or not at all in every crash state, and is there once the operation returned.
   */
  @Test
  void aSharedCreateUniqueFileIsCheckedInEveryCrashState() {
    String[] created = new String[1];
    CrashReport report =
        tester()
            .inDirectory(work)
            .run(
                store ->
                    created[0] = store.shared().createUnique("receipts", new Receipt("t1", 40)),
                (store, cut) -> {
                  List<String> receipts = store.shared().listUnique("receipts");
                  if (!receipts.isEmpty()) {
                    assertEquals(List.of(created[0]), receipts, cut.toString());
                    assertEquals(
                        Optional.of(new Receipt("t1", 40)),
                        store.shared().readUnique("receipts", created[0], Receipt.class));
                  }
                  if (cut.operationReturned()) {
                    assertEquals(List.of(created[0]), receipts, cut.toString());
                  }
                });
    assertTrue(report.complete(), report.toString());
  }

  /**
   * What the shared create-unique files of {@link
   * #aSharedCreateUniqueFileIsCheckedInEveryCrashState} hold.
   */
  record Receipt(String transfer, long amount) {}

  /**
   * A cut right after the set-up returned, and one after the operation returned, are described in
   * the user's words and file-system calls: which step had returned, and the last call done,
   * counted as the report counts them, never the tester's own step markers.
   */
  @Test
  void aCutAtAStepBoundaryNamesTheStepAndTheLastFileSystemCall() {
    List<String> cuts = new ArrayList<>();
    CrashReport report =
        tester().inDirectory(work).run(store -> {}, (store, cut) -> cuts.add(cut.description()));

    Pattern described =
        Pattern.compile(
            "(once the set-up returned, before the operation began|after the operation returned):"
                + " power cut after file-system operation (\\d+) \\((create|mkdir|write|fsync"
                + "|rename|delete|truncate) [^)]*\\), names lost: .*");
    assertTrue(cuts.get(0).startsWith("once the set-up returned"), cuts.toString());
    int last = 0;
    for (String cut : cuts) {
      Matcher matcher = described.matcher(cut);
      assertTrue(matcher.matches(), cut);
      last = Math.max(last, Integer.parseInt(matcher.group(2)));
    }
    assertEquals(report.fileSystemOperations(), last, cuts.toString());
  }

  /** The invariant's failure is the one reported; the store's failing close is attached to it. */
  @Test
  void anInvariantThatFailsOnAStoreThatThenFailsToCloseIsReportedAsTheInvariantsFailure() {
    AssertionError broken = new AssertionError("the invariant is broken");
    CrashInvariantError error =
        assertThrows(
            CrashInvariantError.class,
            () ->
                CrashTester.forStore(ClosingFailsOnRecovery::open)
                    .inDirectory(work)
                    .run(
                        store -> store.accounts().create("alice"),
                        (store, cut) -> {
                          throw broken;
                        }));

    assertSame(broken, error.getCause());
    assertEquals(
        List.of("closing failed"),
        Stream.of(broken.getSuppressed()).map(Throwable::getMessage).toList());
    assertTrue(
        error
            .getMessage()
            .contains(
                "the invariant failed: java.lang.AssertionError: the invariant is broken\n"
                    + "closing the store then failed too: java.lang.IllegalStateException: closing"
                    + " failed"),
        error.getMessage());
  }

  /** An account store whose close fails on a recovered root (opened with durability NONE). */
  record ClosingFailsOnRecovery(AccountStore accounts, boolean recovered) implements AutoCloseable {
    static ClosingFailsOnRecovery open(StoreOptions options) {
      return new ClosingFailsOnRecovery(AccountStore.open(options), recovering(options));
    }

    @Override
    public void close() {
      accounts.close();
      if (recovered) {
        throw new IllegalStateException("closing failed");
      }
    }
  }

  /**
   * An error other than an assertion (here a stack overflow) from the invariant fails the test at
   * its state, described as any failing state is.
   */
  @Test
  void anErrorFromTheInvariantIsReportedWithTheStateItFailedOn() {
    StackOverflowError overflow = new StackOverflowError();
    CrashInvariantError error =
        firstFailure(
            store -> store.update("alice", c -> c.balance(60)),
            (store, cut) -> {
              throw overflow;
            });

    assertSame(overflow, error.getCause());
    assertTrue(
        error.getMessage().startsWith("once the set-up returned, before the operation began:"),
        error.getMessage());
    assertTrue(
        error.getMessage().contains("the invariant failed: java.lang.StackOverflowError"),
        error.getMessage());
    assertTrue(Files.isDirectory(error.recoveredRoot()), error.getMessage());
  }

  @Test
  void aFailingOperationFailsTheRunSayingSo() {
    MisuseException error =
        assertThrows(
            MisuseException.class,
            () -> tester().run(store -> store.get("carol"), (store, cut) -> {}));
    assertTrue(
        error.getMessage().startsWith("the operation failed while its file-system calls were"),
        error.getMessage());
    assertInstanceOf(InstanceNotFoundException.class, error.getCause());
  }

  /** One that did would record nothing of the operation, and every state would pass. */
  @Test
  void anOpenerThatIgnoresTheOptionsItIsGivenIsRefused() {
    Path elsewhere = work.resolve("elsewhere");
    MisuseException error =
        assertThrows(
            MisuseException.class,
            () ->
                CrashTester.forStore((StoreOptions options) -> AccountStore.open(elsewhere))
                    .run(store -> store.create("a"), (store, cut) -> {}));
    assertTrue(
        error.getMessage().startsWith("the store the opener returned is not on the data root"),
        error.getMessage());
  }

  /**
   * An opener that throws a checked exception it does not declare (Kotlin code can) fails the run
   * saying the store could not be opened, not that closing it, or the working directory, failed.
   */
  @Test
  void anOpenerThatThrowsACheckedExceptionFailsTheRunSayingTheStoreCouldNotBeOpened() {
    for (Exception checked :
        List.of(new IOException("no space left"), new TimeoutException("no answer"))) {
      StorageException error =
          assertThrows(StorageException.class, () -> runDoingNothing(throwing(checked)));
      assertEquals("opening the recorded store failed: " + checked, error.getMessage());
      assertSame(checked, error.getCause());
    }
  }

  /** The recorded store's failing close is reported as that, not as the working directory's. */
  @Test
  void aRecordedStoreThatFailsToCloseFailsTheRunSayingSo() {
    StorageException error =
        assertThrows(
            StorageException.class,
            () ->
                CrashTester.forStore(ClosingFailsWithIoError::open)
                    .inDirectory(work)
                    .run(store -> {}, (store, cut) -> {}));
    assertEquals(
        "closing the recorded store failed: java.io.IOException: closing failed",
        error.getMessage());
  }

  /** An account store whose close fails with a checked exception. */
  record ClosingFailsWithIoError(AccountStore accounts) implements AutoCloseable {
    static ClosingFailsWithIoError open(StoreOptions options) {
      return new ClosingFailsWithIoError(AccountStore.open(options));
    }

    @Override
    public void close() throws IOException {
      accounts.close();
      throw new IOException("closing failed");
    }
  }

  /**
   * A store's close that is interrupted fails the run, recorded or recovered, and leaves this
   * thread's interrupt flag set, as the store's caller would see it.
   */
  @Test
  void aStoreWhoseCloseIsInterruptedLeavesTheThreadInterrupted() {
    StorageException recorded =
        assertThrows(
            StorageException.class,
            () -> runDoingNothing(options -> new ClosingInterrupted(options, true)));
    assertLeftInterrupted(recorded);

    CrashInvariantError recovered =
        assertThrows(
            CrashInvariantError.class,
            () ->
                CrashTester.forStore(
                        (StoreOptions options) ->
                            new ClosingInterrupted(options, recovering(options)))
                    .inDirectory(work)
                    .run(store -> store.accounts().create("alice"), (store, cut) -> {}));
    assertLeftInterrupted(recovered);
  }

  /**
   * An invariant that is interrupted (waiting on something of the test) fails the test at its state
   * and leaves this thread's interrupt flag set.
   */
  @Test
  void anInterruptedInvariantLeavesTheThreadInterrupted() {
    InterruptedException interrupted = new InterruptedException("invariant interrupted");
    CrashInvariantError error =
        firstFailure(
            store -> store.update("alice", c -> c.balance(60)),
            (store, cut) -> {
              throw interrupted;
            });
    assertTrue(Thread.interrupted(), error.toString());
    assertSame(interrupted, error.getCause());
  }

  /**
   * A set-up or an operation that is interrupted fails the run as a misuse and leaves this thread's
   * interrupt flag set, once the recorded store closed (uninterrupted, so without a failure).
   */
  @Test
  void anInterruptedSetUpOrOperationLeavesTheThreadInterrupted() {
    CrashTester.Action<AccountStore> interrupted =
        store -> {
          throw new InterruptedException("waiting interrupted");
        };
    MisuseException setUp =
        assertThrows(
            MisuseException.class,
            () ->
                CrashTester.forStore(AccountStore::open)
                    .withSetUp(interrupted)
                    .run(store -> {}, (store, cut) -> {}));
    assertLeftInterrupted(setUp);
    assertEquals(0, setUp.getSuppressed().length, setUp.toString());

    MisuseException operation =
        assertThrows(MisuseException.class, () -> tester().run(interrupted, (store, cut) -> {}));
    assertLeftInterrupted(operation);
    assertEquals(0, operation.getSuppressed().length, operation.toString());
  }

  /**
   * An opener that is interrupted (Kotlin code can throw InterruptedException undeclared) fails the
   * run, recorded or recovered, and leaves this thread's interrupt flag set.
   */
  @Test
  void anInterruptedOpenerLeavesTheThreadInterrupted() {
    InterruptedException interrupted = new InterruptedException("opening interrupted");
    StorageException recorded =
        assertThrows(StorageException.class, () -> runDoingNothing(throwing(interrupted)));
    assertTrue(Thread.interrupted(), recorded.toString());
    assertSame(interrupted, recorded.getCause());

    CrashInvariantError recovered =
        assertThrows(
            CrashInvariantError.class,
            () ->
                CrashTester.forStore(
                        (StoreOptions options) ->
                            recovering(options)
                                ? throwing(interrupted).apply(options)
                                : AccountStore.open(options))
                    .inDirectory(work)
                    .run(store -> store.create("alice"), (store, cut) -> {}));
    assertTrue(Thread.interrupted(), recovered.toString());
    assertSame(interrupted, recovered.getCause());
  }

  /** An account store whose close, if {@code interrupted}, fails as an interrupted wait does. */
  record ClosingInterrupted(AccountStore accounts, boolean interrupted) implements AutoCloseable {
    ClosingInterrupted(StoreOptions options, boolean interrupted) {
      this(AccountStore.open(options), interrupted);
    }

    @Override
    public void close() throws InterruptedException {
      accounts.close();
      if (interrupted) {
        throw new InterruptedException("closing interrupted");
      }
    }
  }

  /**
   * Runs a tester of the stores {@code opener} opens on an operation and invariant doing nothing.
   */
  private static <S extends AutoCloseable> void runDoingNothing(Function<StoreOptions, S> opener) {
    CrashTester.forStore(opener).run(store -> {}, (store, cut) -> {});
  }

  /** Whether {@code options} open a recovered root (the crash tester's durability NONE). */
  private static boolean recovering(StoreOptions options) {
    return options.durability() == Durability.NONE;
  }

  /** An opener that throws {@code e}, checked or not, though it declares no checked exception. */
  private static Function<StoreOptions, AccountStore> throwing(Exception e) {
    return options -> CrashTesterTest.<RuntimeException>sneakyThrow(e);
  }

  /** Throws {@code e}, checked or not, from code that declares no checked exception. */
  @SuppressWarnings("unchecked")
  private static <E extends Exception> AccountStore sneakyThrow(Exception e) throws E {
    throw (E) e;
  }

  /**
   * A run that fails for a misuse (its set-up or operation threw) or an error (its opener threw
   * one) removes its temporary directory, as a passing run does; only a failing state's recovered
   * root is kept.
   */
  @Test
  void aRunThatFailsForAMisuseLeavesNoTemporaryDirectory() throws Exception {
    Path temporary = Files.createDirectory(work.resolve("tmp"));
    try (ChildJvm child =
        ChildJvm.start(
            List.of(),
            List.of("-Djava.io.tmpdir=" + temporary),
            System.getProperty("java.class.path"),
            MisusedCrashTester.class)) {
      assertEquals("misuse: set-up", child.nextLine());
      assertEquals("misuse: operation", child.nextLine());
      assertEquals("error: opener", child.nextLine());
      child.awaitSuccess();
    }
    try (Stream<Path> left = Files.list(temporary)) {
      assertEquals(
          List.of(),
          left.filter(path -> path.getFileName().toString().startsWith("burrow-crash-")).toList(),
          "the crash tester's temporary directories are removed");
    }
  }

  @Test
  void aWorkingDirectoryThatIsNotEmptyIsRefused() throws Exception {
    Files.writeString(work.resolve("mine.txt"), "mine\n");
    MisuseException error =
        assertThrows(
            MisuseException.class,
            () -> tester().inDirectory(work).run(store -> {}, (store, cut) -> {}));
    assertTrue(
        error.getMessage().contains(work + " must be an existing, empty"), error.getMessage());
    assertEquals("mine\n", Files.readString(work.resolve("mine.txt")));
  }

  /** Asserts that {@code failure} came of an interrupt and left this thread's flag set. */
  private static void assertLeftInterrupted(Throwable failure) {
    assertTrue(Thread.interrupted(), failure.toString());
    assertInstanceOf(InterruptedException.class, failure.getCause());
  }
}
