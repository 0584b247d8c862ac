package dev.burrow.runtime.internal.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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
   * A program running from a file (an instance's directory may hold one, built by a task) cannot be
   * opened for writing ({@code ETXTBSY}), which reads try first: it is read all the same, opened
   * for reading alone.
   */
  @Test
  void aProgramThatIsRunningIsReadAllTheSame() throws Exception {
    Path program = Files.copy(Path.of("/bin/sleep"), directory.resolve("sleep"));
    Process running = new ProcessBuilder(program.toString(), "60").start();
    try {
      assertArrayEquals(Files.readAllBytes(program), SafeFiles.read(program, 100_000_000));
    } finally {
      running.destroy();
    }
  }

  @Test
  void aMissingFileIsNoSuchFile() {
    assertThrows(NoSuchFileException.class, () -> SafeFiles.read(directory.resolve("none"), 10));
  }
}
