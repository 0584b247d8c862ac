package dev.burrow.runtime.internal.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.burrow.StorageException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The causes messages append: Burrow's own in words, anything else with its class. */
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

  @Test
  void anyOtherFailureKeepsTheClassThatSaysWhatWentWrong() {
    assertEquals(
        "java.nio.file.AccessDeniedException: /data",
        Failures.describe(new AccessDeniedException("/data")));
  }
}
