package dev.burrow.test.internal.crash;

import dev.burrow.test.internal.crash.recording.FsOp;
import dev.burrow.test.internal.crash.recording.RecordingFileSystem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A workload recorded in steps: a data root on a {@link RecordingFileSystem} below {@code
 * <work>/recorded}, step boundaries marked {@code begin k} and {@code end k} (what {@link
 * CrashWalk} reads), and the crash states of the recording materialised in {@code <work>/crash}
 * (and {@code <work>/crash-<n>}, to recover several at once).
 */
public final class Recording {
  /** The lock file holds no data, and a missing one is recreated at open: not recorded. */
  private static final Path LOCK_FILE = Path.of(".burrow", "locks", "instances.lock");

  private static final String DATA = "data";

  private final RecordingFileSystem fs;
  private final Path dataRoot;
  private final Path crash;

  private Recording(RecordingFileSystem fs, Path dataRoot, Path crash) {
    this.fs = fs;
    this.dataRoot = dataRoot;
    this.crash = crash;
  }

  /** Starts recording in {@code workDir}, an existing directory. */
  public static Recording in(Path workDir) throws IOException {
    return in(workDir, workDir);
  }

  /**
   * Starts recording in {@code workDir}, an existing directory, materialising crash states in
   * {@code crashDir} instead ({@code <crashDir>/crash}, {@code <crashDir>/crash-<n>}).
   */
  public static Recording in(Path workDir, Path crashDir) throws IOException {
    Path base = Files.createDirectories(workDir.resolve("recorded"));
    RecordingFileSystem fs = RecordingFileSystem.over(base, Recording::isLockOrLease);
    return new Recording(fs, fs.wrap(base.toRealPath()).resolve(DATA), crashDir.resolve("crash"));
  }

  /**
   * The lock file and the lease files (of workers and of temporary-file sessions) are not recorded:
   * they are only ever locked and described, and nothing read from them decides what a store
   * recovers after a crash.
   */
  private static boolean isLockOrLease(Path path) {
    return path.endsWith(LOCK_FILE) || String.valueOf(path.getFileName()).endsWith(".lease");
  }

  /** The data root to run the workload on (a path of the recording file system). */
  public Path dataRoot() {
    return dataRoot;
  }

  /** Marks the start of step {@code step} (numbered from 0). */
  public void begin(int step) {
    fs.log().mark("begin " + step);
  }

  /** Marks the end of step {@code step}: what it wrote is acknowledged. */
  public void end(int step) {
    fs.log().mark("end " + step);
  }

  /**
   * Flushes the data root, everything below it and the directory holding it through the recording
   * file system, as {@code sync(2)} would: everything written so far is durable in the model from
   * here on.
   */
  public void flushAll() throws IOException {
    try (Stream<Path> all = Files.walk(dataRoot)) {
      for (Path path : all.toList()) {
        flush(path);
      }
    }
    flush(Objects.requireNonNull(dataRoot.getParent(), "the data root is in the base"));
  }

  private static void flush(Path path) throws IOException {
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  /** The operations recorded so far. */
  public List<FsOp> ops() {
    return fs.log().ops();
  }

  /** The crash states of what was recorded so far. */
  public CrashStates states(int maxPending, int maxTornFiles) {
    return new CrashStates(fs.log().ops(), fs.log().labels(), maxPending, maxTornFiles);
  }

  /**
   * Writes {@code state} to {@code <work>/crash} (replacing the last one) and returns the data root
   * in it, on the default file system.
   */
  public Path materialize(CrashStates.CrashState state) throws IOException {
    return materialize(state, 0);
  }

  /**
   * Writes {@code state} to the crash directory numbered {@code slot} ({@code <work>/crash} for 0,
   * {@code <work>/crash-<slot>} otherwise), replacing the last state written there, and returns the
   * data root in it: states written to different slots can be recovered at the same time.
   */
  public Path materialize(CrashStates.CrashState state, int slot) throws IOException {
    Path directory = slot == 0 ? crash : crash.resolveSibling(crash.getFileName() + "-" + slot);
    state.materialize(directory);
    return directory.resolve(DATA);
  }
}
