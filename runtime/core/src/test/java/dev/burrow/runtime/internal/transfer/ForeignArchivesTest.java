package dev.burrow.runtime.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptExportException;
import dev.burrow.Durability;
import dev.burrow.ImportSummary;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An archive a user made with GNU tar, in its own format or in pax, imports as it was written: a
 * long name arrives whole, never cut to the 100 bytes of the header's name field, and an entry the
 * import cannot write is named and counted, never dropped without a word.
 */
class ForeignArchivesTest {
  private static final String LONG_NAME = "a-file-name-of-well-over-one-hundred-bytes-".repeat(3);

  @TempDir Path work;

  private CounterStore source;
  private CounterStore target;
  private String id;
  private Path workspace;
  private byte[] lines;

  @BeforeEach
  void stores() throws Exception {
    source = Stores.counters(work.resolve("source"), Durability.NONE);
    target = Stores.counters(work.resolve("target"), Durability.NONE);
    id = source.create().id();
    workspace = Files.createDirectories(source.dirs(id).root().resolve("workspace"));
    ByteArrayOutputStream export = new ByteArrayOutputStream();
    source.engine().exportTo(export, null);
    lines = export.toByteArray();
  }

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  @Test
  void gnuLongNamesAndTimesBefore1970ArriveWhole() throws Exception {
    Path file = Files.writeString(workspace.resolve(LONG_NAME), "long");
    Instant before1970 = Instant.parse("1950-02-03T04:05:06Z");
    Files.setLastModifiedTime(file, FileTime.from(before1970));

    ImportSummary imported = importArchive(tar("--format=gnu"), new ArrayList<>());

    assertEquals(1, imported.files());
    Path arrived = target.dirs(id).root().resolve("workspace").resolve(LONG_NAME);
    assertEquals("long", Files.readString(arrived));
    assertEquals(before1970, Files.getLastModifiedTime(arrived).toInstant());
    assertEquals(List.of(id), files(target.dirs(id).root().getParent()));
  }

  @Test
  void aLongPaxPathHoldingANewlineArrivesWhole() throws Exception {
    String name = LONG_NAME + "\n" + "second-line";
    Files.writeString(workspace.resolve(name), "newline");

    ImportSummary imported = importArchive(tar("--format=posix"), new ArrayList<>());

    assertEquals(1, imported.files());
    Path arrived = target.dirs(id).root().resolve("workspace").resolve(name);
    assertEquals("newline", Files.readString(arrived));
  }

  @Test
  void aGnuSparseFileIsNamedAndCountedNotDropped() throws Exception {
    try (FileChannel sparse =
        FileChannel.open(
            workspace.resolve("sparse"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      sparse.write(ByteBuffer.wrap(new byte[] {1}), 4 * 1024 * 1024);
    }
    List<Skipped> named = new ArrayList<>();

    ImportSummary imported = importArchive(tar("--format=gnu", "--sparse"), named);

    assertEquals(0, imported.files());
    assertEquals(1, imported.skipped());
    assertEquals(
        List.of(new Skipped(id + "/workspace/sparse", "a GNU sparse file entry, not a file")),
        named);
    assertFalse(
        Files.exists(
            target.dirs(id).root().resolve("workspace/sparse"), LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aPaxTimeNoFileCanHaveIsADamagedArchiveNamingIt() throws Exception {
    Files.writeString(workspace.resolve("far"), "far");
    Path archive = tar("--format=posix", "--pax-option=mtime:=99999999999999999");

    CorruptExportException refused =
        assertThrows(CorruptExportException.class, () -> importArchive(archive, new ArrayList<>()));

    assertTrue(
        refused.getMessage().contains("outside the times a file can have: '99999999999999999'"),
        refused.getMessage());
  }

  /** The instance's directory archived by the system's tar, without its document. */
  private Path tar(String... format) throws Exception {
    Path archive = work.resolve("by-tar.tar");
    List<String> command = new ArrayList<>(List.of("tar"));
    command.addAll(List.of(format));
    command.addAll(
        List.of(
            "--exclude=instance.json",
            "-C",
            source.dirs(id).root().getParent().toString(),
            "-cf",
            archive.toString(),
            id));
    Process process = new ProcessBuilder(command).inheritIO().start();
    assertEquals(0, process.waitFor(), String.join(" ", command));
    return archive;
  }

  private ImportSummary importArchive(Path archive, List<Skipped> named) throws Exception {
    return CounterImports.importInto(
        work.resolve("target"),
        new ByteArrayInputStream(lines),
        Files.newInputStream(archive),
        named::add);
  }

  private static List<String> files(Path directory) throws Exception {
    try (var entries = Files.list(directory)) {
      return entries.map(path -> path.getFileName().toString()).toList();
    }
  }
}
