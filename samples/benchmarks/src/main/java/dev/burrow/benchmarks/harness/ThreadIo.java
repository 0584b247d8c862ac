package dev.burrow.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The read system calls the calling thread makes, as Linux counts them ({@code syscr} in {@code
 * /proc/thread-self/io}: {@code read}, {@code pread} and their vector forms, not directory
 * listings), to show how many files an operation reads.
 */
final class ThreadIo {
  private static final Path IO = Path.of("/proc/thread-self/io");

  private ThreadIo() {}

  /** The read calls {@code action} made on this thread, or empty where the OS does not say. */
  static OptionalLong readCalls(Runnable action) {
    OptionalLong idle = between(() -> {});
    OptionalLong busy = between(action);
    return idle.isPresent() && busy.isPresent()
        ? OptionalLong.of(busy.getAsLong() - idle.getAsLong())
        : OptionalLong.empty();
  }

  /** The counter's growth around {@code action}, including the reads of the counter itself. */
  private static OptionalLong between(Runnable action) {
    OptionalLong before = syscr();
    action.run();
    OptionalLong after = syscr();
    return before.isPresent() && after.isPresent()
        ? OptionalLong.of(after.getAsLong() - before.getAsLong())
        : OptionalLong.empty();
  }

  /** The counter now. */
  private static OptionalLong syscr() {
    try {
      for (String line : Files.readAllLines(IO)) {
        if (line.startsWith("syscr:")) {
          return OptionalLong.of(Long.parseLong(line.substring(6).trim()));
        }
      }
      return OptionalLong.empty();
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
