package dev.burrow.samples.taskrunner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A runner stopped in the middle of a run stops its worker processes with it: a worker left running
 * would go on writing to the root with nothing left to verify its work.
 */
class StoppedRunnerTest {
  private static final Duration PATIENCE = Duration.ofMinutes(1);

  @TempDir Path dir;

  /** Starts a long run in a runner process of its own; returns once both workers are running. */
  private static Process runnerWithWorkers(Path root) throws IOException, InterruptedException {
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
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(runner.getInputStream(), StandardCharsets.UTF_8));
    String first = out.readLine();
    assertTrue(first != null && first.startsWith("run "), String.valueOf(first));
    Thread drain =
        new Thread(
            () -> {
              try {
                out.transferTo(Writer.nullWriter());
              } catch (IOException e) {
                // the runner is gone
              }
            });
    drain.setDaemon(true);
    drain.start();
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (runner.children().count() < 2) {
      assertTrue(System.nanoTime() < deadline, "the runner started no two workers");
      assertTrue(runner.isAlive(), () -> "the runner exited with " + runner.exitValue());
      Thread.onSpinWait();
    }
    return runner;
  }

  /**
   * Starts a run in {@code root}, stops its runner with {@code stop}, and asserts that the runner
   * and both its workers exit.
   */
  private static void assertWorkersStopWithTheRunner(Path root, Consumer<Process> stop)
      throws Exception {
    Process runner = runnerWithWorkers(root);
    List<ProcessHandle> workers = runner.children().toList();

    stop.accept(runner);
    assertTrue(runner.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
    for (ProcessHandle worker : workers) {
      worker.onExit().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }
    assertEquals(2, workers.size());
  }

  @Test
  void aRunnerToldToStopStopsItsWorkers() throws Exception {
    assertWorkersStopWithTheRunner(dir.resolve("term"), Process::destroy);
  }

  @Test
  void aRunnerKilledOutrightLeavesWorkersThatStopByThemselves() throws Exception {
    assertWorkersStopWithTheRunner(dir.resolve("kill"), Process::destroyForcibly);
  }
}
