package dev.burrow.samples.taskrunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runner stopped in the middle of a run stops its worker processes with it: a worker left running
 * would go on writing to the root with nothing left to verify its work. A runner told to stop does
 * it itself, in its shutdown hook; each worker of a runner killed outright stops by itself once it
 * sees the runner gone. Each way says so on stderr, which the runner and its workers share, and the
 * two tests tell the ways apart by it: either alone would also end every process.
 */
class StoppedRunnerTest {
  private static final Duration PATIENCE = Duration.ofMinutes(1);

  @TempDir Path dir;

  /**
   * Starts a long run of two worker processes in {@code root}, in a runner process of its own; once
   * the runner has started both workers (and set up its shutdown hook: it prints its first progress
   * line after that), stops it with {@code stop}; asserts that the runner and both workers exit,
   * and returns what they printed on stderr. Whatever happens, kills all three before it returns.
   *
   * <p>Their stderr is a file: the test's end of a pipe is closed once the runner exits, and the
   * workers may write after that.
   */
  private static String stderrOfAStoppedRun(Path root, Consumer<Process> stop) throws Exception {
    Path stderr = root.resolveSibling(root.getFileName() + "-stderr.txt");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process runner =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                TaskRunner.class.getName(),
                "run",
                "--tasks",
                "100000",
                "--processes",
                "2",
                "--threads",
                "1",
                "--data-dir",
                root.toString())
            .redirectError(stderr.toFile())
            .start();
    List<ProcessHandle> workers = new ArrayList<>();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8));
      String first = out.readLine();
      assertTrue(first != null && first.startsWith("run "), first + "\n" + text(stderr));
      String progress = out.readLine();
      assertTrue(progress != null && progress.startsWith("["), progress + "\n" + text(stderr));
      discard(runner.getInputStream());
      workers.addAll(runner.children().toList());
      assertEquals(2, workers.size(), workers + "\n" + text(stderr));

      stop.accept(runner);
      assertTrue(runner.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS), text(stderr));
      for (ProcessHandle worker : workers) {
        worker.onExit().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      }
      return text(stderr);
    } finally {
      workers.forEach(ProcessHandle::destroyForcibly);
      runner.descendants().forEach(ProcessHandle::destroyForcibly);
      runner.destroyForcibly();
    }
  }

  /** Reads {@code in} to its end in a daemon thread, so that the runner never blocks on stdout. */
  private static void discard(InputStream in) {
    Thread thread =
        new Thread(
            () -> {
              try {
                in.transferTo(OutputStream.nullOutputStream());
              } catch (IOException e) {
                // the runner is gone
              }
            });
    thread.setDaemon(true);
    thread.start();
  }

  private static String text(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  /**
   * The shutdown hook stops the workers with SIGTERM, so each exits with 143, and the runner names
   * them; without the hook the workers would stop all the same, by themselves, and say so.
   */
  @Test
  void aRunnerToldToStopStopsItsWorkers() throws Exception {
    String stderr = stderrOfAStoppedRun(dir.resolve("term"), Process::destroy);

    for (String worker : List.of("p1", "p2")) {
      assertTrue(
          stderr.contains(
              "taskrunner: stopped worker process " + worker + " (it exited with code 143)\n"),
          stderr);
    }
    assertFalse(stderr.contains("its runner exited"), stderr);
  }

  @Test
  void aRunnerKilledOutrightLeavesWorkersThatStopByThemselves() throws Exception {
    String stderr = stderrOfAStoppedRun(dir.resolve("kill"), Process::destroyForcibly);

    for (String worker : List.of("p1", "p2")) {
      assertTrue(
          stderr.contains("worker process " + worker + ": its runner exited; stopping\n"), stderr);
    }
    assertFalse(stderr.contains("taskrunner: stopped worker process"), stderr);
  }
}
