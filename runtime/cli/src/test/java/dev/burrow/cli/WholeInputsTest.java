package dev.burrow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What an attacker review found the commands took for whole: exports whose header, closing line or
 * archived event log is not what an export writes, a kind marker that is not what a store writes,
 * an event log with a second name, and a password a driver quotes without its name. Each is refused
 * or named, and nothing is made or written for it.
 */
class WholeInputsTest extends OnThreeJobs {
  private Path exported() throws Exception {
    Cli.Result export = burrow(exportWithDirectories());
    assertEquals(0, export.exitCode(), export.toString());
    return work.resolve("jobs.jsonl");
  }

  private List<String> lines(Path export) throws Exception {
    return new ArrayList<>(Files.readAllLines(export, StandardCharsets.UTF_8));
  }

  private Path write(String name, List<String> lines) throws Exception {
    return Files.write(work.resolve(name), lines, StandardCharsets.UTF_8);
  }

  /** The document of {@code id} in the root, damaged: the root holds the instance damaged. */
  private Path damagedDocumentOf(String id) throws Exception {
    Path document = directoryOf(id).resolve("instance.json");
    Files.writeString(document, "{ damaged");
    return document;
  }

  /** An export of the root (made before anything is damaged) cut short before its closing line. */
  private Path exportCutShort() throws Exception {
    List<String> lines = lines(exported());
    return write("cut.jsonl", lines.subList(0, lines.size() - 1));
  }

  private Cli.Result importInto(Path into, Path export, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("import", "--root", into.toString(), "--in", export.toString()));
    args.addAll(List.of(more));
    return burrow(args.toArray(String[]::new));
  }

  @Test
  void aHeaderListingSubdirectoriesNoInstanceCanHaveIsRefusedBeforeAnythingIsMade()
      throws Exception {
    List<String> export = lines(exported());
    String header = export.get(0);
    assertTrue(header.contains("\"subdirectories\":[\"workspace\"]"), header);
    for (String listed : List.of("\"workspace\",\"workspace\"", "\"instance.json\"", "\"..\"")) {
      export.set(0, header.replace("[\"workspace\"]", "[" + listed + "]"));
      Path into = work.resolve("new-" + Math.abs(listed.hashCode()));
      Cli.Result refused = importInto(into, write("bad.jsonl", export));
      assertEquals(2, refused.exitCode(), refused.toString());
      assertTrue(refused.err().contains("line 1"), refused.toString());
      assertTrue(refused.err().contains("'subdirectories'"), refused.toString());
      assertTrue(refused.err().contains(listed.split(",")[0]), refused.toString());
      assertFalse(Files.exists(into), "nothing is made: " + refused);
    }
  }

  /**
   * A header of an export format this Burrow does not read is refused before the root is made.
   * Before, the root was made for the header's kind, and the import then refused the header,
   * leaving an empty root behind.
   */
  @Test
  void aHeaderOfAnotherExportFormatIsRefusedBeforeAnythingIsMade() throws Exception {
    List<String> export = lines(exported());
    String header = export.get(0);
    assertTrue(header.contains("\"format\":1"), header);
    export.set(0, header.replace("\"format\":1", "\"format\":2"));
    Path into = work.resolve("new");

    Cli.Result refused = importInto(into, write("format.jsonl", export));

    assertEquals(2, refused.exitCode(), refused.toString());
    assertTrue(
        refused.err().contains("export format 2, this Burrow reads format 1"), refused.toString());
    assertFalse(Files.exists(into), "nothing is made: " + refused);
  }

  /**
   * An instance the root holds damaged (job-2, which has a file in the archive) is named and left
   * as it is, neither its document nor its file written over it; the other documents are imported.
   * Before, the import stopped there (exit 4), the rest never imported.
   */
  @Test
  void anImportGoesOnPastAnInstanceTheRootHoldsDamagedNamingItAndLeavingItAsItIs()
      throws Exception {
    Path export = exported();
    Path document = directoryOf("job-2").resolve("instance.json");
    Files.writeString(document, "{ damaged");

    Cli.Result imported = importInto(root, export, "--dirs", work.resolve("jobs.tar").toString());

    assertEquals(1, imported.exitCode(), imported.toString());
    assertTrue(imported.err().contains(document.toString()), imported.toString());
    assertTrue(imported.err().contains("not written over it"), imported.toString());
    assertTrue(imported.err().contains("'job-2' damaged"), "its file: " + imported);
    assertTrue(imported.out().contains(" 2 unchanged"), imported.toString());
    assertTrue(
        imported.out().contains("; the root holds 1 instance damaged that the export's documents"),
        "the summary says the root lacks it: " + imported);
    assertFalse(imported.out().contains("the export left out"), imported.toString());
    assertEquals("{ damaged", Files.readString(document), "left as it is");
  }

  /**
   * An import that fails (here at an export cut short before its closing line) still names the
   * entries it skipped before the failure, and does not say every document was imported. Before,
   * the skipped entries were printed only when the import succeeded, and the message said "all
   * imported".
   */
  @Test
  void anImportThatFailsStillNamesWhatItSkipped() throws Exception {
    Path cut = exportCutShort();
    Path document = damagedDocumentOf("job-2");

    Cli.Result imported = importInto(root, cut);

    assertEquals(2, imported.exitCode(), imported.toString());
    assertTrue(imported.err().contains("skipped: " + document + ": "), imported.toString());
    assertTrue(imported.err().contains("(imported, or skipped as named"), imported.toString());
    assertFalse(imported.err().contains("all imported"), imported.toString());
  }

  /**
   * With {@code --json}, an import that fails names the entries it skipped before the failure in
   * its error object, and prints nothing but that JSON. Before, they were left out: a script could
   * not learn what the rerun would skip again.
   */
  @Test
  void anImportThatFailsWithJsonNamesWhatItSkippedInItsErrorObject() throws Exception {
    Path cut = exportCutShort();
    Path document = damagedDocumentOf("job-2");

    Cli.Result imported = importInto(root, cut, "--json");

    assertEquals(2, imported.exitCode(), imported.toString());
    assertEquals("", imported.out(), imported.toString());
    JsonNode error = JSON.readTree(imported.err());
    assertEquals(2, error.path("exitCode").asInt(), imported.toString());
    assertTrue(
        error.path("error").asText().contains("(imported, or skipped as named"),
        imported.toString());
    JsonNode entries = error.path("skippedEntries");
    assertEquals(1, entries.size(), imported.toString());
    assertEquals(
        document.toString(), entries.get(0).path("location").asText(), imported.toString());
  }

  @Test
  void aKindMarkerListingASubdirectoryTwiceIsNamedDamageAndLeftAsItIs() throws Exception {
    Path export = exported();
    Path marker = root.resolve(".burrow/store.json");
    String recorded = Files.readString(marker);
    String damaged =
        recorded.replace(
            "\"subdirectories\":[\"workspace\"]",
            "\"subdirectories\":[\"workspace\",\"workspace\"]");
    assertFalse(recorded.equals(damaged), recorded);
    Files.writeString(marker, damaged);

    Cli.Result refused = importInto(root, export);

    assertEquals(1, refused.exitCode(), refused.toString());
    assertTrue(refused.err().contains(marker.toString()), refused.toString());
    assertTrue(refused.err().contains("\"workspace\" twice"), refused.toString());
    assertEquals(damaged, Files.readString(marker), "never rewritten");
  }

  @Test
  void aLayoutThatIsNoLayoutNumberIsNamedDamageAndLeftAsItIs() throws Exception {
    Path marker = root.resolve(".burrow/store.json");
    String recorded = Files.readString(marker);
    for (String layout : List.of("4294967299", "null", "[4]")) {
      String damaged = recorded.replaceFirst("\"layout\":[0-9]+", "\"layout\":" + layout);
      assertFalse(recorded.equals(damaged), recorded);
      Files.writeString(marker, damaged);

      Cli.Result refused = burrow("ls", "--root", root.toString());

      assertEquals(1, refused.exitCode(), refused.toString());
      assertTrue(
          refused.err().contains(marker + ": its 'layout' is " + layout), refused.toString());
      assertEquals(damaged, Files.readString(marker), "never rewritten");
    }
  }

  @Test
  void aKindMarkerItMayNotReadIsNamedWithWhy() throws Exception {
    Path marker = root.resolve(".burrow/store.json");
    Files.setPosixFilePermissions(marker, java.util.Set.of());

    Cli.Result refused = Cli.runWithoutPermissionOverride(work, "ls", "--root", root.toString());

    assertEquals(1, refused.exitCode(), refused.toString());
    assertTrue(
        refused.err().contains(marker + ": it cannot be read: permission denied"),
        refused.toString());
    assertFalse(refused.err().contains("Exception"), "in plain words: " + refused);
  }

  @Test
  void textAfterTheClosingLineIsRefusedNamingItsLine() throws Exception {
    List<String> export = lines(exported());
    List<String> joined = new ArrayList<>(export);
    joined.add("GARBAGE");
    joined.addAll(export);

    Cli.Result refused = importInto(work.resolve("copy"), write("joined.jsonl", joined));

    assertEquals(2, refused.exitCode(), refused.toString());
    assertTrue(
        refused.err().contains("export line " + (export.size() + 1) + ": text after"),
        refused.toString());
  }

  @Test
  void aDocumentLineCarryingACountIsNoClosingLine() throws Exception {
    List<String> export = lines(exported());
    String document = export.get(1);
    export.set(1, document.substring(0, document.length() - 1) + ",\"instances\":0}");

    Cli.Result refused = importInto(work.resolve("copy"), write("mixed.jsonl", export));

    assertEquals(2, refused.exitCode(), refused.toString());
    assertTrue(refused.err().contains("export line 2: a closing line has"), refused.toString());
  }

  @Test
  void anArchivedEventLogNoReaderReadsIsSkippedNamedAndTheRestWritten() throws Exception {
    Path export = exported();
    Path log = directoryOf("job-2").resolve("events/events.jsonl");
    Files.writeString(log, "garbage\n".repeat(100));
    Cli.Result archived = burrow(exportWithDirectories(work.resolve("garbage.tar")));
    assertEquals(0, archived.exitCode(), archived.toString());
    Path copy = work.resolve("copy");

    Cli.Result imported =
        importInto(copy, export, "--dirs", work.resolve("garbage.tar").toString());

    assertEquals(1, imported.exitCode(), imported.toString());
    assertTrue(
        imported.err().contains("skipped: job-2/events/events.jsonl: not an event log"),
        imported.toString());
    assertTrue(imported.err().contains("line 1 (byte 0)"), imported.toString());
    assertFalse(
        Files.exists(Roots.directoryOf(copy, "job-2").resolve("events/events.jsonl")),
        "no garbage written as the log");
    assertTrue(
        Files.exists(Roots.directoryOf(copy, "job-2").resolve("workspace/build.log")),
        "the rest is written");
  }

  @Test
  void exportDirsSkipsAnEventLogWithASecondName() throws Exception {
    Path outside = Files.writeString(work.resolve("outside.txt"), "{\"secret\":1}\n");
    Path log = directoryOf("job-2").resolve("events/events.jsonl");
    Files.delete(log);
    Files.createLink(log, outside);

    Cli.Result exported = burrow(exportWithDirectories());

    assertEquals(0, exported.exitCode(), exported.toString());
    assertTrue(exported.out().contains("skipped 1 entry"), exported.toString());
    byte[] archive = Files.readAllBytes(work.resolve("jobs.tar"));
    assertFalse(
        new String(archive, StandardCharsets.ISO_8859_1).contains("secret"),
        "the outside file's bytes are not archived");
  }

  @Test
  void aPasswordInTheUrlIsMaskedWhereverAMessageQuotesIt() throws Exception {
    String password = "S3cretH";
    Cli.Result failed =
        burrow(
            "migrate",
            "--root",
            root.toString(),
            "--to",
            "jdbc:postgresql://127.0.0.1:1/jobs?user=app&password="
                + password
                + "&sslmode="
                + password);

    assertEquals(4, failed.exitCode(), failed.toString());
    assertTrue(failed.err().contains("sslmode"), "the driver's message: " + failed);
    assertFalse(failed.err().contains(password), failed.toString());
  }
}
