package dev.burrow.test.internal.crash;

import dev.burrow.test.internal.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a simulation writes its crash states: a new directory in memory ({@code /dev/shm}, a tmpfs)
 * where Linux offers one, else the simulation's working directory. A simulation writes and removes
 * a small tree for each of thousands of states, and the store that recovers each one flushes what
 * it writes; on a tmpfs none of that waits for a disk, which made the crash-state suites about
 * twice as fast. The states are the same either way: they are made of what the recording file
 * system logged, not of the file system they are written to.
 */
final class ScratchDirectory {
  private static final Path MEMORY = Path.of("/dev/shm");

  private ScratchDirectory() {}

  /** A new directory in memory, or {@code workDir} where there is none to write to. */
  static Path inMemory(Path workDir) throws IOException {
    if (!Files.isDirectory(MEMORY) || !Files.isWritable(MEMORY)) {
      return workDir;
    }
    return Files.createTempDirectory(MEMORY, "burrow-crash-");
  }

  /** Removes {@code scratch} with what was written in it, unless it is {@code workDir}. */
  static void remove(Path scratch, Path workDir) throws IOException {
    if (!scratch.equals(workDir)) {
      Trees.delete(scratch);
    }
  }

  /**
   * Removes {@code scratch} as {@link #remove} does, after {@code failure} ended the simulation:
   * what removing throws is added to {@code failure}, never thrown in its place.
   */
  static void removeAfter(Throwable failure, Path scratch, Path workDir) {
    if (!scratch.equals(workDir)) {
      Trees.deleteAfter(failure, scratch);
    }
  }
}
