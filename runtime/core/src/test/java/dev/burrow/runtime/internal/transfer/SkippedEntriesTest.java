package dev.burrow.runtime.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.ExportSummary;
import dev.burrow.ImportSummary;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entries of instance directories that are not regular files (a link, a FIFO) are never followed or
 * opened by an export, an import or a copy, and every summary counts them, so a caller learns from
 * the result alone that a directory did not arrive whole.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS) // an export that opened the FIFO would block for ever
class SkippedEntriesTest {
  @TempDir Path work;

  private CounterStore source;
  private CounterStore target;
  private String id;

  @BeforeEach
  void stores() throws Exception {
    source = Stores.counters(work.resolve("source"), Durability.NONE);
    target = Stores.counters(work.resolve("target"), Durability.NONE);
    id = plantedInstance();
  }

  @AfterEach
  void close() {
    source.close();
    target.close();
  }

  /**
   * An instance whose workspace holds a file, a link to a file outside, a FIFO and an empty dir.
   */
  private String plantedInstance() throws Exception {
    String id = source.create().id();
    Path workspace = Files.createDirectories(source.dirs(id).root().resolve("workspace"));
    Files.writeString(workspace.resolve("notes.txt"), "kept");
    Files.createSymbolicLink(
        workspace.resolve("link"), Files.writeString(work.resolve("outside.txt"), "not ours"));
    mkfifo(workspace.resolve("pipe"));
    Files.createDirectories(workspace.resolve("empty"));
    return id;
  }

  @Test
  void anExportArchivesOnlyRegularFilesAndCountsTheOtherEntries() throws Exception {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    ByteArrayOutputStream tar = new ByteArrayOutputStream();

    ExportSummary exported = source.engine().exportTo(lines, tar);

    assertEquals(new ExportSummary(1, 0, 1, 0, 2), exported);
    assertEquals(List.of(id + "/workspace/notes.txt"), entries(tar.toByteArray()));
    ImportSummary imported =
        target
            .engine()
            .importFrom(
                new ByteArrayInputStream(lines.toByteArray()),
                new ByteArrayInputStream(tar.toByteArray()));
    assertEquals(new ImportSummary(1, 0, 0, 0, 1, 0, 0), imported);
    assertOnlyTheFileArrived();
  }

  @Test
  void aCopyCopiesOnlyRegularFilesAndCountsTheOtherEntries() throws IOException {
    ImportSummary copied = source.engine().copyTo(target.engine());

    assertEquals(new ImportSummary(1, 0, 0, 0, 1, 0, 2), copied);
    assertOnlyTheFileArrived();
  }

  @Test
  void anImportCountsArchiveEntriesThatAreNeitherFilesNorDirectories() throws Exception {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    source.engine().exportTo(lines, null);
    // An archive Burrow did not write: the system's tar keeps the link, FIFO and directories.
    Path archive = work.resolve("by-tar.tar");
    Path directory = source.dirs(id).root();
    run(
        "tar",
        "--format=ustar",
        "-C",
        directory.getParent().toString(),
        "-cf",
        archive.toString(),
        directory.getFileName().toString());

    ImportSummary imported =
        target
            .engine()
            .importFrom(
                new ByteArrayInputStream(lines.toByteArray()), Files.newInputStream(archive));

    assertEquals(1, imported.files());
    assertEquals(
        3,
        imported.skipped(),
        "the link, the FIFO and the instance's document, which only the lines carry; directories"
            + " are not counted");
    assertOnlyTheFileArrived();
  }

  /**
   * An archive entry the import has no place for is neither written nor silently dropped: a file of
   * an instance no line names, the instance's document, a file where the instance has a directory,
   * and one under a file. Each is named with why and counted, and the import goes on past it.
   */
  @Test
  void anImportNamesAndCountsEachEntryItHasNoPlaceFor() throws Exception {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    source.engine().exportTo(lines, null);
    Path content = Files.writeString(work.resolve("content.txt"), "from the archive");
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    Tar.Writer writer = new Tar.Writer(archive);
    writer.file("job-9/workspace/a", 1L, content);
    writer.file(id + "/instance.json", 1L, content);
    writer.file(id + "/workspace/notes.txt", 1L, content);
    writer.file(id + "/workspace", 1L, content);
    writer.file(id + "/workspace/notes.txt/under", 1L, content);
    writer.file(id + "/workspace/last.txt", 1L, content);
    writer.finish();

    List<Skipped> named = new ArrayList<>();
    ImportSummary imported =
        CounterImports.importInto(
            work.resolve("target"),
            new ByteArrayInputStream(lines.toByteArray()),
            new ByteArrayInputStream(archive.toByteArray()),
            named::add);

    assertEquals(new ImportSummary(1, 0, 0, 0, 2, 0, 4), imported, "written: notes.txt, last.txt");
    assertEquals(
        List.of(
            new Skipped(
                "job-9/workspace/a",
                "the root holds no instance 'job-9': no line of the export names it (an instance"
                    + " deleted during the export, or the archive of another export)"),
            new Skipped(
                id + "/instance.json",
                "the instance's document, which an import takes from the export's lines only"),
            new Skipped(
                id + "/workspace",
                "the instance's workspace is a directory, which a file never replaces"),
            new Skipped(
                id + "/workspace/notes.txt/under",
                "the instance's workspace/notes.txt is a file, where this entry needs a"
                    + " directory")),
        named);
    Path workspace = target.dirs(id).root().resolve("workspace");
    assertEquals("from the archive", Files.readString(workspace.resolve("last.txt")));
    assertEquals(source.get(id), target.get(id), "the document is the export's");
  }

  /**
   * The document's and the event log's names are told ignoring case, as a case-insensitive file
   * system (macOS, Windows) tells them and as the rest of the store does: an entry {@code
   * <id>/Instance.json} is skipped as {@code <id>/instance.json} is, and {@code
   * <id>/Events/Events.JSONL} is checked as the event log is. Before, both were written as any
   * other file, which on such a system replaced the document or the log unchecked.
   */
  @Test
  void theDocumentAndTheEventLogAreToldIgnoringCase() throws Exception {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    source.engine().exportTo(lines, null);
    Path content = Files.writeString(work.resolve("content.txt"), "no event log\n");
    ByteArrayOutputStream archive = new ByteArrayOutputStream();
    Tar.Writer writer = new Tar.Writer(archive);
    writer.file(id + "/Instance.json", 1L, content);
    writer.file(id + "/Events/Events.JSONL", 1L, content);
    writer.finish();

    List<Skipped> named = new ArrayList<>();
    ImportSummary imported =
        CounterImports.importInto(
            work.resolve("target"),
            new ByteArrayInputStream(lines.toByteArray()),
            new ByteArrayInputStream(archive.toByteArray()),
            named::add);

    assertEquals(new ImportSummary(1, 0, 0, 0, 0, 0, 2), imported, String.valueOf(named));
    assertEquals(
        new Skipped(
            id + "/Instance.json",
            "the instance's document, which an import takes from the export's lines only"),
        named.get(0));
    assertTrue(
        named.get(1).reason().startsWith("not an event log readers read whole"),
        String.valueOf(named.get(1)));
    assertEquals(source.get(id), target.get(id), "the document is the export's");
  }

  private void assertOnlyTheFileArrived() throws IOException {
    Path workspace = target.dirs(id).root().resolve("workspace");
    assertEquals("kept", Files.readString(workspace.resolve("notes.txt")));
    assertFalse(Files.exists(workspace.resolve("link"), LinkOption.NOFOLLOW_LINKS));
    assertFalse(Files.exists(workspace.resolve("pipe"), LinkOption.NOFOLLOW_LINKS));
    assertEquals("not ours", Files.readString(work.resolve("outside.txt")));
  }

  private static List<String> entries(byte[] archive) throws IOException {
    Tar.Reader reader = new Tar.Reader(new ByteArrayInputStream(archive), skipped -> {});
    List<String> names = new ArrayList<>();
    for (Tar.Entry entry = reader.next(); entry != null; entry = reader.next()) {
      names.add(entry.path);
    }
    return names;
  }

  private static void mkfifo(Path path) throws Exception {
    run("mkfifo", path.toString());
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).inheritIO().start();
    assertEquals(0, process.waitFor(), String.join(" ", command));
  }
}
