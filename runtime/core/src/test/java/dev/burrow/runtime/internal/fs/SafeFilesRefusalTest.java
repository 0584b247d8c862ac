package dev.burrow.runtime.internal.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The words of a {@link SafeFiles.RefusedFileException}: Burrow's rule said once, whichever rule
 * refused the path, and the path called what the message calls it.
 */
class SafeFilesRefusalTest {
  @TempDir Path root;

  @Test
  void aRefusalThatStatesNoRuleAddsThatBurrowRefusesAPlantedPath() throws IOException {
    Path planted = Files.writeString(root.resolve("planted"), "x");

    SafeFiles.RefusedFileException file =
        assertThrows(
            SafeFiles.RefusedFileException.class, () -> SafeFiles.checkDirectory(root, planted));
    SafeFiles.RefusedFileException large =
        assertThrows(SafeFiles.RefusedFileException.class, () -> SafeFiles.read(planted, 0));

    assertEquals(
        "it is a regular file but must be a directory; Burrow refuses to use a planted path in its"
            + " data root",
        file.plantedReason());
    assertEquals(
        "it is 1 bytes, more than the limit of 0; Burrow refuses to use a planted path in its data"
            + " root",
        large.plantedReason());
  }

  @Test
  void aRefusalThatStatesBurrowsRuleAddsNoOther() throws IOException {
    Path link = Files.createSymbolicLink(root.resolve("link"), root);
    Path file = Files.writeString(root.resolve("file"), "x");
    Files.createLink(root.resolve("second-name"), file);

    SafeFiles.RefusedFileException linked =
        assertThrows(
            SafeFiles.RefusedFileException.class, () -> SafeFiles.checkDirectory(root, link));
    SafeFiles.RefusedFileException hardLinked =
        assertThrows(SafeFiles.RefusedFileException.class, () -> SafeFiles.openToAppend(file));

    assertEquals(linked.reason(), linked.plantedReason());
    assertEquals(
        "it is a symbolic link but must be a directory; Burrow never follows links inside its data"
            + " root",
        linked.reason());
    assertEquals(hardLinked.reason(), hardLinked.plantedReason());
  }

  @Test
  void theReasonCallsThePathWhatTheMessageCallsIt() throws IOException {
    Path link = Files.createSymbolicLink(root.resolve("link"), root);

    SafeFiles.RefusedFileException linked =
        assertThrows(
            SafeFiles.RefusedFileException.class, () -> SafeFiles.checkDirectory(root, link));

    assertEquals(
        "its instance directory is a symbolic link but must be a directory; Burrow never follows"
            + " links inside its data root",
        linked.reasonAbout("its instance directory"));
    assertEquals(link + ": " + linked.reason(), linked.getMessage());
  }
}
