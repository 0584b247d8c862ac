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

  /** What one runner process printed on stderr, and its exit code. */
  private record Result(int exitCode, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stderr\n" + err;
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
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process process =
        new ProcessBuilder(command)
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(err.toFile())
            .start();
    if (!process.waitFor(2, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("taskrunner " + String.join(" ", args) + " did not end in 2 min");
    }
    return new Result(process.exitValue(), Files.readString(err, StandardCharsets.UTF_8));
  }
}
