package dev.burrow.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.test.internal.crash.CrashStates;
import dev.burrow.test.internal.crash.recording.FsOp;
import dev.burrow.test.internal.crash.recording.RecordingFileSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A data root on a recording file system (the lock file and leases not recorded) whose flush of one
 * directory fails once, when armed, and the states a power cut after the recording could leave: the
 * probe of a write that must make a name durable after the flush that should have failed.
 */
public final class FailingFlush {
  private final Path work;
  private final Path realRoot;
  private final RecordingFileSystem fs;
  private final AtomicBoolean armed = new AtomicBoolean();
  private final AtomicBoolean failed = new AtomicBoolean();

  private FailingFlush(Path work, Function<Path, Path> directory, Predicate<Path> armsAfterMoveTo)
      throws IOException {
    this.work = work;
    Path base = Files.createDirectories(work.resolve("recorded")).toRealPath();
    realRoot = base.resolve("data");
    Path failing = directory.apply(realRoot);
    fs =
        RecordingFileSystem.over(
            base,
            path ->
                path.endsWith(".burrow/locks/instances.lock")
                    || path.getFileName().toString().endsWith(".lease"),
            new RecordingFileSystem.Hooks() {
              @Override
              public void afterMove(Path from, Path to) {
                if (armsAfterMoveTo.test(to)) {
                  armed.set(true);
                }
              }

              @Override
              public void beforeOpen(Path real, Set<? extends OpenOption> options)
                  throws IOException {
                if (real.normalize().equals(failing) && armed.compareAndSet(true, false)) {
                  failed.set(true);
                  throw new IOException("injected: flushing " + failing + " fails");
                }
              }
            });
  }

  /**
   * A data root under {@code <work>/recorded} whose flush of the directory {@code directory} names
   * in the root fails once after {@link #arm()}.
   */
  public static FailingFlush of(Path work, Function<Path, Path> directory) throws IOException {
    return new FailingFlush(work, directory, to -> false);
  }

  /**
   * As {@link #of}, armed by the first move of a file named {@code fileName} (the flush that makes
   * that name durable fails).
   */
  public static FailingFlush afterMoveTo(Path work, Function<Path, Path> directory, String fileName)
      throws IOException {
    AtomicBoolean moved = new AtomicBoolean();
    return new FailingFlush(
        work,
        directory,
        to -> to.getFileName().toString().equals(fileName) && moved.compareAndSet(false, true));
  }

  /** The data root, on the recording file system. */
  public Path dataRoot() {
    return fs.wrap(realRoot);
  }

  /** Makes the next flush of the directory fail. */
  public void arm() {
    armed.set(true);
  }

  /** Whether the flush failed. */
  public boolean failed() {
    return failed.get();
  }

  /**
   * The descriptions of the states a power cut after the recording could leave (materialised in
   * {@code <work>/crash}) whose data root does not {@code hold}; all states are checked.
   */
  public List<String> statesNotHolding(Predicate<Path> hold) {
    List<FsOp> ops = fs.log().ops();
    CrashStates states = new CrashStates(ops, fs.log().labels(), 10, 2);
    List<String> failing = new ArrayList<>();
    Path crash = work.resolve("crash");
    states.forEach(
        ops.size(),
        state -> {
          try {
            state.materialize(crash);
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
          if (!hold.test(crash.resolve("data"))) {
            failing.add(state.description());
          }
        });
    assertEquals(0, states.boundedPoints());
    return failing;
  }
}
