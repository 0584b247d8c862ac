package dev.burrow.test.internal.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A throwaway server that fails to start leaves nothing behind once {@code start} has thrown: its
 * directory is removed then, not at the JVM's exit. The start runs in a child JVM ({@link
 * FailedStart}) with a {@code java.io.tmpdir} of its own, which is looked at while the child, whose
 * exit would run the server's shutdown hook, is still alive.
 */
class LocalPostgresTest {
  @TempDir Path work;

  @Test
  void aServerThatFailsToStartLeavesNoDirectoryBehind() throws IOException, InterruptedException {
    assertStartFailsLeavingNothing(failingBinaries(), List.of());
  }

  /**
   * Handing the directory to the {@code postgres} OS user fails too (as root in a user namespace of
   * its own, which maps no other user), before the server is made.
   */
  @Test
  void aDirectoryThatCannotBeGivenToTheServiceUserIsRemoved()
      throws IOException, InterruptedException {
    assumeTrue("root".equals(System.getProperty("user.name")), "the server runs as the JVM's user");
    assumeTrue(
        new ProcessBuilder("unshare", "-r", "true").start().waitFor() == 0,
        "no user namespaces (unshare -r)");
    assertStartFailsLeavingNothing(failingBinaries(), List.of("unshare", "-r"));
  }

  /**
   * A start on an interrupted thread (a test's timeout, say) waits for each command it runs to
   * finish, keeping the interrupt, rather than going on, and removing the server's directory, while
   * {@code initdb} or {@code pg_ctl} still works in it.
   */
  @Test
  void aStartOnAnInterruptedThreadLeavesNoCommandRunning() throws IOException {
    // readable by the postgres OS user the commands run as under root
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path binaries = Files.createDirectories(work.resolve("bin"));
    writeScript(binaries.resolve("initdb"), "sleep 2");
    writeScript(binaries.resolve("pg_ctl"), "exit 0");

    Thread.currentThread().interrupt();
    LocalPostgres server = null;
    RuntimeException failure = null;
    try {
      server = LocalPostgres.start(binaries);
    } catch (RuntimeException e) {
      failure = e;
    }
    boolean interrupted = Thread.interrupted();
    List<String> running =
        ProcessHandle.current()
            .descendants()
            .filter(ProcessHandle::isAlive)
            .map(process -> process.info().commandLine().orElse(""))
            .filter(command -> command.contains(binaries.toString()))
            .toList();

    assertEquals(List.of(), running, "commands left running, start threw " + failure);
    assertNotNull(server, "start threw " + failure);
    server.close();
    assertTrue(interrupted, "the interrupt is kept");
  }

  private static void writeScript(Path script, String body) throws IOException {
    Files.writeString(script, "#!/bin/sh\n" + body + "\n");
    assertTrue(script.toFile().setExecutable(true, false));
  }

  private Path failingBinaries() throws IOException {
    Path binaries = Files.createDirectories(work.resolve("bin"));
    for (String tool : List.of("initdb", "pg_ctl")) {
      Path script = binaries.resolve(tool);
      Files.writeString(script, "#!/bin/sh\necho '" + tool + " fails' >&2\nexit 1\n");
      assertTrue(script.toFile().setExecutable(true, false));
    }
    return binaries;
  }

  private void assertStartFailsLeavingNothing(Path binaries, List<String> prefix)
      throws IOException, InterruptedException {
    Path temporary = Files.createDirectories(work.resolve("tmp"));
    List<String> command = new ArrayList<>(prefix);
    command.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Djava.io.tmpdir=" + temporary,
            "-cp",
            System.getProperty("java.class.path"),
            FailedStart.class.getName(),
            binaries.toString()));
    Process child =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String outcome = out.readLine();
      assertTrue(outcome != null && outcome.startsWith("failed: "), String.valueOf(outcome));
      try (Stream<Path> left = Files.list(temporary)) {
        assertEquals(List.of(), left.toList(), "the failed server's directory is removed");
      }
    } finally {
      child.getOutputStream().close();
      child.waitFor();
    }
  }
}
