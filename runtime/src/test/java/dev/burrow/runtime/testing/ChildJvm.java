package dev.burrow.runtime.testing;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A child JVM running a {@code main} class from the test class path, for tests that need more
 * than one process: read its standard output line by line (to synchronise on a "ready" line
 * instead of sleeping), write to its standard input, wait for it, or kill it with SIGKILL.
 *
 * <p>Every wait has a timeout (60 s unless given) and fails with the child's standard error in
 * the message. {@link #close()} kills a child that is still running, so use try-with-resources.
 */
public final class ChildJvm implements AutoCloseable {
  /** Light settings for short-lived children on a small machine. */
  public static final List<String> DEFAULT_JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m");
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  private final String name;
  private final Process process;
  private final BufferedWriter stdin;
  private final BlockingQueue<Optional<String>> stdout = new LinkedBlockingQueue<>();
  private final StringBuffer stderr = new StringBuffer();

  private ChildJvm(String name, Process process) {
    this.name = name;
    this.process = process;
    this.stdin = process.outputWriter(StandardCharsets.UTF_8);
    pump(process.inputReader(StandardCharsets.UTF_8), line -> stdout.add(Optional.of(line)),
        () -> stdout.add(Optional.empty()));
    pump(process.errorReader(StandardCharsets.UTF_8), line -> stderr.append(line).append('\n'),
        () -> {});
  }

  /** Starts {@code mainClass} with {@link #DEFAULT_JVM_OPTIONS} and {@code args}. */
  public static ChildJvm start(Class<?> mainClass, String... args) {
    return start(DEFAULT_JVM_OPTIONS, mainClass, List.of(args));
  }

  /** Starts {@code mainClass} with the given JVM options and arguments. */
  public static ChildJvm start(List<String> jvmOptions, Class<?> mainClass, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(mainClass.getName());
    command.addAll(args);
    try {
      return new ChildJvm(mainClass.getSimpleName() + " " + args,
          new ProcessBuilder(command).start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a child JVM: " + command, e);
    }
  }

  /** The next line of standard output, waiting up to 60 s. */
  public String readLine() {
    return readLine(DEFAULT_TIMEOUT);
  }

  /** The next line of standard output; fails if the child ends or {@code timeout} passes. */
  public String readLine(Duration timeout) {
    Optional<String> line;
    try {
      line = stdout.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted while reading a line");
    }
    if (line == null) {
      throw failure("no line within " + timeout.toMillis() + " ms");
    }
    if (line.isEmpty()) {
      stdout.add(line); // end of output stays visible to later reads
      throw failure("output ended before the expected line");
    }
    return line.get();
  }

  /** Writes {@code line} and a newline to the child's standard input and flushes. */
  public void writeLine(String line) {
    try {
      stdin.write(line);
      stdin.newLine();
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to " + name, e);
    }
  }

  /** Closes the child's standard input, so it reads end of file. */
  public void closeInput() {
    try {
      stdin.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the input of " + name, e);
    }
  }

  /** Waits up to 60 s for the child to exit and returns its exit code. */
  public int waitFor() {
    return waitFor(DEFAULT_TIMEOUT);
  }

  /** Waits for the child to exit and returns its exit code; kills it and fails on timeout. */
  public int waitFor(Duration timeout) {
    try {
      if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        kill();
        throw failure("did not exit within " + timeout.toMillis() + " ms; killed");
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted while waiting for exit");
    }
  }

  /** Waits for the child to exit and fails unless its exit code is 0. */
  public void awaitSuccess() {
    int code = waitFor();
    if (code != 0) {
      throw failure("exited with code " + code);
    }
  }

  /**
   * Kills the child the hard way ({@link Process#destroyForcibly()}, SIGKILL on Linux: no
   * shutdown hooks, no cleanup) and waits until it is gone.
   */
  public void kill() {
    process.destroyForcibly();
    try {
      process.onExit().get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      throw failure("did not die after SIGKILL: " + e);
    }
  }

  /** The child's process ID. */
  public long pid() {
    return process.pid();
  }

  /** Whether the child is still running. */
  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the child wrote to standard error so far. */
  public String stderr() {
    return stderr.toString();
  }

  /** Kills the child if it is still running. */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  private AssertionError failure(String what) {
    return new AssertionError("child JVM " + name + " (pid " + process.pid() + "): " + what
        + "\n--- its standard error ---\n" + stderr);
  }

  private static void pump(BufferedReader reader, Consumer<String> sink, Runnable atEnd) {
    Thread thread = new Thread(() -> {
      try (reader) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          sink.accept(line);
        }
      } catch (IOException e) {
        // the child died mid-line; what was read is kept
      } finally {
        atEnd.run();
      }
    }, "child-jvm-pump");
    thread.setDaemon(true);
    thread.start();
  }
}
