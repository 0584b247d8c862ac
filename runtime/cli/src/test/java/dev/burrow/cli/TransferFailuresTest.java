package dev.burrow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.test.internal.Prerequisites;
import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code export} and {@code import} of the packaged jar when the operating system fails a read or a
 * write for real, in child JVMs run under util-linux {@code prlimit} or libfiu's {@code fiu-run}:
 * each outcome is reported as what it is, and no archive is left corrupt.
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

  /**
   * An import into a directory that is not a data root, whose look at whether it is empty fails
   * while it reads the directory (libfiu fails every {@code readdir} with EIO): the command names
   * the directory and the error in plain words and exits 4. Before the fix the JDK's unchecked
   * {@code DirectoryIteratorException} escaped the look, and the command printed its message, a
   * Java class name ({@code java.nio.file.FileSystemException}) in front of the path.
   */
  @Test
  void anImportWhoseTargetCannotBeReadNamesItAndTheErrorInPlainWords() throws Exception {
    Prerequisites.require(
        Prerequisites.onPath("fiu-run"),
        "fiu-run is not installed; no read was made to fail",
        "install fiu-utils");
    Cli.Result exported = burrow(exportWithDirectories());
    assertEquals(0, exported.exitCode(), exported.toString());
    Path target = Files.createDirectory(work.resolve("target"));
    Files.writeString(target.resolve("notes.txt"), "not a data root");

    Cli.Result imported =
        Cli.runUnder(
            List.of("fiu-run", "-x", "-c", "enable name=posix/io/dir/readdir,failnum=1,failinfo=5"),
            work,
            () -> {},
            "import",
            "--root",
            target.toString(),
            "--in",
            work.resolve("jobs.jsonl").toString());

    assertEquals(4, imported.exitCode(), imported.toString());
    assertTrue(
        imported.err().contains("burrow: " + target + ": Input/output error"), imported.toString());
    assertFalse(imported.err().contains("java."), "in plain words: " + imported);
  }

  /**
   * An export stopped midway (SIGTERM while it waits to write its archive into a FIFO the test
   * stopped reading, holding more than a pipe holds) leaves the file of the previous export as it
   * was and no partial file beside it.
   */
  @Test
  void anExportStoppedMidwayLeavesThePreviousExportWhole() throws Exception {
    Prerequisites.require(
        Prerequisites.onPath("mkfifo"), "mkfifo is not installed", "install coreutils");
    Files.write(directoryOf("job-2").resolve("workspace/big.bin"), new byte[BIG]);
    Path previous = Files.writeString(work.resolve("jobs.jsonl"), "the previous export\n");
    Path fifo = work.resolve("jobs.tar.fifo");
    Roots.mkfifo(fifo);
    try (Cli.Running export = Cli.start(exportWithDirectories(fifo));
        InputStream archive = new BufferedInputStream(new FileInputStream(fifo.toFile()))) {
      assertEquals(512, archive.readNBytes(512).length, "the first entry's header");
      export.process().destroy();
      assertTrue(export.process().waitFor(1, TimeUnit.MINUTES), "SIGTERM ends it");
    }
    assertEquals("the previous export\n", Files.readString(previous));
    try (Stream<Path> files = Files.list(work)) {
      assertEquals(
          List.of("jobs.jsonl", "jobs.tar.fifo", "root"),
          files.map(file -> file.getFileName().toString()).sorted().toList(),
          "no partial file is left");
    }
  }

  /**
   * A file that fails while the export reads it (libfiu fails the next positioned {@code read} with
   * EIO once the archive holds the header of the file before it) is named unreadable and left out;
   * the rest is archived, the export exits 1, and the system's {@code tar} reads the archive whole.
   * The archive goes to a FIFO, which the test drains, so the fault is armed at a known point.
   */
  @Test
  void aFileThatFailsWhileItIsReadIsNamedUnreadableAndTheArchiveStaysWhole() throws Exception {
    for (String tool : List.of("fiu-run", "fiu-ctrl", "tar", "mkfifo")) {
      Prerequisites.require(
          Prerequisites.onPath(tool),
          tool + " is not installed; no read was made to fail",
          "install fiu-utils, tar and coreutils");
    }
    Path workspace = directoryOf("job-2").resolve("workspace");
    Files.write(workspace.resolve("a.bin"), new byte[BIG]); // more than a pipe holds
    Path failing = Files.write(workspace.resolve("b.bin"), new byte[BIG]);
    Path fifo = work.resolve("jobs.tar.fifo");
    Roots.mkfifo(fifo);
    Path archive = work.resolve("jobs.tar");
    Path control = work.resolve("fiu");

    Cli.Result exported =
        Cli.runUnder(
            List.of("fiu-run", "-x", "-f", control.toString()),
            work,
            () -> drainFailingTheReadAfter(fifo, archive, "job-2/workspace/a.bin", control),
            exportWithDirectories(fifo));

    assertEquals(1, exported.exitCode(), exported.toString());
    assertTrue(
        exported.out().contains("unreadable: " + failing + ": it cannot be read: "),
        exported.toString());
    assertTrue(exported.out().contains("Input/output error"), exported.toString());
    Process tar =
        new ProcessBuilder("tar", "-tvf", archive.toString()).redirectErrorStream(true).start();
    String listed = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(tar.waitFor(1, TimeUnit.MINUTES), listed);
    assertEquals(0, tar.exitValue(), listed);
    assertTrue(listed.contains(" " + BIG + " "), listed);
    assertTrue(listed.contains("job-2/workspace/a.bin"), listed);
    assertTrue(listed.contains("job-2/workspace/build.log"), listed);
    assertFalse(listed.contains("b.bin"), "left out: " + listed);
  }

  /**
   * Copies the archive from {@code fifo} to {@code archive}; once the header of the entry {@code
   * armAfter} has come, the export is writing that entry's content, which the pipe cannot hold, so
   * nothing has read the next file yet: then libfiu is told, through the {@code fiu-run -f control}
   * FIFOs, to fail the next positioned read with EIO, once.
   */
  private static void drainFailingTheReadAfter(
      Path fifo, Path archive, String armAfter, Path control) {
    // Buffered: FileInputStream's own readNBytes asks a FIFO for its position, which it has not.
    try (InputStream in = new BufferedInputStream(new FileInputStream(fifo.toFile()));
        OutputStream copy = Files.newOutputStream(archive)) {
      while (true) {
        byte[] header = in.readNBytes(512);
        copy.write(header);
        assertEquals(512, header.length, "the archive ended before " + armAfter);
        String name = new String(header, 0, 100, StandardCharsets.UTF_8).replace("\0", "");
        if (name.equals(armAfter)) {
          break;
        }
        long size = Long.parseLong(new String(header, 124, 11, StandardCharsets.US_ASCII), 8);
        copy.write(in.readNBytes((int) ((size + 511) / 512 * 512)));
      }
      failNextPositionedRead(control);
      in.transferTo(copy);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void failNextPositionedRead(Path control)
      throws IOException, InterruptedException {
    String prefix = control.getFileName() + "-";
    String pid;
    try (Stream<Path> entries = Files.list(control.getParent())) {
      pid =
          entries
              .map(entry -> entry.getFileName().toString())
              .filter(name -> name.startsWith(prefix) && name.endsWith(".in"))
              .map(name -> name.substring(prefix.length(), name.length() - ".in".length()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no libfiu control FIFO of " + control));
    }
    Process ctrl =
        new ProcessBuilder(
                "fiu-ctrl",
                "-c",
                "enable name=posix/io/rw/pread,failnum=1,failinfo=5,onetime",
                "-f",
                control.toString(),
                pid)
            .inheritIO()
            .start();
    assertTrue(ctrl.waitFor(1, TimeUnit.MINUTES), "fiu-ctrl did not finish");
    assertEquals(0, ctrl.exitValue(), "fiu-ctrl failed");
  }
}
