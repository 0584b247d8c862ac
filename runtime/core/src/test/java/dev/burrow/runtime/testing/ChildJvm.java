package dev.burrow.runtime.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A child JVM running a main class from the test classpath: for tests across processes. Its stdout
 * is read line by line (the child prints acknowledgements); its stderr goes to a file quoted in
 * failure messages.
 */
public final class ChildJvm implements AutoCloseable {
  /**
   * The JVM option that gives a child the optimizing compiler back. Children start with the client
   * compiler only, which halves the CPU a short child spends starting; a child that works for
   * seconds (reading hundreds of megabytes, say) passes this among its JVM options, which come
   * later on the command line and so win.
   */
  public static final String OPTIMIZING_COMPILER = "-XX:TieredStopAtLevel=4";

  private final Process process;
  private final BufferedReader stdout;
  private final Path stderr;
  private final String description;

  private ChildJvm(Process process, Path stderr, String description) {
    this.process = process;
    this.stdout =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.stderr = stderr;
    this.description = description;
  }

  /** Starts {@code main} with {@code args} in a new JVM with this JVM's classpath. */
  public static ChildJvm start(Class<?> main, String... args) {
    return start(List.of(), System.getProperty("java.class.path"), main, args);
  }

  /**
   * Starts {@code main} in a new JVM run through {@code launcher} (a command such as {@code fiu-run
   * -x} or {@code setpriv ...} that ends by executing its arguments), with {@code classPath}.
   */
  public static ChildJvm start(
      List<String> launcher, String classPath, Class<?> main, String... args) {
    return start(launcher, List.of(), classPath, main, args);
  }

  /**
   * Starts {@code main} like {@link #start(List, String, Class, String...)}, with {@code
   * jvmOptions} (such as {@code -Xmx256m}) before the main class.
   */
  public static ChildJvm start(
      List<String> launcher,
      List<String> jvmOptions,
      String classPath,
      Class<?> main,
      String... args) {
    List<String> command = new ArrayList<>(launcher);
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    command.add("-XX:TieredStopAtLevel=1");
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classPath);
    command.add(main.getName());
    command.addAll(List.of(args));
    try {
      Path stderr = Files.createTempFile("burrow-child-", ".stderr");
      Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      return new ChildJvm(process, stderr, main.getSimpleName() + " " + String.join(" ", args));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The next line the child printed, or null once its stdout is closed. */
  public @Nullable String readLine() {
    try {
      return stdout.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every line the child printed and that was not read yet, up to the end of its output. Call it
   * after the child ended: everything it printed is in the pipe.
   */
  public List<String> remainingLines() {
    List<String> lines = new ArrayList<>();
    for (String line = readLine(); line != null; line = readLine()) {
      lines.add(line);
    }
    return lines;
  }

  /** Reads the next line, failing with the child's stderr if it ended instead. */
  public String nextLine() {
    String line = readLine();
    if (line == null) {
      throw new AssertionError(
          "child "
              + description
              + " ended unexpectedly; exit "
              + exitCode()
              + ", stderr:\n"
              + stderrText());
    }
    return line;
  }

  /** Reads lines until one equals {@code expected}; fails with the child's stderr at EOF. */
  public void awaitLine(String expected) {
    for (String line = readLine(); line != null; line = readLine()) {
      if (line.equals(expected)) {
        return;
      }
    }
    throw new AssertionError(
        "child "
            + description
            + " ended before printing '"
            + expected
            + "'; exit "
            + exitCode()
            + ", stderr:\n"
            + stderrText());
  }

  /** Sends {@code line} to the child's stdin. */
  public void send(String line) {
    try {
      OutputStream stdin = process.getOutputStream();
      stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the child to end and returns its exit code. */
  public int waitFor() {
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("child " + description + " did not end within 5 minutes");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits for the child and fails, quoting its stderr, unless it exited with 0. */
  public void awaitSuccess() {
    int code = waitFor();
    if (code != 0) {
      throw new AssertionError(
          "child " + description + " exited with " + code + ", stderr:\n" + stderrText());
    }
  }

  /**
   * Kills the child with SIGKILL (on POSIX systems) and waits until it is gone. Its stdout stays
   * readable to the end ({@code Process.destroyForcibly} would close it).
   *
   * @return the child's exit code: 137 (128 + SIGKILL) on POSIX systems when the kill landed while
   *     the child was still running
   */
  public int kill() {
    process.toHandle().destroyForcibly();
    return waitFor();
  }

  /** The process, for its pid. */
  public Process process() {
    return process;
  }

  /** What the child wrote to stderr so far. */
  public String stderrText() {
    try {
      return Files.readString(stderr);
    } catch (IOException e) {
      return "(stderr unreadable: " + e + ")";
    }
  }

  private String exitCode() {
    return process.isAlive() ? "(still running)" : Integer.toString(process.exitValue());
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
    try {
      stdout.close();
      Files.deleteIfExists(stderr);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
