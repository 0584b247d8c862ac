package dev.burrow.samples.taskrunner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory the runner may not read is named with why, in words, as the {@code burrow}
 * command names one: not as the exception that said so.
 */
class UnreadableDataRootTest {
  @TempDir Path dir;

  /** What one runner process printed, and its exit code. */
  private record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  @Test
  void aDataDirectoryThatCannotBeReadIsNamedWithWhy() throws Exception {
    Path noread = Files.createDirectories(dir.resolve("noread"));
    // Searchable, as chmod 711 leaves it, but not readable even by its owner.
    Files.setPosixFilePermissions(noread, PosixFilePermissions.fromString("-wx--x--x"));
    try {
      for (String command : List.of("run", "list")) {
        Result result = runWithoutPermissionOverride(command, "--data-dir", noread.toString());

        assertEquals(1, result.exitCode(), command + "\n" + result);
        assertEquals(
            "taskrunner: " + noread + ": it cannot be read: permission denied\n",
            result.err(),
            command + "\n" + result);
      }
    } finally {
      Files.setPosixFilePermissions(noread, PosixFilePermissions.fromString("rwx------"));
    }
    try (Stream<Path> entries = Files.list(noread)) {
      assertEquals(List.of(), entries.toList(), "run made nothing in it");
    }
  }

  /**
   * {@code rm --older-than} run by a user who may not list the shard holding the tasks removes none
   * of them and says why: it read none. Before, its summary said "removed 0 of 0 tasks … (0 tasks
   * read)" as if there were no old task, while the store named the shard among damaged tasks.
   */
  @Test
  void rmOlderThanSaysItCouldNotReadTheTasksOfAShardItMayNotList() throws Exception {
    Path data = dir.resolve("data");
    Console run =
        Console.run(
            "run",
            "--tasks",
            "1",
            "--processes",
            "1",
            "--threads",
            "1",
            "--data-dir",
            data.toString());
    assertEquals(0, run.exitCode, run.toString());
    Path shard;
    try (DataRoot root = DataRoot.open(data, System.err)) {
      TaskRun task = root.tasks().list().get(0);
      shard = root.tasks().dirs(task.id()).root().getParent();
    }
    Files.setPosixFilePermissions(shard, PosixFilePermissions.fromString("---------"));
    Result rm;
    try {
      rm = runWithoutPermissionOverride("rm", "--older-than", "0s", "--data-dir", data.toString());
    } finally {
      Files.setPosixFilePermissions(shard, PosixFilePermissions.fromString("rwx------"));
    }

    assertEquals(1, rm.exitCode(), rm.toString());
    assertEquals(
        "removed 0 of 0 tasks created more than 0 seconds ago (0 tasks read; the tasks of 1 shard"
            + " that cannot be listed were not read)\n",
        rm.out(),
        rm.toString());
  }

  /**
   * Runs the task runner with {@code args} in a process of its own, to its end, without root's
   * power over file permissions: as root, util-linux {@code setpriv} drops the capabilities that
   * override them (a sample's tests use only what users see, not the test kit's internal
   * prerequisites: without setpriv, which util-linux installs, the test fails); otherwise it is a
   * plain run.
   */
  private Result runWithoutPermissionOverride(String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    if (System.getProperty("user.name").equals("root")) {
      command.addAll(
          List.of(
              "setpriv",
              "--inh-caps=-dac_override,-dac_read_search",
              "--bounding-set=-dac_override,-dac_read_search"));
    }
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            TaskRunner.class.getName()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile(dir, "out", ".txt");
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("taskrunner " + String.join(" ", args) + " did not end in 2 min");
    }
    return new Result(
        process.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }
}
