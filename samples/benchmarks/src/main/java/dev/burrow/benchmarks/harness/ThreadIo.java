package dev.burrow.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * The read and write system calls the calling thread makes, as Linux counts them ({@code syscr} and
 * {@code syscw} in {@code /proc/thread-self/io}: {@code read}, {@code pread}, {@code write} and
 * their vector forms, not directory listings), to show how many files an operation reads or how
 * many times it writes to and reads from a socket.
 */
final class ThreadIo {
  private static final Path IO = Path.of("/proc/thread-self/io");

  private ThreadIo() {}

  /** The read calls {@code action} made on this thread, or empty where the OS does not say. */
  static OptionalLong readCalls(Runnable action) {
    return calls("syscr:", action);
  }

  /** The write calls {@code action} made on this thread, or empty where the OS does not say. */
  static OptionalLong writeCalls(Runnable action) {
    return calls("syscw:", action);
  }

  private static OptionalLong calls(String counter, Runnable action) {
    OptionalLong idle = between(counter, () -> {});
    OptionalLong busy = between(counter, action);
    return idle.isPresent() && busy.isPresent()
        ? OptionalLong.of(busy.getAsLong() - idle.getAsLong())
        : OptionalLong.empty();
  }

  /** The counter's growth around {@code action}, including the reads of the counter itself. */
  private static OptionalLong between(String counter, Runnable action) {
    OptionalLong before = counter(counter);
    action.run();
    OptionalLong after = counter(counter);
    return before.isPresent() && after.isPresent()
        ? OptionalLong.of(after.getAsLong() - before.getAsLong())
        : OptionalLong.empty();
  }

  /** The counter now. */
  private static OptionalLong counter(String name) {
    try {
      for (String line : Files.readAllLines(IO)) {
        if (line.startsWith(name)) {
          return OptionalLong.of(Long.parseLong(line.substring(name.length()).trim()));
        }
      }
      return OptionalLong.empty();
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
