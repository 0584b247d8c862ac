package dev.burrow.runtime.internal.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.CounterSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A new data root on ext4 has its staging and temporary areas marked as tops of directory
 * hierarchies ({@code T}, {@link dev.burrow.runtime.internal.fs.SpreadDirectories}), so that
 * creates into a root of a million do not slow down; no other directory is marked, and a root made
 * before is left as it is. Runs only where the work directory is on ext4 and {@code lsattr} exists.
 */
class SpreadDirectoriesTest {
  @TempDir Path root;

  @Test
  void aNewRootMarksItsStagingAndTemporaryAreasOnly() throws Exception {
    assumeExt4();
    open();

    assertTrue(marked(".burrow/staging"), "staging is not marked");
    assertTrue(marked(".burrow/tmp"), "the temporary area is not marked");
    for (String other : List.of("instances", ".burrow", ".burrow/trash", ".burrow/indexes")) {
      assertEquals(false, marked(other), other + " is marked");
    }
  }

  @Test
  void aRootMadeBeforeIsMarkedOnItsFirstOpenAndOnlyThen() throws Exception {
    assumeExt4();
    Files.createDirectories(root.resolve(".burrow/staging"));
    Files.createDirectories(root.resolve(".burrow/tmp"));
    Files.createDirectories(root.resolve("instances"));

    open();
    assertTrue(marked(".burrow/staging"), "a staging area made before is not marked");
    assertTrue(marked(".burrow/tmp"), "a temporary area made before is not marked");
    assertTrue(Files.isRegularFile(root.resolve(".burrow/spread")), "the marking is not recorded");

    run("/usr/bin/chattr", "-T", root.resolve(".burrow/staging").toString());
    open();
    assertEquals(false, marked(".burrow/staging"), "a root marked before was marked again");
  }

  private void open() {
    FileSystemBackend.open(
            CounterSchema.INSTANCE, root, StoreOptions.defaults().withDurability(Durability.NONE))
        .close();
  }

  private void assumeExt4() throws IOException {
    assumeTrue(
        Files.getFileStore(root).type().equals("ext4"),
        "the work directory is not on ext4, which alone has the T attribute");
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/lsattr"))
            && Files.isExecutable(Path.of("/usr/bin/chattr")),
        "no /usr/bin/lsattr and /usr/bin/chattr to read and set attributes");
  }

  /** Whether {@code lsattr -d} shows the {@code T} attribute on the directory. */
  private boolean marked(String relative) throws Exception {
    String out = run("/usr/bin/lsattr", "-d", root.resolve(relative).toString());
    return out.substring(0, out.indexOf(' ')).contains("T");
  }

  private static String run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS), command[0] + " did not finish");
    assertEquals(0, process.exitValue(), out);
    return out;
  }
}
