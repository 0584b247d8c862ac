package dev.burrow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.StoreOptions;
import dev.burrow.postgres.PostgresBackend;
import dev.burrow.postgres.PostgresOptions;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code export}, {@code import} and {@code migrate} of the packaged jar, in child JVMs: a root
 * moved through an export file into a new root and into PostgreSQL, read back by the application's
 * generated store, and run again without duplicating anything.
 */
@ExtendWith(PostgresExtension.class)
class TransferCommandsTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path work;
  private Path root;

  @BeforeEach
  void jobs() throws Exception {
    root = work.resolve("root");
    try (JobStore jobs = JobStore.open(StoreOptions.defaults().withDataRoot(root))) {
      jobs.create("job-1", c -> c.owner("ana"));
      jobs.update("job-1", c -> c.attempts(3));
      jobs.create("job-2", c -> c.owner("bo"));
      Files.writeString(jobs.dirs("job-2").workspace().resolve("result.txt"), "done\n");
    }
  }

  @Test
  void anExportImportedIntoANewRootGivesTheSameInstancesAndAgainChangesNothing() throws Exception {
    try (JobStore jobs = JobStore.open(StoreOptions.defaults().withDataRoot(root))) {
      Files.createSymbolicLink(
          jobs.dirs("job-2").workspace().resolve("latest"), Path.of("result.txt"));
    }
    Path export = work.resolve("jobs.jsonl");
    Path tar = work.resolve("jobs.tar");
    Cli.Result exported = exportWithDirectories(export, tar);
    assertEquals(0, exported.exitCode(), exported.toString());
    assertEquals(
        "exported 2 instances and 1 file; skipped 1 entry of instance directories that is not a"
            + " regular file (a link, FIFO, socket or device) or is an event log with a second name"
            + " (a hard link)\n",
        exported.out(),
        "the link is not archived, and the summary says so");
    List<String> lines = Files.readAllLines(export);
    assertTrue(lines.get(0).contains("\"kind\":\"jobs\""), lines.get(0));
    assertEquals("{\"end\":true,\"instances\":2,\"damaged\":0}", lines.get(lines.size() - 1));

    Path copy = work.resolve("copy");
    String[] importArgs = {
      "import", "--root", copy.toString(), "--in", export.toString(), "--dirs", tar.toString()
    };
    Cli.Result imported = Cli.run(work, importArgs);
    assertEquals(0, imported.exitCode(), imported.toString());
    assertTrue(imported.out().startsWith("imported 2 documents: 2 created,"), imported.toString());
    try (JobStore jobs = JobStore.open(StoreOptions.defaults().withDataRoot(copy))) {
      assertEquals(3, jobs.get("job-1").attempts());
      assertEquals(2, jobs.get("job-1").version(), "the version travels");
      assertEquals(
          "done\n", Files.readString(jobs.dirs("job-2").workspace().resolve("result.txt")));
    }

    Cli.Result again = Cli.run(work, importArgs);
    assertTrue(
        again.out().startsWith("imported 2 documents: 0 created, 0 replaced, 2 unchanged"),
        again.toString());
  }

  @Test
  void anExportToStdoutPipesIntoAnImport() throws Exception {
    Cli.Result exported = Cli.run(work, "export", "--root", root.toString(), "--json");
    assertEquals(0, exported.exitCode(), exported.toString());
    JsonNode summary = JSON.readTree(exported.err().lines().reduce((a, b) -> b).orElseThrow());
    assertEquals(2, summary.path("instances").asInt());

    Path export = Files.writeString(work.resolve("piped.jsonl"), exported.out());
    Cli.Result imported = importJson(work.resolve("piped"), export);
    assertEquals(2, JSON.readTree(imported.out()).path("created").asInt(), imported.toString());
  }

  @Test
  void importRefusesADirectoryThatIsNoDataRootAndAnInputThatIsNoWholeExport() throws Exception {
    Path export = work.resolve("jobs.jsonl");
    Cli.run(work, "export", "--root", root.toString(), "--out", export.toString());
    Path busy = Files.createDirectories(work.resolve("busy"));
    Files.writeString(busy.resolve("notes.txt"), "mine\n");
    Cli.Result refused =
        Cli.run(work, "import", "--root", busy.toString(), "--in", export.toString());
    assertEquals(3, refused.exitCode(), refused.toString());
    assertEquals(List.of("notes.txt"), List.of(busy.toFile().list()), "nothing was created");

    Path fresh = work.resolve("fresh");
    Cli.Result fromDirectory =
        Cli.run(work, "import", "--root", fresh.toString(), "--in", busy.toString());
    assertEquals(2, fromDirectory.exitCode(), fromDirectory.toString());
    assertEquals(
        "burrow: --in " + busy + " is a directory; give the export's JSON Lines\n",
        fromDirectory.err());
    Cli.Result archiveDirectory =
        Cli.run(
            work,
            "import",
            "--root",
            fresh.toString(),
            "--in",
            export.toString(),
            "--dirs",
            busy.toString());
    assertEquals(2, archiveDirectory.exitCode(), archiveDirectory.toString());
    assertTrue(
        archiveDirectory.err().startsWith("burrow: --dirs " + busy + " is a directory"),
        archiveDirectory.toString());
    assertFalse(Files.exists(fresh), "no root was created");

    Path notAnExport = Files.writeString(work.resolve("x.jsonl"), "{\"id\":\"a\"}\n");
    Cli.Result corrupt =
        Cli.run(
            work,
            "import",
            "--root",
            work.resolve("new").toString(),
            "--in",
            notAnExport.toString());
    assertEquals(2, corrupt.exitCode(), "the input's fault, not a failure: " + corrupt);
    assertTrue(corrupt.err().contains("export line 1: "), corrupt.toString());

    List<String> lines = Files.readAllLines(export);
    Path cut = Files.write(work.resolve("cut.jsonl"), lines.subList(0, lines.size() - 1));
    Cli.Result cutShort =
        Cli.run(work, "import", "--root", work.resolve("new").toString(), "--in", cut.toString());
    assertEquals(2, cutShort.exitCode(), cutShort.toString());
    assertTrue(cutShort.err().contains("cut short"), cutShort.toString());
  }

  /**
   * A damaged export line is named by its number with what is wrong with it, on one line, without
   * the parser's source descriptions; an export of another layout names the kinds' fields in words.
   */
  @Test
  void importNamesTheDamagedLineAndWhatIsWrongInOneLine() throws Exception {
    Path export = work.resolve("jobs.jsonl");
    Cli.run(work, "export", "--root", root.toString(), "--out", export.toString());
    List<String> lines = Files.readAllLines(export);
    record Case(String line, String error, String then) {}
    List<Case> cases =
        List.of(
            new Case(
                "{\"id\": \"job-1\", \"version\": ",
                "export line 2: not valid JSON at ",
                ": Unexpected end-of-input"),
            new Case("[1]", "export line 2: not a JSON object", ""),
            new Case(
                "{\"id\": \"job-1\", \"version\": \"two\", \"document\": {}}",
                "export line 2: field 'version': a whole number is expected, not a string",
                ""),
            new Case(
                lines.get(1).replaceFirst("\"owner\":\"[a-z]+\"", "\"owner\":[7]"),
                "export line 2: not a document of kind 'jobs': field 'owner': ",
                ""),
            new Case(
                lines.get(1).replace("\"version\":", "\"version\":-"),
                "export line 2: version -",
                " is out of range: stored versions go from 0 to "));
    for (Case wrong : cases) {
      List<String> damaged = new java.util.ArrayList<>(lines);
      damaged.set(1, wrong.line());
      Path in = Files.write(work.resolve("damaged.jsonl"), damaged);
      String[] args = {"import", "--root", work.resolve("new").toString(), "--in", in.toString()};
      Cli.Result text = Cli.run(work, args);
      assertEquals(2, text.exitCode(), text.toString());
      assertTrue(text.err().startsWith("burrow: " + wrong.error()), text.toString());
      assertTrue(text.err().contains(wrong.then()), text.toString());
      assertEquals(1, text.err().lines().count(), "one line: " + text);
      for (String internal : List.of("Source", "REDACTED", "\\u", "line: ", " at line ")) {
        assertFalse(text.err().contains(internal), internal + " in " + text);
      }
      List<String> withJson = new java.util.ArrayList<>(List.of(args));
      withJson.add("--json");
      Cli.Result json = Cli.run(work, withJson.toArray(String[]::new));
      assertEquals(
          text.err().substring("burrow: ".length()).strip(),
          JSON.readTree(json.err()).path("error").asString(),
          json.toString());
    }

    lines.set(0, lines.get(0).replace("\"id\":\"id\"", "\"id\":\"key\""));
    Path otherFields = Files.write(work.resolve("other.jsonl"), lines);
    Cli.Result refused =
        Cli.run(work, "import", "--root", root.toString(), "--in", otherFields.toString());
    assertEquals(2, refused.exitCode(), refused.toString());
    assertFalse(refused.err().contains("ManagedFields"), refused.toString());
    assertTrue(
        refused
            .err()
            .contains(
                "an export of kind 'jobs' whose fields differ from this root's: the ID is in field"
                    + " 'key', not in field 'id'"),
        refused.toString());
  }

  /** Adds job-3, whose document is then damaged; returns the document's path. */
  private Path damagedThird() throws Exception {
    Path document;
    try (JobStore jobs = Roots.open(root)) {
      jobs.create("job-3", c -> c.owner("cy"));
      document = jobs.dirs("job-3").root().resolve("instance.json");
    }
    Files.writeString(document, "{\"id\": \"job-3\"");
    return document;
  }

  @Test
  void anExportNamesAndCountsWhatItLeftOut() throws Exception {
    Path document = damagedThird();
    Path export =
        exportNaming(
            document,
            "not a valid document",
            "exported 2 instances; left out 1 damaged instance",
            1);

    Cli.Result json =
        Cli.run(work, "export", "--root", root.toString(), "--out", export.toString(), "--json");
    assertEquals(1, json.exitCode(), json.toString());
    JsonNode summary = JSON.readTree(json.out());
    assertEquals(1, summary.path("damaged").asInt(), json.toString());
    assertEquals(
        document.toString(), Cli.firstLocation(summary, "damagedInstances"), json.toString());

    Cli.Result imported =
        Cli.run(
            work, "import", "--root", work.resolve("copy").toString(), "--in", export.toString());
    assertEquals(0, imported.exitCode(), imported.toString());
    assertTrue(imported.out().startsWith("imported 2 documents: 2 created,"), imported.toString());
    assertTrue(
        imported.out().endsWith("; the export left out 1 damaged instance\n"),
        "the import says the export lacks an instance: " + imported);
    Cli.Result importedJson = importJson(work.resolve("copy"), export);
    assertEquals(1, JSON.readTree(importedJson.out()).path("damaged").asInt(), importedJson.out());
  }

  /**
   * An instance's directory moved into another instance's leaf is an instance no lookup by its ID
   * finds: export leaves it out and counts it as a damaged instance, never as a stray entry; a file
   * named like an ID beside it is no instance, and is counted as a stray entry.
   */
  @Test
  void anInstanceInTheWrongShardIsCountedAsADamagedInstanceLeftOut() throws Exception {
    Path misplaced;
    Path otherLeaf;
    try (JobStore jobs = Roots.open(root)) {
      jobs.create("job-3", c -> c.owner("cy"));
      otherLeaf = jobs.dirs("job-1").root().getParent();
      misplaced = Files.move(jobs.dirs("job-3").root(), otherLeaf.resolve("job-3"));
    }
    Path file = Files.writeString(otherLeaf.resolve("job-7"), "a user's file\n");
    Path export =
        exportNaming(
            misplaced,
            "not an instance: instance 'job-3'",
            "exported 2 instances; left out 1 damaged instance; found 1 entry of instances/ that"
                + " is not an instance (named)",
            1);

    Cli.Result json =
        Cli.run(work, "export", "--root", root.toString(), "--out", export.toString(), "--json");
    JsonNode summary = JSON.readTree(json.out());
    assertEquals(misplaced.toString(), Cli.firstLocation(summary, "damagedInstances"), json.out());
    assertEquals(file.toString(), Cli.firstLocation(summary, "strays"), json.out());
  }

  /**
   * Exports the root to {@code jobs.jsonl} and checks what the export says: it names {@code
   * location} with a reason starting {@code why}, its summary ends with {@code summaryEnd}, its
   * closing line counts {@code damaged} damaged instances, and it exits 1.
   *
   * @return the export
   */
  private Path exportNaming(Path location, String why, String summaryEnd, int damaged)
      throws Exception {
    Path export = work.resolve("jobs.jsonl");
    Cli.Result exported =
        Cli.run(work, "export", "--root", root.toString(), "--out", export.toString());
    assertEquals(1, exported.exitCode(), "damage found: " + exported);
    assertTrue(exported.out().contains("damaged: " + location + ": " + why), exported.toString());
    assertTrue(exported.out().endsWith(summaryEnd + "\n"), exported.toString());
    List<String> lines = Files.readAllLines(export);
    assertEquals(
        "{\"end\":true,\"instances\":2,\"damaged\":" + damaged + "}", lines.get(lines.size() - 1));
    return export;
  }

  /**
   * An entry of {@code instances/} that is no instance (a file a user left there) is named, and the
   * command exits 1 as for damage, but it hides no instance: nothing was left out, and neither the
   * summary nor the closing line, which an import reads, counts it as a damaged instance (before,
   * both said "left out 1 damaged instance").
   */
  @Test
  void aStrayEntryIsNamedButNeverCountedAsADamagedInstance() throws Exception {
    Path stray = Files.writeString(root.resolve("instances").resolve("notes.txt"), "mine\n");
    Path export =
        exportNaming(
            stray,
            "not an instance: ",
            "exported 2 instances; found 1 entry of instances/ that is not an instance (named)",
            0);

    Cli.Result json =
        Cli.run(work, "export", "--root", root.toString(), "--out", export.toString(), "--json");
    assertEquals(1, json.exitCode(), json.toString());
    JsonNode summary = JSON.readTree(json.out());
    assertEquals(0, summary.path("damaged").asInt(), json.toString());
    assertEquals(0, summary.path("damagedInstances").size(), json.toString());
    assertEquals(stray.toString(), Cli.firstLocation(summary, "strays"), json.toString());

    Cli.Result imported =
        Cli.run(
            work, "import", "--root", work.resolve("copy").toString(), "--in", export.toString());
    assertEquals(0, imported.exitCode(), imported.toString());
    assertFalse(imported.out().contains("left out"), imported.toString());
  }

  /**
   * Entries of a shard that are no instances, named like instances or not (a link, a file, a
   * directory holding no {@code instance.json}), are counted apart by every command: {@code stats}
   * and {@code export} count no damaged instance for them, and {@code fsck} finds them outside the
   * instances. Before, {@code stats} counted each as a damaged instance, {@code fsck} counted those
   * named like an ID as instances, and {@code export} counted the directory, named like an ID, as a
   * damaged instance in the wrong shard.
   */
  @Test
  void entriesOfAShardThatAreNoInstancesAreNeverCountedAsInstances() throws Exception {
    Path leaf;
    try (JobStore jobs = Roots.open(root)) {
      leaf = jobs.dirs("job-1").root().getParent();
    }
    Files.createSymbolicLink(leaf.resolve("stray-link"), work);
    Files.writeString(leaf.resolve("notes"), "mine\n");
    Path empty = Files.createDirectory(leaf.resolve("zzz-1"));
    String strays = "3 entries of instances/ that are not instances";

    Cli.Result stats = Cli.run(work, "stats", "--root", root.toString());
    assertEquals(1, stats.exitCode(), stats.toString());
    assertTrue(stats.out().contains("instances    2 (and " + strays + ")\n"), stats.toString());
    JsonNode counted =
        JSON.readTree(Cli.run(work, "stats", "--root", root.toString(), "--json").out());
    assertEquals(0, counted.path("damaged").asInt(), counted.toString());
    assertEquals(3, counted.path("strays").size(), counted.toString());

    Cli.Result fsck = Cli.run(work, "fsck", "--root", root.toString());
    assertEquals(1, fsck.exitCode(), fsck.toString());
    assertTrue(
        fsck.out().contains("2 instances checked, 3 problems found outside the instances"),
        fsck.toString());

    exportNaming(
        empty,
        "not an instance: 'zzz-1' is a directory holding no instance.json",
        "exported 2 instances; found " + strays + " (named)",
        0);
  }

  /**
   * The JSON Lines and the archive given one file (here through a link) would overwrite each other
   * into neither: refused before anything is written, the file left as it was.
   */
  @Test
  void anExportRefusesToWriteItsLinesAndItsArchiveIntoOneFile() throws Exception {
    Path mine = Files.writeString(work.resolve("jobs.export"), "the user's own file\n");
    Path link = Files.createSymbolicLink(work.resolve("jobs.tar"), mine);
    Cli.Result refused = exportWithDirectories(mine, link);
    assertEquals(2, refused.exitCode(), refused.toString());
    assertEquals(
        "burrow: --out "
            + mine
            + " and --dirs "
            + link
            + " are the same file, where the two outputs would overwrite each other, so nothing"
            + " was written; give each a file of its own\n",
        refused.err());
    assertEquals("the user's own file\n", Files.readString(mine));
  }

  /**
   * An output that cannot be written where it is named is refused before the root is opened (here a
   * root that does not exist, which would stop the command with exit 3): a directory as {@code
   * import --in} is (exit 2), and a file whose directory is missing or is a file by naming that
   * directory, not the file (exit 4, as a file that cannot be opened).
   */
  @Test
  void anExportRefusesADirectoryAndNamesTheMissingDirectoryOfItsOutput() throws Exception {
    String noRoot = work.resolve("no-root").toString();
    Path directory = Files.createDirectory(work.resolve("exports"));
    Cli.Result outDirectory =
        Cli.run(work, "export", "--root", noRoot, "--out", directory.toString());
    assertEquals(2, outDirectory.exitCode(), outDirectory.toString());
    assertEquals(
        "burrow: --out " + directory + " is a directory; give a file for the export's JSON Lines\n",
        outDirectory.err());
    Cli.Result dirsDirectory =
        Cli.run(
            work,
            "export",
            "--root",
            root.toString(),
            "--out",
            work.resolve("jobs.jsonl").toString(),
            "--dirs",
            directory.toString());
    assertEquals(2, dirsDirectory.exitCode(), dirsDirectory.toString());
    assertEquals(
        "burrow: --dirs "
            + directory
            + " is a directory; give a file for the tar archive of the instance directories\n",
        dirsDirectory.err());
    assertEquals(List.of(), List.of(directory.toFile().list()), "nothing was written there");
    assertFalse(Files.exists(work.resolve("jobs.jsonl")), "nothing was written");

    Path deep = work.resolve("no-such").resolve("nor-this").resolve("jobs.jsonl");
    Cli.Result missing = Cli.run(work, "export", "--root", noRoot, "--out", deep.toString());
    assertEquals(4, missing.exitCode(), missing.toString());
    assertEquals(
        "burrow: "
            + work.resolve("no-such")
            + ": no such directory, so --out "
            + deep
            + " cannot be written\n",
        missing.err(),
        "the first directory missing on the way is named");

    Path file = Files.writeString(work.resolve("notes.txt"), "mine\n");
    Path underFile = file.resolve("jobs.tar");
    Cli.Result notDirectory =
        Cli.run(work, "export", "--root", noRoot, "--dirs", underFile.toString());
    assertEquals(4, notDirectory.exitCode(), notDirectory.toString());
    assertEquals(
        "burrow: " + file + ": not a directory, so --dirs " + underFile + " cannot be written\n",
        notDirectory.err());
    assertFalse(Files.exists(work.resolve("no-such")), "nothing was made");
    assertFalse(Files.exists(Path.of(noRoot)), "nothing was made");
  }

  /**
   * An export holds every document of the root, which Burrow keeps owner-only: its new files are
   * made 0600 whatever the umask (here 022, under which a plain new file is 0644), and a file it
   * replaces keeps the permissions it had.
   */
  @Test
  void anExportMakesItsNewFilesOwnerOnlyAndAReplacedFileKeepsItsPermissions() throws Exception {
    Path export = work.resolve("jobs.jsonl");
    Path tar = work.resolve("jobs.tar");
    List<String> umask022 = List.of("sh", "-c", "umask 022 && exec \"$@\"", "sh");
    String[] args = {
      "export", "--root", root.toString(), "--out", export.toString(), "--dirs", tar.toString()
    };
    Cli.Result made = Cli.runUnder(umask022, work, () -> {}, args);
    assertEquals(0, made.exitCode(), made.toString());
    assertEquals("rw-------", permissions(export), "the JSON Lines are the owner's alone");
    assertEquals("rw-------", permissions(tar), "the archive is the owner's alone");

    Files.setPosixFilePermissions(export, PosixFilePermissions.fromString("rw-r-----"));
    Files.setPosixFilePermissions(tar, PosixFilePermissions.fromString("rw-rw----"));
    Cli.Result replaced = Cli.runUnder(umask022, work, () -> {}, args);
    assertEquals(0, replaced.exitCode(), replaced.toString());
    assertEquals("rw-r-----", permissions(export), "a replaced file keeps its permissions");
    assertEquals("rw-rw----", permissions(tar), "a replaced archive keeps its permissions");
  }

  private static String permissions(Path file) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }

  @Test
  void migrateNamesCountsAndExitsOneForWhatItLeftBehind(LocalPostgres server) throws Exception {
    Path document = damagedThird();
    Path hosts = work.resolve("hosts");
    Cli.Result migrated = Cli.run(work, Roots.migrate(root, server, "left_", hosts));
    assertEquals(1, migrated.exitCode(), "an instance was left behind: " + migrated);
    assertTrue(
        migrated.out().contains("damaged: " + document + ": not a valid document"),
        migrated.toString());
    assertTrue(migrated.out().contains("migrated 2 documents: 2 created, "), migrated.toString());
    assertTrue(migrated.out().contains("left behind 1 damaged instance"), migrated.toString());

    Cli.Result again = Cli.run(work, Roots.migrate(root, server, "left_", hosts, "--json"));
    assertEquals(1, again.exitCode(), again.toString());
    JsonNode summary = JSON.readTree(again.out());
    assertEquals(2, summary.path("unchanged").asInt(), again.toString());
    assertEquals(1, summary.path("damaged").asInt(), again.toString());
    assertEquals(
        document.toString(), Cli.firstLocation(summary, "damagedInstances"), again.toString());
  }

  /**
   * An instance PostgreSQL holds damaged is not written over, so the target lacks the root's
   * document: migrate names it, counts it as damaged and exits 1. Before, it was counted among the
   * skipped entries only, unnamed, and migrate exited 0 saying nothing was left behind.
   */
  @Test
  void migrateNamesCountsAndExitsOneForAnInstanceTheTargetHoldsDamaged(LocalPostgres server)
      throws Exception {
    Path hosts = work.resolve("hosts");
    Cli.Result first = Cli.run(work, Roots.migrate(root, server, "held_", hosts));
    assertEquals(0, first.exitCode(), first.toString());
    try (Connection connection = server.sharedPool().getConnection();
        Statement statement = connection.createStatement()) {
      statement.executeUpdate("UPDATE held_instances SET document = '[]' WHERE id = 'job-1'");
    }

    Cli.Result migrated = Cli.run(work, Roots.migrate(root, server, "held_", hosts));

    assertEquals(1, migrated.exitCode(), "the target lacks job-1's document: " + migrated);
    assertTrue(migrated.out().contains("damaged: "), migrated.toString());
    assertTrue(migrated.out().contains("holds this instance damaged"), migrated.toString());
    assertTrue(migrated.out().contains("left behind 1 damaged instance"), migrated.toString());
    Cli.Result json = Cli.run(work, Roots.migrate(root, server, "held_", hosts, "--json"));
    assertEquals(1, JSON.readTree(json.out()).path("damaged").asInt(), json.toString());
  }

  @Test
  void migrateNamesAStrayEntryWithoutCountingItAsLeftBehind(LocalPostgres server) throws Exception {
    Path stray = Files.createDirectory(root.resolve("instances").resolve("not an id"));
    Path hosts = work.resolve("hosts");
    Cli.Result migrated = Cli.run(work, Roots.migrate(root, server, "stray_", hosts));
    assertEquals(1, migrated.exitCode(), "damage found: " + migrated);
    assertTrue(
        migrated.out().contains("damaged: " + stray + ": not an instance: "), migrated.toString());
    assertFalse(migrated.out().contains("left behind"), migrated.toString());
    assertTrue(
        migrated.out().endsWith("; found 1 entry of instances/ that is not an instance (named)\n"),
        migrated.toString());

    Cli.Result again = Cli.run(work, Roots.migrate(root, server, "stray_", hosts, "--json"));
    JsonNode summary = JSON.readTree(again.out());
    assertEquals(0, summary.path("damaged").asInt(), again.toString());
    assertEquals(stray.toString(), Cli.firstLocation(summary, "strays"), again.toString());
  }

  @Test
  void migrateCopiesTheRootIntoPostgresAndTheApplicationReadsIt(LocalPostgres server)
      throws Exception {
    Path hosts = work.resolve("hosts");
    try (JobStore jobs = JobStore.open(StoreOptions.defaults().withDataRoot(root))) {
      Roots.mkfifo(jobs.dirs("job-1").workspace().resolve("progress.fifo"));
    }
    String[] args = Roots.migrate(root, server, "cli_", hosts);
    Cli.Result migrated = Cli.run(work, args);
    assertEquals(0, migrated.exitCode(), migrated.toString());
    assertTrue(migrated.out().startsWith("migrated 2 documents: 2 created,"), migrated.toString());
    assertTrue(
        migrated.out().contains("; skipped 1 entry of instance directories that is not a regular"),
        "the FIFO is neither opened nor copied, and the summary says so: " + migrated);
    try (JobStore jobs =
        JobStore.open(
            PostgresBackend.of(
                server.sharedPool(), PostgresOptions.defaults().withTablePrefix("cli_")),
            StoreOptions.defaults().withDataRoot(hosts))) {
      assertEquals(3, jobs.get("job-1").attempts());
      assertEquals("bo", jobs.get("job-2").owner());
      assertEquals(
          "done\n", Files.readString(jobs.dirs("job-2").workspace().resolve("result.txt")));
    }
    Cli.Result again = Cli.run(work, args);
    assertTrue(again.out().contains("0 created, 0 replaced, 2 unchanged"), again.toString());

    Cli.Result wrongUrl = migrate("--to", "mysql://x");
    assertEquals(2, wrongUrl.exitCode(), wrongUrl.toString());
  }

  /**
   * A --local-root that is the data root (here through a link to it), lies inside it or contains it
   * is refused with exit 2 and both paths named, before anything is touched: no database is asked
   * (the URL names none that listens) and no directory is made.
   */
  @Test
  void migrateRefusesALocalRootThatIsInsideOrHoldsTheDataRoot() throws Exception {
    Path link = Files.createSymbolicLink(work.resolve("link"), root);
    Path inside = root.resolve("hosts");
    for (Path local : List.of(link, inside, work)) {
      Cli.Result refused =
          migrate("--to", "jdbc:postgresql://127.0.0.1:1/jobs", "--local-root", local.toString());
      assertEquals(2, refused.exitCode(), refused.toString());
      assertTrue(refused.err().contains("--local-root " + local), refused.toString());
      assertTrue(refused.err().contains("the data root " + root), refused.toString());
      assertTrue(refused.err().contains("nothing was migrated"), refused.toString());
    }
    assertFalse(Files.exists(inside), "nothing was made");
  }

  /**
   * Tables that record the kind with another shape than the root's (here the root's marker says
   * 'attempts' holds text, the tables that it holds a number) are refused with exit 2, naming the
   * kind and the difference, before anything is written: the row of the instance the root changed
   * since keeps its version, and the recorded description stays the application's.
   */
  @Test
  void migrateRefusesTablesRecordingTheKindWithAnotherShapeAndWritesNothing(LocalPostgres server)
      throws Exception {
    String[] args = Roots.migrate(root, server, "shape_", work.resolve("hosts"));
    assertEquals(0, Cli.run(work, args).exitCode());
    try (JobStore jobs = JobStore.open(StoreOptions.defaults().withDataRoot(root))) {
      jobs.update("job-1", c -> c.attempts(4));
    }
    String recorded = firstValue(server, "SELECT description FROM shape_kinds");
    Path marker = root.resolve(".burrow/store.json");
    JsonNode described = JSON.readTree(Files.readString(marker));
    JsonNode fields = described.path("shape").path("fields");
    ((ObjectNode) fields.path("attempts")).set("type", fields.path("owner").path("type"));
    Files.writeString(marker, JSON.writeValueAsString(described));

    Cli.Result refused = Cli.run(work, args);
    assertEquals(2, refused.exitCode(), refused.toString());
    assertTrue(refused.err().contains("kind 'jobs'"), refused.toString());
    assertTrue(refused.err().contains("field 'attempts'"), refused.toString());
    assertEquals("2", firstValue(server, "SELECT count(*) FROM shape_instances"));
    assertEquals("2", firstValue(server, "SELECT version FROM shape_instances WHERE id = 'job-1'"));
    assertEquals(recorded, firstValue(server, "SELECT description FROM shape_kinds"));
  }

  /**
   * A {@code --local-root} that serves other tables is refused with exit 2, naming the option that
   * chooses it. Before, the message named only {@code StoreOptions.withDataRoot}, a name of the
   * Java API the command line never shows.
   */
  @Test
  void migrateRefusesALocalRootServingOtherTablesNamingTheOption(LocalPostgres server)
      throws Exception {
    Path hosts = work.resolve("hosts");
    assertEquals(0, Cli.run(work, Roots.migrate(root, server, "first_", hosts)).exitCode());

    Cli.Result refused = Cli.run(work, Roots.migrate(root, server, "second_", hosts));
    assertEquals(2, refused.exitCode(), refused.toString());
    assertTrue(refused.err().contains("--local-root of burrow migrate"), refused.toString());
  }

  /**
   * A {@code --to} database whose encoding is not UTF8 is refused with exit 2, as its tables of
   * another shape are, naming the encoding, before anything is made in it or {@code --local-root}
   * is made.
   */
  @Test
  void migrateRefusesADatabaseThatIsNotUtf8(LocalPostgres server) throws Exception {
    String database = "latin_" + Long.toHexString(System.nanoTime());
    try (Connection connection = server.sharedPool().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE DATABASE "
              + database
              + " ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
    }
    Path hosts = work.resolve("hosts");

    Cli.Result refused =
        migrate(
            "--to",
            server.jdbcUrl().replace("/postgres?", "/" + database + "?"),
            "--local-root",
            hosts.toString());
    assertEquals(2, refused.exitCode(), refused.toString());
    assertTrue(refused.err().contains("the database's encoding is LATIN1"), refused.toString());
    assertFalse(Files.exists(hosts), "nothing was made");
  }

  /** The first column of the first row {@code query} finds on {@code server}, as text. */
  private static String firstValue(LocalPostgres server, String query) throws SQLException {
    try (Connection connection = server.sharedPool().getConnection();
        Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery(query)) {
      assertTrue(row.next(), query);
      return row.getString(1);
    }
  }

  /** {@code burrow import --json} of {@code export} into {@code into}. */
  /** {@code burrow migrate --root <root>} with {@code options}. */
  private Cli.Result migrate(String... options) throws Exception {
    return Cli.run(
        work,
        Stream.concat(Stream.of("migrate", "--root", root.toString()), Stream.of(options))
            .toArray(String[]::new));
  }

  private Cli.Result importJson(Path into, Path export) throws Exception {
    return Cli.run(work, "import", "--root", into.toString(), "--in", export.toString(), "--json");
  }

  /**
   * A {@code --table-prefix} the PostgreSQL backend cannot take is refused as a usage error naming
   * the option, before the root is opened or a connection made. Before, the message began with
   * {@code PostgresOptions.tablePrefix}, a name of the Java API the command line never shows.
   */
  @Test
  void migrateRefusesATablePrefixNamingTheOption() throws Exception {
    Cli.Result refused =
        migrate("--to", "jdbc:postgresql://127.0.0.1:1/jobs", "--table-prefix", "Jobs-");

    assertEquals(2, refused.exitCode(), refused.toString());
    assertTrue(refused.err().startsWith("burrow: --table-prefix 'Jobs-' "), refused.toString());
  }

  @Test
  void noMessageOfMigrateShowsThePassword() throws Exception {
    String password = "s3cret-Pw";
    List<List<String>> wrong =
        List.of(
            List.of("--to", "postgresql://app:" + password + "@127.0.0.1:1/jobs"),
            List.of("--to", "jdbc:mysql://127.0.0.1:1/jobs?user=app&password=" + password),
            List.of("jdbc:postgresql://127.0.0.1:1/jobs?password=" + password, "--to", "x:"),
            List.of("--to", "jdbc:postgresql://127.0.0.1:1/jobs?user=app&password=" + password),
            List.of("--to", "jdbc:postgresql://127.0.0.1:notaport/jobs?password=" + password),
            List.of("--to", "jdbc:postgresql://app:" + password + "@127.0.0.1:1/jobs"));
    for (List<String> to : wrong) {
      Cli.Result failed = migrate(to.toArray(String[]::new));
      assertTrue(failed.exitCode() != 0, failed.toString());
      assertFalse(failed.err().isBlank(), "it says why: " + failed);
      assertFalse(
          failed.out().contains(password) || failed.err().contains(password), failed.toString());
    }
    Path file = Files.writeString(work.resolve("password"), password + "\n");
    Cli.Result refused =
        migrate(
            "--to",
            "jdbc:postgresql://127.0.0.1:1/jobs?user=app",
            "--password-file",
            file.toString());
    assertEquals(4, refused.exitCode(), refused.toString());
    assertFalse(refused.err().contains(password), refused.toString());
  }

  @Test
  void migrateTakesThePasswordFromAFileOffTheCommandLine(LocalPostgres server) throws Exception {
    Path file = Files.writeString(work.resolve("password"), "secret\n");
    String[] args =
        Roots.migrate(
            root, server, "pw_", work.resolve("hosts"), "--password-file", file.toString());
    Cli.Result migrated = Cli.run(work, args);
    assertEquals(0, migrated.exitCode(), migrated.toString());
    assertTrue(migrated.out().startsWith("migrated 2 documents: 2 created,"), migrated.toString());
  }

  /**
   * A {@code --password-file} that cannot be opened is named with why, exit 4, as {@code import
   * --in} names its file, and one that is a directory is refused naming it, exit 2, as {@code
   * import --in DIR} is; nothing is connected to. Before, a missing one was exit 2 with a Java
   * exception's name ({@code --password-file F cannot be read: java.nio.file.NoSuchFileException:
   * F}), and a directory a message naming no file.
   */
  @Test
  void aPasswordFileThatCannotBeOpenedIsNamedWithWhyAsAnyInputFile() throws Exception {
    Path missing = work.resolve("missing-password");
    String to = "jdbc:postgresql://127.0.0.1:1/jobs?user=app";
    Cli.Result noFile = migrate("--to", to, "--password-file", missing.toString());
    assertEquals(4, noFile.exitCode(), noFile.toString());
    assertEquals("burrow: " + missing + ": no such file or directory\n", noFile.err());

    Path directory = Files.createDirectory(work.resolve("secrets"));
    assertPasswordFileRefused(
        to, directory, "is a directory; give a file whose first line is the password");

    Path latin1 = Files.write(work.resolve("latin1-password"), new byte[] {'p', (byte) 0xe4, '\n'});
    assertPasswordFileRefused(to, latin1, "is not UTF-8 text; its first line is the password");
  }

  /**
   * {@code migrate} refuses {@code file} as its password file with exit 2, saying it {@code is}.
   */
  private void assertPasswordFileRefused(String to, Path file, String is) throws Exception {
    Cli.Result refused = migrate("--to", to, "--password-file", file.toString());
    assertEquals(2, refused.exitCode(), refused.toString());
    assertEquals("burrow: --password-file " + file + " " + is + "\n", refused.err());
  }

  /**
   * {@code burrow export} of the root, the JSON Lines to {@code out}, the files to {@code dirs}.
   */
  private Cli.Result exportWithDirectories(Path out, Path dirs) throws Exception {
    return Cli.run(
        work,
        "export",
        "--root",
        root.toString(),
        "--out",
        out.toString(),
        "--dirs",
        dirs.toString());
  }
}
