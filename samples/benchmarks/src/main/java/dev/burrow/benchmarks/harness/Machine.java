package dev.burrow.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What the report says about the machine: CPUs, disk, JDK, load. */
record Machine(int cpus, String cpuModel, String disk, String jdk, String os, String python) {

  /** Describes this machine and the file system of {@code workDir}. */
  static Machine describe(Path workDir) {
    String df = Processes.outputOr("(df -T unavailable)", "df", "-T", workDir.toString());
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        readCpuModel(),
        df.trim(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        Processes.outputOr("(no python3)", "python3", "--version"));
  }

  /** CPUs, CPU model, JDK and OS, as the report states them. */
  String summary() {
    return "`nproc` = " + cpus + ", CPU \"" + cpuModel + "\", " + jdk + ", " + os;
  }

  private static String readCpuModel() {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
      return lines.stream()
          .filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * The report's machine line: {@code Machine: `nproc` = 2, CPU "...", <JDK>, <OS>[, <Python>].}
   * and a line break.
   */
  String summary(boolean withPython) {
    return "Machine: " + summary() + (withPython ? ", " + python : "") + ".\n";
  }

  /** The load averages (1, 5, 15 minutes) from {@code /proc/loadavg}, or "unknown". */
  static String load() {
    try {
      String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return fields[0] + ", " + fields[1] + ", " + fields[2];
    } catch (IOException e) {
      return "unknown";
    }
  }

  /**
   * Waits until the kernel has written back everything written or removed so far ({@code sync}), so
   * that the next timed phase does not share the disk with the write-back of an earlier one:
   * removing a store of a million instances leaves minutes of it, which slowed every {@code fsync}
   * timed after it by half or more.
   */
  static void settle() {
    Processes.outputOr("", "sync");
  }
}
