package dev.burrow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.test.internal.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code export} and {@code import} of the packaged jar when the operating system fails a read or a
 * write for real, in child JVMs run under util-linux {@code prlimit}: each outcome is reported as
 * what it is.
 */
class TransferFailuresTest extends OnThreeJobs {
  /** A file of job-2's workspace larger than the file size limit an import then runs under. */
  private static final int BIG = 256 * 1024;

  private static final int FILE_SIZE_LIMIT = 128 * 1024;

  @Test
  void anImportThatCannotWriteAFileNamesTheInstanceTheFileAndWhyAndExitsFour() throws Exception {
    Prerequisites.require(
        Prerequisites.onPath("prlimit"),
        "util-linux prlimit is not installed; no write was made to fail",
        "install util-linux");
    Path big = directoryOf("job-2").resolve("workspace/big.bin");
    Files.write(big, new byte[BIG]);
    Cli.Result exported = burrow(exportWithDirectories());
    assertEquals(0, exported.exitCode(), exported.toString());

    Path copy = work.resolve("copy");
    Cli.Result imported =
        Cli.runUnder(
            List.of("prlimit", "--fsize=" + FILE_SIZE_LIMIT),
            work,
            () -> {},
            "import",
            "--root",
            copy.toString(),
            "--in",
            work.resolve("jobs.jsonl").toString(),
            "--dirs",
            work.resolve("jobs.tar").toString());

    assertEquals(4, imported.exitCode(), "a write that failed is no bad input: " + imported);
    assertTrue(imported.err().contains("'job-2'"), imported.toString());
    assertTrue(imported.err().contains("workspace/big.bin"), imported.toString());
    assertTrue(imported.err().contains(": File too large"), imported.toString());
    assertFalse(imported.err().contains("java.io."), "in plain words: " + imported);
  }
}
