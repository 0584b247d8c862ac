package dev.burrow.runtime.internal.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SafeFiles#read}: the whole file, whatever its size, and nothing over the limit. */
class SafeFilesReadTest {
  @TempDir Path directory;

  @Test
  void aFileIsReadWholeAtEverySizeUpToTheLimit() throws IOException {
    for (int size : new int[] {0, 1, 2, 400, 8191, 8192, 8193, 100_000}) {
      byte[] content = new byte[size];
      Arrays.fill(content, (byte) 'x');
      Path file = Files.write(directory.resolve("f" + size), content);

      assertArrayEquals(content, SafeFiles.read(file, 100_000), size + " bytes");
    }
  }

  @Test
  void aFileOverTheLimitIsRefusedUnread() throws IOException {
    Path file = Files.writeString(directory.resolve("big"), "0123456789");

    SafeFiles.RefusedFileException e =
        assertThrows(SafeFiles.RefusedFileException.class, () -> SafeFiles.read(file, 9));
    assertTrue(e.getMessage().contains("10 bytes"), e.getMessage());
    assertArrayEquals("0123456789".getBytes(StandardCharsets.US_ASCII), SafeFiles.read(file, 10));
  }

  /**
   * A program in an instance's directory (built by a task) may be started while Burrow reads it (an
   * export): a file open for writing cannot be run ({@code ETXTBSY}), so an executable file is
   * opened for reading alone, and runs while Burrow holds it open (before, the run failed with
   * "Text file busy").
   */
  @Test
  void anExecutableFileHeldOpenByBurrowCanStillBeRun() throws Exception {
    Path program = Files.copy(Path.of("/bin/true"), directory.resolve("true"));
    try (FileChannel held = SafeFiles.openToRead(program)) {
      Process run = new ProcessBuilder(program.toString()).start();
      assertEquals(0, run.waitFor(), "the program ran while Burrow held it open");
      assertEquals(Files.size(program), held.size());
    }
  }

  /**
   * A program running from a file cannot be opened for writing ({@code ETXTBSY}): it is read all
   * the same, also once it is no longer marked executable (a writable open is tried, and refused).
   */
  @Test
  void aProgramThatIsRunningIsReadAllTheSame() throws Exception {
    Path shell = Files.copy(Path.of("/bin/sh"), directory.resolve("sh"));
    Process running = new ProcessBuilder(shell.toString(), "-c", "echo running; read line").start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(running.getInputStream(), StandardCharsets.UTF_8))) {
      assertEquals("running", out.readLine(), "the copy of sh runs");
      Files.setPosixFilePermissions(shell, PosixFilePermissions.fromString("rw-------"));

      assertArrayEquals(Files.readAllBytes(shell), SafeFiles.read(shell, 100_000_000));
    } finally {
      running.destroy();
    }
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    assertThrows(NoSuchFileException.class, () -> SafeFiles.read(directory.resolve("none"), 10));
  }
}
