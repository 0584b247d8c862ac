package dev.burrow.runtime.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Child JVMs traced by strace, for tests that check system calls. */
public final class Strace {
  private Strace() {}

  /**
   * Runs {@code main} with {@code args} in a child JVM under {@code strace -f -qq -e
   * trace=<calls>}, fails unless it exits with 0 within 5 minutes, and returns the trace's lines.
   * The trace and the child's output are kept in {@code dir} as {@code <name>.trace} and {@code
   * <name>.out}. Call {@link dev.burrow.test.internal.Prerequisites#requireStrace} first.
   */
  public static List<String> trace(
      Path dir, String name, String calls, Class<?> main, String... args)
      throws IOException, InterruptedException {
    Path trace = dir.resolve(name + ".trace");
    Path out = dir.resolve(name + ".out");
    List<String> command =
        new ArrayList<>(
            List.of(
                "strace",
                "-f",
                "-qq",
                "-o",
                trace.toString(),
                "-e",
                "trace=" + calls,
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                main.getName()));
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertTrue(process.waitFor(5, TimeUnit.MINUTES), name + " did not end within 5 minutes");
    assertEquals(0, process.exitValue(), Files.readString(out));
    return Files.readAllLines(trace);
  }

  /**
   * The launcher ({@link ChildJvm#start(List, String, Class, String...)}) that runs a child JVM
   * under strace, tampering as {@code inject} says (such as {@code
   * "inject=fsync:error=EIO:when=1"}) with the calls named {@code call} that access {@code path},
   * and tracing nothing else.
   */
  public static List<String> injecting(Path path, String call, String inject) {
    return List.of(
        "strace",
        "-f",
        "-qq",
        "-o",
        "/dev/null",
        "-P",
        path.toString(),
        "-e",
        "trace=" + call,
        "-e",
        inject);
  }
}
