package dev.burrow.benchmarks.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Device flushes per operation, counted by {@code strace -c -f} over a child process: the {@code
 * fsync} and {@code fdatasync} calls of a probe of {@code n} operations, less those of the same
 * probe with none, divided by {@code n}.
 */
final class FsyncCounts {
  /** The system calls that flush a file to the device. */
  static final String TRACED = "fsync,fdatasync,sync_file_range,syncfs,sync";

  record Probe(Contender system, Workload workload) {}

  /** The command line of a probe that makes {@code count} operations under {@code directory}. */
  @FunctionalInterface
  interface ProbeCommand {
    List<String> of(Path directory, int count);
  }

  private final Path workDir;
  private final int n;
  private final Map<Probe, Double> perOperation = new HashMap<>();
  private final Map<List<String>, Long> baselines = new HashMap<>();

  FsyncCounts(Path workDir, int n) {
    this.workDir = workDir;
    this.n = n;
  }

  /** Whether {@code strace} is installed and allowed to trace a child here. */
  static boolean available() {
    try {
      Process process =
          new ProcessBuilder("strace", "-f", "-c", "-o", "/dev/null", "true")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return process.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Operations per probe. */
  int n() {
    return n;
  }

  /** Counts a system's flushes per operation of a workload (create, update or delete). */
  void measure(Contender system, Workload workload) {
    measure(
        system,
        workload,
        (directory, count) ->
            Processes.java(
                FsyncProbe.class,
                system.name(),
                (count == 0 ? Workload.CREATE : workload).name(),
                Integer.toString(count),
                directory.toString()));
  }

  /**
   * Counts the flushes per operation of {@code command}: its run with {@link #n()} operations less
   * its run with none (made once per distinct command), over {@link #n()}.
   */
  void measure(Contender system, Workload workload, ProbeCommand command) {
    long baseline = baselines.computeIfAbsent(command.of(Path.of("."), 0), k -> run(command, 0));
    long total = run(command, n);
    perOperation.put(new Probe(system, workload), (double) (total - baseline) / n);
  }

  /** Records flushes per operation counted another way (a server's processes). */
  void record(Contender system, Workload workload, double flushes) {
    perOperation.put(new Probe(system, workload), flushes);
  }

  /** The measured flushes per operation, if measured. */
  Optional<Double> perOperation(Contender system, Workload workload) {
    return Optional.ofNullable(perOperation.get(new Probe(system, workload)));
  }

  private long run(ProbeCommand command, int count) {
    Path directory = Scratch.directory(workDir, "probe");
    try {
      return count(command.of(directory, count), directory);
    } finally {
      Scratch.delete(directory);
    }
  }

  /** The flushes made by {@code command} and its children, run under {@code strace -c -f}. */
  static long count(List<String> command, Path scratch) {
    Path summary = scratch.resolveSibling(scratch.getFileName() + ".strace");
    List<String> traced =
        new ArrayList<>(
            List.of("strace", "-f", "-c", "-e", "trace=" + TRACED, "-o", summary.toString()));
    traced.addAll(command);
    Processes.output(traced);
    try {
      return parse(Files.readAllLines(summary));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the strace summary " + summary, e);
    } finally {
      try {
        Files.deleteIfExists(summary);
      } catch (IOException e) {
        // a leftover summary in the work directory is harmless
      }
    }
  }

  /**
   * The calls column summed over the flush system calls of an {@code strace -c} table (rows "%
   * time, seconds, usecs/call, calls, [errors,] syscall").
   */
  static long parse(List<String> lines) {
    List<String> flushes = List.of(TRACED.split(","));
    long calls = 0;
    for (String line : lines) {
      String[] columns = line.trim().split("\\s+");
      if (columns.length >= 5 && flushes.contains(columns[columns.length - 1])) {
        calls += Long.parseLong(columns[3]);
      }
    }
    return calls;
  }
}
