package dev.burrow.cli;

import dev.burrow.test.internal.Prerequisites;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** Runs the packaged command, {@code java -jar burrow-cli-<version>-all.jar}, in a child JVM. */
final class Cli {
  private static final Path JAR = Path.of(System.getProperty("burrow.cli.jar", "missing"));

  private Cli() {}

  /** The {@code location} of the first finding in the list {@code list} of a JSON report. */
  static String firstLocation(JsonNode report, String list) {
    return report.path(list).get(0).path("location").asString();
  }

  /** What one run printed and returned. */
  record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static List<String> command(String... args) {
    return command(List.of(), args);
  }

  /** {@code java JVM-OPTIONS -jar burrow-cli.jar ARGS}. */
  private static List<String> command(List<String> jvmOptions, String... args) {
    if (!Files.isRegularFile(JAR)) {
      throw new IllegalStateException(
          "the packaged command " + JAR + " is missing; the tests run after mvn package");
    }
    List<String> command = new ArrayList<>();
    command.add(FastStart.java());
    command.addAll(FastStart.options(JAR));
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(JAR.toString());
    command.addAll(List.of(args));
    return command;
  }

  /** Runs {@code burrow args} to its end. */
  static Result run(Path work, String... args) throws IOException, InterruptedException {
    return run(work, () -> {}, args);
  }

  /** Runs {@code burrow args} to its end, calling {@code started} once its process exists. */
  static Result run(Path work, Runnable started, String... args)
      throws IOException, InterruptedException {
    return run(List.of(), work, started, args);
  }

  /**
   * Runs {@code burrow args} to its end as root without root's power over file permissions (as a
   * user who may not read what is {@code chmod 000}): util-linux {@code setpriv} drops the
   * capabilities that override them. Outside root it is a plain run.
   */
  static Result runWithoutPermissionOverride(Path work, String... args)
      throws IOException, InterruptedException {
    if (!System.getProperty("user.name").equals("root")) {
      return run(work, args);
    }
    Prerequisites.require(
        Prerequisites.onPath("setpriv"),
        "running as root without setpriv: the command was not run without root's power over"
            + " permissions",
        "install util-linux");
    List<String> launcher =
        List.of(
            "setpriv",
            "--inh-caps=-dac_override,-dac_read_search",
            "--bounding-set=-dac_override,-dac_read_search");
    return run(launcher, work, () -> {}, args);
  }

  /**
   * Runs {@code burrow args} to its end under {@code launcher}, a command that runs the JVM with
   * something of its environment changed ({@code prlimit --fsize=N}, {@code fiu-run}), calling
   * {@code started} once its process exists.
   */
  static Result runUnder(List<String> launcher, Path work, Runnable started, String... args)
      throws IOException, InterruptedException {
    return run(launcher, work, started, args);
  }

  /** Runs {@code burrow args} to its end in a JVM whose heap is at most {@code maxHeap}. */
  static Result runWithMaxHeap(Path work, String maxHeap, String... args)
      throws IOException, InterruptedException {
    return run(
        List.of(),
        List.of("-Xmx" + maxHeap),
        Files.createTempFile(work, "out", ".txt"),
        work,
        () -> {},
        args);
  }

  /**
   * Runs {@code burrow args} to its end with its stdout on {@code /dev/full}, where every write
   * fails as on a full disk; {@link Result#out} is then empty.
   */
  static Result runOnFullDisk(Path work, String... args) throws IOException, InterruptedException {
    Path full = Path.of("/dev/full");
    if (!Files.exists(full)) {
      throw new IllegalStateException("no /dev/full: the full-disk check cannot run");
    }
    return run(List.of(), List.of(), full, work, () -> {}, args);
  }

  private static Result run(List<String> launcher, Path work, Runnable started, String... args)
      throws IOException, InterruptedException {
    return run(launcher, List.of(), Files.createTempFile(work, "out", ".txt"), work, started, args);
  }

  private static Result run(
      List<String> launcher,
      List<String> jvmOptions,
      Path out,
      Path work,
      Runnable started,
      String... args)
      throws IOException, InterruptedException {
    Path err = Files.createTempFile(work, "err", ".txt");
    List<String> command = new ArrayList<>(launcher);
    command.addAll(command(jvmOptions, args));
    Process process =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    started.run();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.toHandle().destroyForcibly();
      throw new AssertionError("burrow " + String.join(" ", args) + " did not finish in 2 min");
    }
    return new Result(
        process.exitValue(),
        Files.isRegularFile(out) ? Files.readString(out, StandardCharsets.UTF_8) : "",
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /**
   * Runs {@code burrow args} to its end in a pseudo-terminal, its stdin, stdout and stderr, as in a
   * person's shell: util-linux {@code script} gives the child one. {@link Result#out} is what the
   * terminal showed (stdout and stderr together, line ends as {@code \r\n}).
   */
  static Result runInTerminal(Path work, String... args) throws IOException, InterruptedException {
    return runInTerminalRedirected(work, "", args);
  }

  /**
   * {@link #runInTerminal(Path, String...)} with shell {@code redirections} after the command, such
   * as {@code "> out.txt"} or {@code "2> err.txt"}, as a person types them.
   */
  static Result runInTerminalRedirected(Path work, String redirections, String... args)
      throws IOException, InterruptedException {
    Prerequisites.require(
        Prerequisites.onPath("script"),
        "util-linux script is not installed; the command was not run in a terminal",
        "install bsdutils (Debian) or util-linux");
    String shellCommand =
        command(args).stream()
                .map(arg -> "'" + arg.replace("'", "'\\''") + "'")
                .collect(Collectors.joining(" "))
            + (redirections.isEmpty() ? "" : " " + redirections);
    Path shown = Files.createTempFile(work, "terminal", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    Process process =
        new ProcessBuilder("script", "--quiet", "--return", "--command", shellCommand, "/dev/null")
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(shown.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
      process.toHandle().destroyForcibly();
      throw new AssertionError("burrow " + String.join(" ", args) + " did not finish in 2 min");
    }
    return new Result(
        process.exitValue(),
        Files.readString(shown, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  /** Starts {@code burrow args}, its stdout and stderr to be read line by line. */
  static Running start(String... args) throws IOException {
    Process process = new ProcessBuilder(command(args)).start();
    return new Running(process, reader(process.getInputStream()), reader(process.getErrorStream()));
  }

  private static BufferedReader reader(java.io.InputStream in) {
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  /** A command still running. */
  record Running(Process process, BufferedReader out, BufferedReader err) implements AutoCloseable {
    /** The next line it prints on stdout (blocks until it does). */
    String nextLine() throws IOException {
      return next(out);
    }

    /** The next line it prints on stderr (blocks until it does). */
    String nextErrorLine() throws IOException {
      return next(err);
    }

    private String next(BufferedReader lines) throws IOException {
      String line = lines.readLine();
      if (line == null) {
        throw new AssertionError("the command ended, exit " + process.exitValue());
      }
      return line;
    }

    /** What it prints on stderr until it ends (blocks until it does). */
    List<String> remainingErrorLines() throws IOException {
      List<String> lines = new ArrayList<>();
      for (String line = err.readLine(); line != null; line = err.readLine()) {
        lines.add(line);
      }
      return lines;
    }

    @Override
    public void close() throws IOException {
      process.toHandle().destroyForcibly();
      out.close();
      err.close();
    }
  }
}
