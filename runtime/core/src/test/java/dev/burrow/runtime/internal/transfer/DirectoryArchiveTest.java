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
import dev.burrow.InterruptedOperationException;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Interrupts;
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
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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

  /**
   * An interrupt closes the channel that reads an instance's file: the export was interrupted, the
   * disk did not fail and the file is not unreadable.
   */
  @Test
  void anExportOnAnInterruptedThreadSaysItWasInterrupted() throws Exception {
    try (CounterStore source = Stores.counters(work.resolve("source"), Durability.NONE)) {
      String id = source.create().id();
      Files.writeString(source.dirs(id).root().resolve("workspace").resolve("a.txt"), "a");

      InterruptedOperationException e =
          Interrupts.onInterruptedThread(
              () ->
                  source
                      .engine()
                      .exportTo(new ByteArrayOutputStream(), new ByteArrayOutputStream()));

      assertTrue(e.getMessage().contains(id), e.getMessage());
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

  /**
   * The archived files of an instance go only into that same instance, never into another one the
   * target holds under its ID (made there on its own, or after the exported one was deleted): each
   * file's entry carries its instance's creation time, and the target's must be the same. Before,
   * the files were written into whatever instance held the ID, mixing two instances' files.
   */
  @Test
  void archivedFilesAreNeverWrittenIntoAnotherInstanceOfTheirId() throws Exception {
    Exported exported = twoFilesExported();
    Instant otherCreation = Instant.parse("2030-01-01T00:00:00Z");
    try (CounterStore target =
        new CounterStore(
            StoreEngine.open(
                CounterSchema.INSTANCE,
                StoreOptions.defaults()
                    .withDataRoot(work.resolve("target"))
                    .withDurability(Durability.NONE)
                    .withClock(Clock.fixed(otherCreation, ZoneOffset.UTC))))) {
      target.create(exported.id());
    }
    List<Skipped> skipped = new ArrayList<>();

    ImportSummary imported =
        CounterImports.importInto(
            work.resolve("target"),
            new ByteArrayInputStream(exported.lines()),
            new ByteArrayInputStream(exported.archive()),
            skipped::add);

    assertEquals(0, imported.files(), imported.toString());
    assertEquals(2, skipped.size(), skipped.toString());
    assertTrue(
        skipped.get(0).reason().contains("is another one of that ID (created at " + otherCreation),
        skipped.toString());
    Path workspace = Stores.instanceDirectory(work.resolve("target"), exported.id());
    assertFalse(Files.exists(workspace.resolve("workspace").resolve("one")));
  }

  /** An instance's export whose archive holds workspace/one and workspace/two. */
  private record Exported(String id, byte[] lines, byte[] archive) {
    /** Offsets of the archive's pax extended headers ('x'), one before each file's own. */
    List<Integer> paxHeaders() {
      List<Integer> found = new ArrayList<>();
      for (int at = 0; at + 512 <= archive.length; at += 512) {
        if (archive[at + 156] == 'x'
            && new String(archive, at + 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
          found.add(at);
        }
      }
      return found;
    }

    /** The offset of {@code workspace/one} in the name field of its file's header. */
    int nameOfOne() {
      int header = paxHeaders().get(0) + 1024;
      String name = new String(archive, header, 100, StandardCharsets.ISO_8859_1);
      return header + name.indexOf("workspace/one");
    }
  }

  private Exported twoFilesExported() throws Exception {
    try (CounterStore source = Stores.counters(work.resolve("source"), Durability.NONE);
        CounterStore target = Stores.counters(work.resolve("target"), Durability.NONE)) {
      String id = source.create().id();
      Path workspace = Files.createDirectories(source.dirs(id).root().resolve("workspace"));
      Files.writeString(workspace.resolve("one"), "one");
      Files.writeString(workspace.resolve("two"), "two");
      ByteArrayOutputStream lines = new ByteArrayOutputStream();
      ByteArrayOutputStream tar = new ByteArrayOutputStream();
      source.engine().exportTo(lines, tar);
      return new Exported(id, lines.toByteArray(), tar.toByteArray());
    }
  }

  private ImportSummary importArchive(Exported exported, InputStream archive) throws Exception {
    return CounterImports.importInto(
        work.resolve("target"), new ByteArrayInputStream(exported.lines()), archive, skipped -> {});
  }

  private CorruptExportException refused(Exported exported, byte[] archive) {
    return assertThrows(
        CorruptExportException.class,
        () -> importArchive(exported, new ByteArrayInputStream(archive)));
  }

  /** Sets the checksum of the header at {@code header} to match its bytes, as tar computes it. */
  private static void checksum(byte[] archive, int header) {
    Arrays.fill(archive, header + 148, header + 156, (byte) ' ');
    long sum = 0;
    for (int i = header; i < header + 512; i++) {
      sum += archive[i] & 0xff;
    }
    byte[] field = String.format("%06o\0", sum).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(field, 0, archive, header + 148, field.length);
  }

  /** A header of {@code type} named {@code name} and holding {@code content}, checksummed. */
  private static byte[] entry(String name, char type, byte[] content) {
    byte[] entry = new byte[512 + (content.length + 511) / 512 * 512];
    byte[] nameBytes = name.getBytes(StandardCharsets.ISO_8859_1);
    System.arraycopy(nameBytes, 0, entry, 0, nameBytes.length);
    byte[] size = String.format("%011o", content.length).getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(size, 0, entry, 124, size.length);
    entry[156] = (byte) type;
    System.arraycopy("ustar\0".getBytes(StandardCharsets.US_ASCII), 0, entry, 257, 6);
    checksum(entry, 0);
    System.arraycopy(content, 0, entry, 512, content.length);
    return entry;
  }

  private static byte[] joined(byte[]... parts) {
    ByteArrayOutputStream joined = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      joined.writeBytes(part);
    }
    return joined.toByteArray();
  }

  /**
   * An archive cut short is a damaged archive wherever it ends: at an entry boundary, inside a
   * header, right after a pax header, or before its end blocks. Before, an end of the stream there
   * read as the end of the archive, and the import succeeded without the files after it. An archive
   * that ends right after its first end block is whole, as GNU tar takes it.
   */
  @Test
  void anArchiveCutShortAnywhereBeforeItsEndBlocksIsRefused() throws Exception {
    Exported exported = twoFilesExported();
    byte[] archive = exported.archive();
    int second = exported.paxHeaders().get(1);
    int end = archive.length - 1024;
    ImportSummary whole =
        importArchive(exported, new ByteArrayInputStream(Arrays.copyOf(archive, end + 512)));
    assertEquals(2, whole.files(), "one end block, then the end of the stream: whole");
    for (int cut : List.of(second, second + 100, second + 1024, end, end + 100)) {
      CorruptExportException refused = refused(exported, Arrays.copyOf(archive, cut));
      assertTrue(
          refused.getMessage().contains("the archive ends"),
          "cut at " + cut + ": " + refused.getMessage());
    }
  }

  /**
   * A header whose checksum does not match its bytes is damaged, and refused: before, a flipped
   * byte in a name wrote the file under the wrong name, and the one it should have been was lost.
   */
  @Test
  void aHeaderWhoseChecksumDoesNotMatchIsRefused() throws Exception {
    Exported exported = twoFilesExported();
    byte[] damaged = exported.archive().clone();
    damaged[exported.nameOfOne() + "workspace/".length()] = 'x'; // "one" -> "xne"

    CorruptExportException refused = refused(exported, damaged);

    assertTrue(refused.getMessage().contains("checksum"), refused.getMessage());
    Path workspace = Stores.instanceDirectory(work.resolve("target"), exported.id());
    assertFalse(Files.exists(workspace.resolve("workspace/xne")), "nothing under the wrong name");
  }

  /**
   * A name that is not UTF-8 (in the header's name field, or in a pax path) is refused naming the
   * entry, as an export line of invalid UTF-8 is: before, each bad byte became U+FFFD, and the file
   * was written under a name the archive never held.
   */
  @Test
  void aNameThatIsNotUtf8IsRefusedNotMangled() throws Exception {
    Exported exported = twoFilesExported();
    byte[] damaged = exported.archive().clone();
    int one = exported.nameOfOne();
    damaged[one + "workspace/o".length()] = (byte) 0xFF; // "one" -> "o\xFFe"
    checksum(damaged, one - one % 512);

    CorruptExportException refused = refused(exported, damaged);

    assertTrue(refused.getMessage().contains("not valid UTF-8"), refused.getMessage());
    assertTrue(refused.getMessage().contains("workspace/o"), refused.getMessage());

    byte[] path = (exported.id() + "/workspace/p\u00ffth").getBytes(StandardCharsets.ISO_8859_1);
    byte[] body = joined(" path=".getBytes(StandardCharsets.US_ASCII), path, new byte[] {'\n'});
    int length = body.length + 1;
    while (String.valueOf(length).length() + body.length != length) {
      length++;
    }
    byte[] record = joined(String.valueOf(length).getBytes(StandardCharsets.US_ASCII), body);
    byte[] paxPath =
        joined(
            entry("PaxHeader", 'x', record),
            entry("long-path", '0', "pax".getBytes(StandardCharsets.US_ASCII)),
            new byte[1024]);
    CorruptExportException refusedPax = refused(exported, paxPath);
    assertTrue(refusedPax.getMessage().contains("not valid UTF-8"), refusedPax.getMessage());
  }

  /**
   * A pax record whose length is near the largest number is a damaged archive: before, the length
   * check overflowed, and the import failed with a StringIndexOutOfBoundsException.
   */
  @Test
  void aPaxRecordLengthThatOverflowsIsADamagedArchive() throws Exception {
    Exported exported = twoFilesExported();
    for (String records :
        List.of("11 a=bbbbb\n9223372036854775807 x=y\n", "11 a=bbbbb\n8 x=yyyy")) {
      byte[] archive =
          joined(
              entry("PaxHeader", 'x', records.getBytes(StandardCharsets.US_ASCII)),
              entry(exported.id() + "/workspace/one", '0', new byte[0]),
              new byte[1024]);

      CorruptExportException refused = refused(exported, archive);

      assertTrue(refused.getMessage().contains("pax record"), refused.getMessage());
    }
  }

  /**
   * An import reads the archive's stream to its end, as it says: the end blocks and the zeros tar
   * pads its last record with. Before, it stopped at the first end block, leaving up to 9.5 KiB of
   * GNU tar's padding unread, which a writer piping the archive in could fail on.
   */
  @Test
  void anImportReadsTheArchiveStreamToItsEnd() throws Exception {
    Exported exported = twoFilesExported();
    ByteArrayInputStream padded =
        new ByteArrayInputStream(joined(exported.archive(), new byte[10240 - 1024]));

    importArchive(exported, padded);

    assertEquals(0, padded.available(), "bytes of the archive left unread");
  }

  private static byte[] random(int length, long seed) {
    byte[] bytes = new byte[length];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }
}
