package dev.burrow.runtime.internal.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.StorageException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The causes messages append, in words: never the name of a Java class. */
class FailuresTest {
  @Test
  void aRefusalIsItsMessageWithoutTheInternalClassName() {
    SafeFiles.RefusedFileException refused =
        new SafeFiles.RefusedFileException(Path.of("/root/.burrow/indexes"), "is a link", false);

    assertEquals("/root/.burrow/indexes: it is a link", Failures.describe(refused));
  }

  @Test
  void aRefusalOfThePathTheMessageNamesIsItsReasonAlone() {
    Path named = Path.of("/root/.burrow/locks/instances.lock");
    SafeFiles.RefusedFileException refused =
        new SafeFiles.RefusedFileException(named, "is a FIFO (named pipe)", false);

    assertEquals("it is a FIFO (named pipe)", Failures.describe(refused, named));
    assertEquals(
        "/root/.burrow/locks/instances.lock: it is a FIFO (named pipe)",
        Failures.describe(refused, Path.of("/root/.burrow/locks")));
  }

  @Test
  void aBurrowExceptionIsItsMessage() {
    assertEquals("disk gone", Failures.describe(new StorageException("disk gone", null)));
  }

  /**
   * A file system's failure in words, never by its Java class: before, messages read {@code "cannot
   * read X: java.nio.file.AccessDeniedException: X"}.
   */
  @Test
  void aFileSystemFailureIsItsFileAndWhatWentWrongInWords() {
    assertEquals("/data: permission denied", Failures.describe(new AccessDeniedException("/data")));
    assertEquals(
        "/data/a: no such file or directory",
        Failures.describe(new NoSuchFileException("/data/a")));
    assertEquals(
        "/data/a: Input/output error",
        Failures.describe(new FileSystemException("/data/a", null, "Input/output error")));
    assertEquals(
        "permission denied",
        Failures.describe(new AccessDeniedException("/data"), Path.of("/data")));
    assertEquals("disk full", Failures.describe(new IOException("disk full")));
  }
}
