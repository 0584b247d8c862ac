package dev.burrow.runtime.internal.transfer;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptExportException;
import dev.burrow.Durability;
import dev.burrow.ImportSummary;
import dev.burrow.StorageException;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file changed within the second of its last import (or copy) reaches the target: an archive
 * carries modification times to the nanosecond, and where the times cannot tell which file is newer
 * (an archive in whole seconds) the contents decide, so a different file is never silently kept; a
 * file of the same size and the very time to the nanosecond is kept unread, as rsync's quick check
 * keeps it, so an import or copy run again reads and writes nothing twice.
 */
class SubSecondTimesTest {
  private static final Instant FIRST = Instant.ofEpochSecond(1_700_000_000L, 200_000_000);
  private static final Instant LATER_IN_THE_SECOND = FIRST.plusMillis(600);

  @TempDir Path work;

  private CounterStore source;
  private CounterStore target;
  private Path log;

  @BeforeEach
  void stores() throws Exception {
    source = Stores.counters(work.resolve("source"), Durability.NONE);
    target = Stores.counters(work.resolve("target"), Durability.NONE);
    source.create("c1");
    log = Files.createDirectories(source.dirs("c1").root().resolve("logs")).resolve("out.log");
  }

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  private void write(Path file, String content, Instant mtime) throws Exception {
    Files.writeString(file, content);
    Files.setLastModifiedTime(file, FileTime.from(mtime));
  }

  private Path copied() {
    return target.dirs("c1").root().resolve("logs").resolve("out.log");
  }

  private byte[] archive(ByteArrayOutputStream lines) {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    source.engine().exportTo(lines, tar);
    return tar.toByteArray();
  }

  private ImportSummary importBoth() {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    byte[] tar = archive(lines);
    return target
        .engine()
        .importFrom(new ByteArrayInputStream(lines.toByteArray()), new ByteArrayInputStream(tar));
  }

  @Test
  void aChangeWithinTheSecondOfTheLastImportIsImported() throws Exception {
    write(log, "first part\n", FIRST);
    assertEquals(1, importBoth().files());
    assertEquals(FileTime.from(FIRST), Files.getLastModifiedTime(copied()));

    write(log, "first part\nsecond part\n", LATER_IN_THE_SECOND);
    assertEquals(1, importBoth().files(), "the change within the same second is written");
    assertEquals("first part\nsecond part\n", Files.readString(copied()));
    assertEquals(FileTime.from(LATER_IN_THE_SECOND), Files.getLastModifiedTime(copied()));

    assertEquals(0, importBoth().files(), "run again, it writes nothing twice");
  }

  @Test
  void aChangeOfTheSameSizeWithinTheSameSecondIsImported() throws Exception {
    write(log, "first\n", FIRST);
    importBoth();
    write(log, "again\n", LATER_IN_THE_SECOND);
    assertEquals(1, importBoth().files());
    assertEquals("again\n", Files.readString(copied()));
  }

  @Test
  void aFileOfTheSameSizeAndTheVeryTimeIsKeptUnreadAsRsyncsQuickCheckKeepsIt() throws Exception {
    write(log, "first\n", FIRST);
    importBoth();
    write(copied(), "local\n", FIRST); // changed and its time set back: no writer does that

    assertEquals(0, importBoth().files());
    assertEquals("local\n", Files.readString(copied()));

    write(copied(), "longer local\n", FIRST);
    assertEquals(1, importBoth().files(), "another size is written");
    assertEquals("first\n", Files.readString(copied()));
  }

  @Test
  void aChangeWithinTheSecondOfTheLastCopyIsCopied() throws Exception {
    Instant first = FIRST.plusNanos(100); // within one millisecond: what copyTo compared before
    write(log, "first part\n", first);
    assertEquals(1, source.engine().copyTo(target.engine()).files());

    write(log, "first part\nsecond part\n", first.plusNanos(700));
    assertEquals(FileTime.from(first.plusNanos(700)), Files.getLastModifiedTime(log));
    assertEquals(1, source.engine().copyTo(target.engine()).files());
    assertEquals("first part\nsecond part\n", Files.readString(copied()));

    assertEquals(0, source.engine().copyTo(target.engine()).files());
  }

  /**
   * A file whose time falls on the second travels with it to the nanosecond, as any other: not as
   * an archive in whole seconds would, so a file of the target changed later within that second is
   * kept, as a copy keeps it.
   */
  @Test
  void aTimeOnTheSecondTravelsToTheNanosecond() throws Exception {
    Instant onTheSecond = Instant.ofEpochSecond(FIRST.getEpochSecond());
    write(log, "first\n", onTheSecond);
    assertEquals(1, importBoth().files());
    write(copied(), "changed since, in the same second\n", onTheSecond.plusMillis(500));

    assertEquals(0, importBoth().files());
    assertEquals("changed since, in the same second\n", Files.readString(copied()));
  }

  /**
   * An archive in whole seconds (another tool's, an older Burrow's) says only which second: a file
   * of the target within that second is kept if it has the same bytes and written over if not; a
   * file of a later second is kept.
   */
  @Test
  void aWholeSecondArchiveLetsTheContentsDecideWithinItsSecond() throws Exception {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    archive(lines);
    importBoth(); // the instance, with no file yet
    Path copied = copied();
    Files.createDirectories(copied.getParent());
    ByteArrayOutputStream tar = wholeSecondArchive("from the archive\n");

    write(copied, "from the target!\n", FIRST); // the same size, in the same second
    assertEquals(1, importFiles(lines, tar).files());
    assertEquals("from the archive\n", Files.readString(copied));

    Files.setLastModifiedTime(copied, FileTime.from(LATER_IN_THE_SECOND));
    assertEquals(0, importFiles(lines, tar).files(), "the same bytes are kept");

    write(copied, "from the target!\n", FIRST.plusSeconds(1));
    assertEquals(0, importFiles(lines, tar).files(), "a file of a later second is kept");
    assertEquals("from the target!\n", Files.readString(copied));
  }

  /**
   * An archive of {@code c1/logs/out.log} holding {@code content}, with the time {@link #FIRST},
   * made by the system's tar in whole seconds (ustar), as another tool makes it.
   */
  private ByteArrayOutputStream wholeSecondArchive(String content) throws Exception {
    Path tree = Files.createDirectories(work.resolve("ustar/c1/logs"));
    write(tree.resolve("out.log"), content, FIRST);
    Path whole = work.resolve("whole-seconds.tar");
    Process ustar =
        new ProcessBuilder(
                "tar",
                "--format=ustar",
                "-C",
                work.resolve("ustar").toString(),
                "-cf",
                whole.toString(),
                "c1")
            .inheritIO()
            .start();
    assertEquals(0, ustar.waitFor());
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    tar.write(Files.readAllBytes(whole));
    return tar;
  }

  /**
   * Comparing a file of over 1 MiB spools the archive's copy to {@code java.io.tmpdir}; where that
   * fails, the host failed, not the archive: a {@link StorageException} naming the folder, never
   * the damaged archive's {@link CorruptExportException}, and the target's file is left as it was.
   */
  @Test
  void aSpoolThatCannotBeMadeIsTheHostsFailureNotADamagedArchive() throws Exception {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    archive(lines);
    importBoth();
    ByteArrayOutputStream tar = wholeSecondArchive("a".repeat(2 * WholeFile.IN_MEMORY));
    String held = "b".repeat(2 * WholeFile.IN_MEMORY);
    Files.createDirectories(copied().getParent());
    write(copied(), held, FIRST); // the same second: the contents decide
    Path missing = work.resolve("no-such-tmp");
    String tmp = System.getProperty("java.io.tmpdir");
    System.setProperty("java.io.tmpdir", missing.toString());
    StorageException failed;
    try {
      failed = assertThrows(StorageException.class, () -> importFiles(lines, tar));
    } finally {
      System.setProperty("java.io.tmpdir", tmp);
    }
    assertTrue(
        failed
            .getMessage()
            .startsWith("making a temporary file in " + missing + " (java.io.tmpdir)"),
        failed.getMessage());
    assertEquals(held, Files.readString(copied()));
  }

  private ImportSummary importFiles(ByteArrayOutputStream lines, ByteArrayOutputStream tar) {
    return target
        .engine()
        .importFrom(
            new ByteArrayInputStream(lines.toByteArray()),
            new ByteArrayInputStream(tar.toByteArray()));
  }

  /** GNU tar lists and extracts the archive, with the time to the nanosecond. */
  @Test
  void theSystemTarReadsTheTimesToTheNanosecond() throws Exception {
    Instant time = FIRST.plusNanos(123_456_789 - 200_000_000);
    write(log, "first part\n", time);
    Path tar = work.resolve("dirs.tar");
    Files.write(tar, archive(new ByteArrayOutputStream()));
    Path extracted = Files.createDirectories(work.resolve("extracted"));

    Process list = new ProcessBuilder("tar", "-tvf", tar.toString()).start();
    String listed = new String(list.getInputStream().readAllBytes(), UTF_8);
    assertEquals(0, list.waitFor(), listed);
    assertTrue(listed.contains("c1/logs/out.log"), listed);
    Process extract =
        new ProcessBuilder("tar", "-xf", tar.toString(), "-C", extracted.toString())
            .inheritIO()
            .start();
    assertEquals(0, extract.waitFor());
    Path file = extracted.resolve("c1/logs/out.log");
    assertEquals("first part\n", Files.readString(file));
    assertEquals(FileTime.from(time), Files.getLastModifiedTime(file));
  }

  @Test
  void paxTimesKeepTheirFractionAndPrecision() throws Exception {
    assertEquals(
        "1700000000.123456789", Tar.paxTime(Instant.ofEpochSecond(1_700_000_000L, 123_456_789)));
    assertEquals("-0.500000000", Tar.paxTime(Instant.ofEpochSecond(-1, 500_000_000)));
    assertEquals("-5.000000000", Tar.paxTime(Instant.ofEpochSecond(-5)));
    assertEquals("1700000000.000000000", Tar.paxTime(Instant.ofEpochSecond(1_700_000_000L)));
    assertEquals(
        new ArchivedTime(FileTime.from(Instant.ofEpochSecond(-1, 500_000_000)), 100_000_000),
        Tar.Reader.parseTime("-0.5"));
    assertEquals(
        new ArchivedTime(FileTime.from(Instant.ofEpochSecond(1_700_000_000L, 123_456_789)), 1),
        Tar.Reader.parseTime("1700000000.1234567891"));
    assertEquals(ArchivedTime.wholeSeconds(1_700_000_000L), Tar.Reader.parseTime("1700000000"));
    assertEquals(
        new ArchivedTime(FileTime.from(Instant.ofEpochSecond(-2, 999_999_999)), 1),
        Tar.Reader.parseTime("-1.0000000001"));
  }
}
