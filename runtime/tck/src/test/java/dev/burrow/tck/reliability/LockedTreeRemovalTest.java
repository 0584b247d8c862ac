package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test kit removes a test's root although the test made directories in it read-only or
 * unreadable, as a process bound by permissions: as root (whom they do not bind) the removal runs
 * in a child JVM as {@code nobody} ({@link Unprivileged}).
 */
class LockedTreeRemovalTest {
  @TempDir Path work;

  @Test
  void aTreeHoldingReadOnlyAndUnreadableDirectoriesIsRemoved() throws Exception {
    List<String> launcher = Unprivileged.launcher("the removal of directories a test locked");
    Path shared = Files.createDirectory(work.resolve("shared"));
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path tree = shared.resolve("root");

    List<String> lines =
        Unprivileged.run(launcher, work, LockedTreeRemoval.class, tree.toString()).lines();

    assertEquals(List.of("removed"), lines);
  }
}
