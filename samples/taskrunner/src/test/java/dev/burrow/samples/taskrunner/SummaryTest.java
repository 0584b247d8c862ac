package dev.burrow.samples.taskrunner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryTest {
  /** A run of one task, with one build step and one difference, says each count in the singular. */
  @Test
  void aCountOfOneIsSaidInTheSingular() {
    Run run =
        new Run(
            "r1",
            2,
            Instant.EPOCH,
            Instant.EPOCH,
            1,
            1,
            List.of("t1"),
            1,
            1,
            0,
            Map.of("p1-t1", 1),
            Instant.EPOCH);

    String passed = print(run, new Verification(1, List.of()));
    String failed = print(run, new Verification(1, List.of("tasks stored for the run: 1, not 0")));

    assertEquals(
        "run r1: 1 task, 1 succeeded, 0 failed (every tenth fails its test on purpose), 1 build"
            + " step\n"
            + "time 1.0 s, 1.0 tasks/s, 1 update of the shared run instance\n"
            + "tasks per process: {p1=1}\n"
            + "verified: 1 task and every count of the run are exactly what was done; no update"
            + " was lost\n"
            + "data root /d (see the tasks with: list, show <id>, rm <id>)\n",
        passed);
    assertEquals(
        "VERIFICATION FAILED: 1 difference\n  tasks stored for the run: 1, not 0\n",
        failed.lines().skip(3).limit(2).map(line -> line + "\n").reduce("", String::concat));
  }

  private static String print(Run run, Verification verification) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    new Summary(out).print(run, Duration.ofSeconds(1), verification, Path.of("/d"));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
