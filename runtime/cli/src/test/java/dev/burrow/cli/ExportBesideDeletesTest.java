package dev.burrow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code burrow export --dirs}, in a child JVM, while the application deletes an instance after the
 * export read its page and before it reached the instance's directory: the export does not fail (it
 * stopped with exit 4 before); the instance is left out, the summary counts it, and the rest
 * imports whole.
 *
 * <p>The archive goes to a FIFO that this test reads: the export writes instances newest first, so
 * once the first archive header (job-3's large file) arrives, its page, which lists job-2, has been
 * read, and the export waits on the full pipe until the test, having deleted job-2, reads on.
 */
class ExportBesideDeletesTest extends OnThreeJobs {
  private static final int BLOCK = 512;

  @Test
  void anInstanceDeletedBeforeItsDirectoryIsExportedIsLeftOutAndTheExportSucceeds()
      throws Exception {
    long size = 4L * 1024 * 1024; // far more than a pipe holds: the export waits for the reader
    Path big = directoryOf("job-3").resolve("workspace/big.bin");
    try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
      file.setLength(size);
    }
    Path fifo = work.resolve("archive.fifo");
    Roots.mkfifo(fifo);
    Path export = work.resolve("jobs.jsonl");
    Path tar = work.resolve("jobs.tar");

    int exitCode;
    List<String> summary;
    try (Cli.Running running = Cli.start(exportWithDirectories(fifo))) {
      CompletableFuture<InputStream> opened =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return Files.newInputStream(fifo);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
      CompletableFuture.anyOf(opened, running.process().onExit()).get(2, TimeUnit.MINUTES);
      if (!opened.isDone()) {
        try (OutputStream unblock = Files.newOutputStream(fifo)) {
          unblock.flush(); // lets the opening thread end
        }
        throw new AssertionError(
            "the export ended before it opened its archive: " + running.remainingErrorLines());
      }
      try (InputStream archive = opened.get();
          OutputStream saved = Files.newOutputStream(tar)) {
        byte[] header = firstEntry(archive, saved);
        String name = new String(header, 0, 100, StandardCharsets.UTF_8);
        assertTrue(name.startsWith("job-3/workspace/big.bin\0"), name);

        try (JobStore jobs = open()) {
          assertTrue(jobs.delete("job-2"), "the application deletes job-2 meanwhile");
        }

        archive.transferTo(saved);
      }
      assertTrue(running.process().waitFor(2, TimeUnit.MINUTES), "the export ends");
      exitCode = running.process().exitValue();
      summary = List.of(running.nextLine());
      assertEquals(List.of(), running.remainingErrorLines(), "nothing on stderr");
    }
    assertEquals(0, exitCode, "the export succeeds: " + summary);
    assertEquals(
        List.of("exported 2 instances and 1 file; left out 1 instance deleted during the export"),
        summary);
    List<String> lines = Files.readAllLines(export);
    assertFalse(lines.stream().anyMatch(line -> line.contains("\"job-2\"")), lines.toString());
    assertEquals("{\"end\":true,\"instances\":2,\"damaged\":0}", lines.get(lines.size() - 1));

    Path copy = work.resolve("copy");
    Cli.Result imported =
        burrow(
            "import",
            "--root",
            copy.toString(),
            "--in",
            export.toString(),
            "--dirs",
            tar.toString());
    assertEquals(0, imported.exitCode(), imported.toString());
    try (JobStore jobs = Roots.open(copy)) {
      assertEquals(
          List.of("job-3", "job-1"), jobs.list().stream().map(Job::id).toList(), "all but job-2");
      assertEquals(size, Files.size(jobs.dirs("job-3").workspace().resolve("big.bin")));
    }
  }

  /**
   * The header of the archive's first entry, read from {@code archive} and copied to {@code saved}
   * with what comes before it: a pax extended header (type {@code x}, which carries a modification
   * time to the nanosecond) and its records.
   */
  private static byte[] firstEntry(InputStream archive, OutputStream saved) throws IOException {
    while (true) {
      byte[] header = archive.readNBytes(BLOCK);
      assertEquals(BLOCK, header.length, "the export stopped before its first archive entry");
      saved.write(header);
      if (header[156] != 'x') {
        return header;
      }
      long size = Long.parseLong(new String(header, 124, 11, StandardCharsets.US_ASCII).trim(), 8);
      byte[] records = archive.readNBytes((int) ((size + BLOCK - 1) / BLOCK * BLOCK));
      saved.write(records);
    }
  }
}
