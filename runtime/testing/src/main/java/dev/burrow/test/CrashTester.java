package dev.burrow.test;

import dev.burrow.Durability;
import dev.burrow.MisuseException;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.test.internal.Trees;
import dev.burrow.test.internal.crash.CrashStates;
import dev.burrow.test.internal.crash.CrashWalk;
import dev.burrow.test.internal.crash.Recording;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Checks a test's own operation against power cuts: it runs the operation once on a store whose
 * file-system calls are recorded, rebuilds every state a power cut during or after it could leave,
 * opens a store on each and runs the test's invariant there. The first state that breaks the
 * invariant fails the test with a {@link CrashInvariantError} saying where the power was cut and
 * what the disk kept.
 *
 * <pre>{@code
 * CrashTester.forStore(TaskRunStore::open)
 *     .withSetUp(store -> store.create("task-1", c -> c.status(Status.TESTING)))
 *     .run(
 *         store -> store.update("task-1", c -> c.status(Status.FAILED).error("step 2 differs")),
 *         (store, cut) -> {
 *           TaskRun task = store.get("task-1");
 *           // a status and its error change together, or not at all
 *           assertEquals(task.status() == Status.FAILED, task.error() != null);
 *           if (cut.operationReturned()) {
 *             assertEquals(Status.FAILED, task.status());
 *           }
 *         });
 * }</pre>
 *
 * <p><b>The model</b> is the pessimistic one of the ALICE study of crash consistency: a file's data
 * is durable once it was flushed ({@code fsync}), a directory entry (a create, rename or delete)
 * once its directory was flushed; until then a power cut may keep or lose each pending entry in any
 * combination, and may leave a file with its old content, its new content, half of the new content
 * or zeros in its place. The newest pending entries are varied at each point as long as they leave
 * at most 4,096 different choices (as 12 independent entries do; an entry made in a new directory
 * whose own entry is pending is lost with it, so it adds fewer), and 2 unflushed files (older ones
 * are taken as durable); {@link CrashReport#complete()} says whether that bound was reached.
 *
 * <p><b>What runs where.</b> The store is opened once through {@code opener} with the tester's
 * {@link StoreOptions} (their data root replaced by one on the recording file system), the set-up
 * runs, then the operation, then the store is closed; crash points start once the set-up returned.
 * On each distinct recovered root a new store is opened through {@code opener} (which sweeps what
 * the crash left, as at any open), the invariant runs, and the store is closed. The operation and
 * the set-up may use the store however they like, on any number of threads, and write files in
 * instance directories through {@code java.nio.file} (only through paths the store gives them, such
 * as {@code dirs(id)} or {@code files(id)}: the recording file system sees nothing written through
 * {@code java.io.File} or another file system). Symbolic links are refused ({@code
 * Files.createSymbolicLink} throws {@link UnsupportedOperationException}, which the run reports as
 * a {@link MisuseException}): a crash state is rebuilt in another directory, where a link's target
 * would not say what it said. Changes of permissions, owners and times are made but not recorded:
 * no crash state keeps them.
 *
 * <p><b>Cost.</b> Each distinct state is written to disk and opened: a few milliseconds each. An
 * update of one instance has a few dozen crash states, about ten of them distinct; a workflow of
 * many writes, hundreds to thousands. Filesystem stores only: on PostgreSQL durability is the
 * server's.
 *
 * @param <S> the store type (a generated {@code XStore})
 */
// "try": S is a generated store, whose close() throws nothing; AutoCloseable, whose close() may
// throw InterruptedException, is only the narrowest type every store has.
@SuppressWarnings("try")
public final class CrashTester<S extends AutoCloseable> {
  private static final int MAX_PENDING_NAMES = 12;
  private static final int MAX_TORN_FILES = 2;
  private static final int SET_UP = 1;
  private static final int OPERATION = 2;

  private final Function<StoreOptions, S> opener;
  private final StoreOptions options;
  private final Action<S> setUp;
  private final @Nullable Path workDirectory;

  /** Something done to the store: the set-up or the operation under test. */
  @FunctionalInterface
  public interface Action<S> {
    /** Runs on {@code store}; anything it throws fails the test run. */
    void run(S store) throws Exception;
  }

  /** What must hold on every store recovered from a crash state. */
  @FunctionalInterface
  public interface Invariant<S> {
    /**
     * Checks {@code store}, opened on a recovered root, knowing where the power was cut; fails by
     * throwing (an {@link AssertionError}, or any exception, such as a store's damaged-data one).
     */
    void check(S store, PowerCut cut) throws Exception;
  }

  private CrashTester(
      Function<StoreOptions, S> opener,
      StoreOptions options,
      Action<S> setUp,
      @Nullable Path workDirectory) {
    this.opener = opener;
    this.options = options;
    this.setUp = setUp;
    this.workDirectory = workDirectory;
  }

  /**
   * A tester of stores opened by {@code opener}, typically the generated store's {@code open}
   * ({@code TaskRunStore::open}), with {@link StoreOptions#defaults()} (durable writes), no set-up
   * and a temporary working directory.
   */
  public static <S extends AutoCloseable> CrashTester<S> forStore(
      Function<StoreOptions, S> opener) {
    return new CrashTester<>(
        Objects.requireNonNull(opener, "opener"), StoreOptions.defaults(), store -> {}, null);
  }

  /**
   * This tester opening stores with {@code options}, whose data root is replaced by the tester's.
   * Their durability is the one tested: under {@link Durability#NONE} a power cut can lose
   * acknowledged writes and leave empty documents, as its documentation says.
   */
  public CrashTester<S> withOptions(StoreOptions options) {
    return new CrashTester<>(
        opener, Objects.requireNonNull(options, "options"), setUp, workDirectory);
  }

  /**
   * This tester running {@code setUp} before the operation, on the same store; a power cut during
   * the set-up is not tested (the states it leaves are the operation's starting points once it
   * returned).
   */
  public CrashTester<S> withSetUp(Action<S> setUp) {
    return new CrashTester<>(
        opener, options, Objects.requireNonNull(setUp, "setUp"), workDirectory);
  }

  /**
   * This tester recording and rebuilding crash states in {@code directory} (an existing, empty
   * directory, such as a JUnit {@code @TempDir}), which it leaves in place. Without it a temporary
   * directory is used and removed, also when the run fails for a misuse, unless a state fails.
   */
  public CrashTester<S> inDirectory(Path directory) {
    return new CrashTester<>(
        opener, options, setUp, Objects.requireNonNull(directory, "directory"));
  }

  /**
   * Runs {@code operation} once, then checks {@code invariant} on every state a power cut during or
   * after it could leave. Whatever ends the run but a {@link CrashInvariantError} (an error the
   * opener throws included) is thrown once the temporary working directory is removed; a failure to
   * remove it is attached to what is thrown (suppressed), never thrown in its place.
   *
   * @return what was checked, if every state passed
   * @throws CrashInvariantError at the first state that failed, with the state described and its
   *     recovered root left on disk: the invariant threw (anything, an {@link Error} included: what
   *     it threw is the cause, with a failure of the store's close then attached to it as
   *     suppressed), or the store could not be opened or closed there
   * @throws MisuseException if the set-up or the operation threw while recorded (anything, an
   *     {@link Error} included; the tester runs each once and needs it to succeed; what it threw is
   *     the cause), the opener opened a store that is not on the data root of the options it was
   *     given (such as one on a path of its own), or the directory given to {@link #inDirectory} is
   *     not an existing, empty directory
   * @throws StorageException if the working directory or a crash state cannot be written, the
   *     opener threw a checked exception while the store was recorded (its {@link Function}
   *     declares none, but Kotlin code can throw one), or the recorded store failed to close
   */
  public CrashReport run(Action<S> operation, Invariant<S> invariant) {
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(invariant, "invariant");
    Path given = workDirectory;
    Path work = null;
    try {
      if (given == null) {
        work = Files.createTempDirectory("burrow-crash-");
      } else if (isEmptyDirectory(given)) {
        work = given;
      } else {
        throw new MisuseException(
            "the crash tester's directory " + given + " must be an existing, empty directory");
      }
      CrashReport report = check(record(work, operation), invariant);
      if (given == null) {
        Trees.delete(work);
      }
      return report;
    } catch (CrashInvariantError e) {
      throw e; // a failing state keeps its recovered root for a look
    } catch (RuntimeException | Error e) {
      // A misuse (the set-up or the operation failed once recorded), or anything else that ends
      // the run, leaves nothing behind.
      removeTemporary(given == null ? work : null, e);
      throw e;
    } catch (Exception e) {
      // An IOException, or JDK 17's internal sun.nio.fs.UnixException, which it throws without
      // declaring it when closing a descriptor it opened itself fails (a listing's, EIO, ENOSPC).
      Path failed = work == null ? given : work;
      StorageException failure =
          new StorageException(
              "the crash tester's working directory "
                  + (failed == null ? "(not made)" : failed)
                  + " failed: "
                  + e.getMessage(),
              e);
      removeTemporary(given == null ? work : null, failure);
      throw failure;
    }
  }

  /** Removes the temporary working directory, if any, after {@code failure} ended the run. */
  private static void removeTemporary(@Nullable Path temporary, Throwable failure) {
    if (temporary != null) {
      Trees.deleteAfter(failure, temporary);
    }
  }

  private static boolean isEmptyDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    } catch (UncheckedIOException e) {
      throw e.getCause(); // the directory could not be read
    }
  }

  private Recording record(Path work, Action<S> operation) throws IOException {
    Recording recording = Recording.in(work);
    recording.begin(0);
    S opened;
    try {
      opened = opener.apply(options.withDataRoot(recording.dataRoot()));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // a checked exception the opener throws without declaring it (Kotlin code can)
      keepInterrupt(e);
      throw new StorageException("opening the recorded store failed: " + e, e);
    }
    try (S store = opened) {
      if (!Files.isDirectory(recording.dataRoot())) {
        throw new MisuseException(
            "the store the opener returned is not on the data root of the options it was given,"
                + " so nothing it writes would be recorded and every state would pass: open the"
                + " store with those options, as a generated store's open(StoreOptions) does"
                + " (XStore::open)");
      }
      recording.end(0);
      recording.begin(SET_UP);
      runRecorded("set-up", setUp, store);
      recording.end(SET_UP);
      recording.begin(OPERATION);
      runRecorded("operation", operation, store);
      recording.end(OPERATION);
    } catch (MisuseException e) {
      keepInterrupt(e.getCause()); // an interrupted set-up or operation, once its store is closed
      throw e;
    } catch (RuntimeException e) {
      throw e; // the store's own
    } catch (Exception e) {
      // only the store's close throws a checked exception here
      StorageException failure = new StorageException("closing the recorded store failed: " + e, e);
      keepInterrupt(e);
      throw failure;
    }
    return recording;
  }

  private void runRecorded(String what, Action<S> action, S store) {
    try {
      action.run(store);
    } catch (Throwable e) {
      throw new MisuseException(
          "the "
              + what
              + " failed while its file-system calls were recorded (the crash tester runs it once"
              + " and needs it to succeed): "
              + e,
          e);
    }
  }

  private CrashReport check(Recording recording, Invariant<S> invariant) {
    CrashStates states = recording.states(MAX_PENDING_NAMES, MAX_TORN_FILES);
    Set<String> checked = new HashSet<>();
    CrashWalk.Summary summary =
        CrashWalk.walk(
            states,
            recording.ops(),
            SET_UP,
            (position, state) -> {
              boolean returned = position.acknowledged() >= OPERATION;
              if (checked.add(returned + "\n" + state.fingerprint())) {
                PowerCut cut = new PowerCut(returned, describe(position, state));
                recover(recording, state, cut, invariant);
              }
            });
    return new CrashReport(
        states.fileSystemCalls(),
        summary.crashPoints(),
        summary.statesEnumerated(),
        checked.size(),
        summary.boundedPoints() == 0);
  }

  private static String describe(CrashWalk.Position position, CrashStates.CrashState state) {
    String when =
        position.acknowledged() >= OPERATION
            ? "after the operation returned"
            : position.inFlight() == OPERATION
                ? "while the operation ran"
                : "once the set-up returned, before the operation began";
    return when + ": " + state.description();
  }

  private void recover(
      Recording recording, CrashStates.CrashState state, PowerCut cut, Invariant<S> invariant) {
    Path root;
    try {
      root = recording.materialize(state);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // An IOException, or JDK 17's internal sun.nio.fs.UnixException, which it throws without
      // declaring it when closing a directory handle of its walk over the last state's tree fails.
      throw new StorageException("cannot write a crash state: " + e.getMessage(), e);
    }
    S store;
    try {
      store = opener.apply(options.withDataRoot(root).withDurability(Durability.NONE));
    } catch (Throwable e) {
      CrashInvariantError failure =
          refused(cut, root, "the store could not be opened on the recovered root: " + e, e);
      keepInterrupt(e);
      throw failure;
    }
    Throwable broken = null;
    try {
      invariant.check(store, cut);
    } catch (Throwable e) {
      broken = e;
    }
    try {
      store.close();
    } catch (Throwable e) {
      CrashInvariantError failure;
      if (broken == null) {
        failure =
            refused(cut, root, "the invariant held, but closing the store then failed: " + e, e);
      } else {
        broken.addSuppressed(e);
        failure =
            refused(
                cut,
                root,
                "the invariant failed: " + broken + "\nclosing the store then failed too: " + e,
                broken);
      }
      keepInterrupt(e);
      throw failure;
    }
    if (broken != null) {
      CrashInvariantError failure = refused(cut, root, "the invariant failed: " + broken, broken);
      keepInterrupt(broken);
      throw failure;
    }
  }

  /**
   * Sets this thread's interrupt flag again if {@code failure} is an {@link InterruptedException}
   * (of the opener, the set-up, the operation, the invariant or a store's close), which cleared it;
   * called once the failure is described and the store closed, since a root listed or a store
   * closed with the flag set fails on its files.
   */
  private static void keepInterrupt(@Nullable Throwable failure) {
    if (failure instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The test failure of the state cut at {@code cut}, recovered at {@code root}: {@code failure}
   * says what went wrong there, and {@code cause} is what threw.
   */
  private static CrashInvariantError refused(
      PowerCut cut, Path root, String failure, Throwable cause) {
    return new CrashInvariantError(
        cut.description()
            + "\n"
            + failure
            + "\nrecovered data root (kept at "
            + root
            + "):\n"
            + RootListing.of(root),
        cut,
        root,
        cause);
  }
}
