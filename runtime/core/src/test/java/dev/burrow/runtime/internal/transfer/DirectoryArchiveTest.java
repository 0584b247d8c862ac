package dev.burrow.runtime.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptExportException;
import dev.burrow.Durability;
import dev.burrow.ExportSummary;
import dev.burrow.ImportSummary;
import dev.burrow.StorageException;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The directory archive of export and import: files of any size are streamed both ways, so every
 * file an export archives is one its import writes back.
 */
class DirectoryArchiveTest {
  @TempDir Path work;

  @Test
  void aFileLargerThanTheOldImportLimitRoundTrips() throws Exception {
    long size = 257L * 1024 * 1024 + 3; // over the 256 MiB an import used to refuse
    try (CounterStore source = Stores.counters(work.resolve("source"), Durability.NONE);
        CounterStore target = Stores.counters(work.resolve("target"), Durability.NONE)) {
      String id = source.create().id();
      Path big = source.dirs(id).root().resolve("workspace").resolve("big.bin");
      try (RandomAccessFile file = new RandomAccessFile(big.toFile(), "rw")) {
        file.setLength(size); // sparse: cheap to make and to read
        file.write("head".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        file.seek(size - 4);
        file.write("tail".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      }
      Path documents = work.resolve("export.jsonl");
      Path archive = work.resolve("export.tar");
      try (OutputStream lines = Files.newOutputStream(documents);
          OutputStream tar = Files.newOutputStream(archive)) {
        ExportSummary exported = source.engine().exportTo(lines, tar);
        assertEquals(1, exported.files());
      }
      try (InputStream lines = Files.newInputStream(documents);
          InputStream tar = Files.newInputStream(archive)) {
        ImportSummary imported = target.engine().importFrom(lines, tar);
        assertEquals(1, imported.files());
      }
      Path copy = target.dirs(id).root().resolve("workspace").resolve("big.bin");
      assertEquals(size, Files.size(copy));
      assertEquals(-1, Files.mismatch(big, copy), "the copy has the same bytes");
    }
  }

  @Test
  void entriesLongerThanACopyBufferStreamExactlyAndUnreadOnesAreSkipped() throws Exception {
    byte[] first = random(1024 * 1024 + 123, 1);
    byte[] second = random(70_001, 2);
    Path one = Files.write(work.resolve("one"), first);
    Path two = Files.write(work.resolve("two"), second);
    String longPath = "instance/" + "deep/".repeat(30) + "one.bin"; // over 100 bytes: a pax path
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    Tar.Writer writer = new Tar.Writer(archive);
    writer.file(longPath, 1_700_000_000L, one);
    writer.file("instance/skipped.bin", 1L, two);
    writer.file("instance/two.bin", 2L, two);
    writer.finish();

    Tar.Reader reader =
        new Tar.Reader(new ByteArrayInputStream(archive.toByteArray()), skipped -> {});
    Tar.Entry entry = reader.next();
    assertEquals(longPath, entry.path);
    assertEquals(first.length, entry.size);
    assertEquals(1_700_000_000L, entry.mtimeSeconds);
    assertArrayEquals(first, reader.content().readAllBytes());
    assertEquals("instance/skipped.bin", reader.next().path);
    Tar.Entry last = reader.next();
    assertEquals("instance/two.bin", last.path);
    assertArrayEquals(second, reader.content().readAllBytes());
    assertNull(reader.next());
  }

  @Test
  void aSizeTheHeaderFieldCannotHoldTravelsInAPaxRecord() throws Exception {
    long size = Tar.MAX_OCTAL_SIZE + 1; // 8 GiB: only the headers are made, not the content
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    new Tar.Writer(headers).headers("instance/huge.bin", size, 5L);

    Tar.Reader reader =
        new Tar.Reader(new ByteArrayInputStream(headers.toByteArray()), skipped -> {});
    Tar.Entry entry = reader.next();
    assertEquals("instance/huge.bin", entry.path);
    assertEquals(size, entry.size);
    CorruptExportException cut =
        assertThrows(CorruptExportException.class, () -> reader.content().readAllBytes());
    assertTrue(cut.getMessage().contains("instance/huge.bin"), cut.getMessage());
  }

  /**
   * The header's octal field holds no time before 1970: such a time travels in a pax record, and
   * both the archive's own reader and the system's tar read it back.
   */
  @Test
  void aTimeBefore1970TravelsInAPaxRecord() throws Exception {
    long before1970 = Instant.parse("1950-02-03T04:05:06Z").getEpochSecond();
    Path archive = work.resolve("old.tar");
    try (OutputStream out = Files.newOutputStream(archive)) {
      Tar.Writer writer = new Tar.Writer(out);
      writer.file("instance/old.txt", before1970, Files.writeString(work.resolve("old"), "old"));
      writer.finish();
    }

    try (InputStream in = Files.newInputStream(archive)) {
      Tar.Entry entry = new Tar.Reader(in, skipped -> {}).next();
      assertEquals(before1970, entry.mtimeSeconds);
    }
    Process tar =
        new ProcessBuilder("tar", "-tv", "--full-time", "--utc", "-f", archive.toString())
            .redirectErrorStream(true)
            .start();
    String listing = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, tar.waitFor(), listing);
    assertTrue(listing.contains("1950-02-03 04:05:06 instance/old.txt"), listing);
  }

  @Test
  void anArchiveCutInsideAFileWritesNothingOfIt() throws Exception {
    try (CounterStore source = Stores.counters(work.resolve("source"), Durability.NONE);
        CounterStore target = Stores.counters(work.resolve("target"), Durability.NONE)) {
      String id = source.create().id();
      Files.write(source.dirs(id).root().resolve("workspace").resolve("a.bin"), random(50_000, 3));
      ByteArrayOutputStream lines = new ByteArrayOutputStream();
      ByteArrayOutputStream tar = new ByteArrayOutputStream();
      source.engine().exportTo(lines, tar);
      byte[] cut = Arrays.copyOf(tar.toByteArray(), 512 + 20_000);

      CorruptExportException refused =
          assertThrows(
              CorruptExportException.class,
              () ->
                  target
                      .engine()
                      .importFrom(
                          new ByteArrayInputStream(lines.toByteArray()),
                          new ByteArrayInputStream(cut)));
      assertTrue(refused.getMessage().contains("a.bin"), refused.getMessage());
      assertFalse(
          Files.exists(target.dirs(id).root().resolve("workspace").resolve("a.bin")),
          "no part of the file was written");
      assertTrue(target.find(id).isPresent(), "the documents before it were imported");
    }
  }

  /**
   * An archive that cannot be read (a device error, a closed pipe) is a failure of reading it, not
   * a damaged archive: the import says so, writes no part of the file it was reading, and keeps
   * what it wrote before. Before, it was reported as a failure to write into the root (inside an
   * entry) or as damage in the archive (between entries).
   */
  @Test
  void anArchiveThatFailsToReadIsAReadFailureNotADamagedArchive() throws Exception {
    try (CounterStore source = Stores.counters(work.resolve("source"), Durability.NONE);
        CounterStore target = Stores.counters(work.resolve("target"), Durability.NONE)) {
      String id = source.create().id();
      Path workspace = source.dirs(id).root().resolve("workspace");
      Files.write(workspace.resolve("a.bin"), random(10_000, 4));
      Files.write(workspace.resolve("b.bin"), random(50_000, 5));
      ByteArrayOutputStream lines = new ByteArrayOutputStream();
      ByteArrayOutputStream tar = new ByteArrayOutputStream();
      source.engine().exportTo(lines, tar);
      byte[] archive = tar.toByteArray();
      int failAt = indexOf(archive, "b.bin") + 512 + 20_000; // inside b.bin's content
      InputStream failing =
          new FilterInputStream(new ByteArrayInputStream(archive, 0, failAt)) {
            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
              int read = super.read(buffer, offset, length);
              if (read < 0) {
                throw new IOException("Input/output error");
              }
              return read;
            }
          };

      StorageException failed =
          assertThrows(
              StorageException.class,
              () ->
                  target
                      .engine()
                      .importFrom(new ByteArrayInputStream(lines.toByteArray()), failing));
      assertTrue(
          failed.getMessage().startsWith("reading the directory archive failed: Input/output"),
          failed.getMessage());
      Path copy = target.dirs(id).root().resolve("workspace");
      assertEquals(-1, Files.mismatch(workspace.resolve("a.bin"), copy.resolve("a.bin")));
      assertFalse(Files.exists(copy.resolve("b.bin")), "no part of the file being read");
    }
  }

  private static int indexOf(byte[] haystack, String needle) {
    byte[] bytes = needle.getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i + bytes.length <= haystack.length; i++) {
      if (Arrays.equals(haystack, i, i + bytes.length, bytes, 0, bytes.length)) {
        return i;
      }
    }
    throw new AssertionError(needle + " is not in the archive");
  }

  /**
   * An archive entry whose name ends in a slash is a directory, as tar has always read one,
   * whatever its type: never written as a file. Before, {@code <id>/instance.json/} (a regular
   * file's type, a newer time) passed the check that keeps an archive off the document, and the
   * import replaced the instance's document with the entry's bytes, past its version, its lock and
   * its indexes.
   */
  @Test
  void anEntryNamedWithATrailingSlashIsADirectoryAndNeverReplacesTheDocument() throws Exception {
    try (CounterStore source = Stores.counters(work.resolve("source"), Durability.NONE);
        CounterStore target = Stores.counters(work.resolve("target"), Durability.NONE)) {
      String id = source.create().id();
      ByteArrayOutputStream lines = new ByteArrayOutputStream();
      source.engine().exportTo(lines, null);
      source.update(id, Counter::incremented);
      ByteArrayOutputStream tar = new ByteArrayOutputStream();
      Tar.Writer writer = new Tar.Writer(tar);
      long later = 4_102_444_800L; // 2100: newer than anything the target has
      writer.file(id + "/instance.json/", later, source.dirs(id).root().resolve("instance.json"));
      writer.finish();

      ImportSummary imported =
          target
              .engine()
              .importFrom(
                  new ByteArrayInputStream(lines.toByteArray()),
                  new ByteArrayInputStream(tar.toByteArray()));

      assertEquals(0, imported.files(), "nothing written");
      assertEquals(1, target.get(id).version(), "the document the export's line holds");
    }
  }

  private static byte[] random(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
