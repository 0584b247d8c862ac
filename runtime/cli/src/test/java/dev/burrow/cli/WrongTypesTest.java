package dev.burrow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/**
 * Documents that are valid JSON with the managed fields in place but a value the application's
 * codec refuses: the commands, without the application's classes, check them against the document
 * shape the application recorded in {@code .burrow/store.json}, as strictly as the application
 * reads them.
 */
class WrongTypesTest extends OnThreeJobs {

  @Test
  void fsckNamesTheFieldWhoseValueTheApplicationCannotRead() throws Exception {
    Path document = directoryOf("job-1").resolve("instance.json");
    String healthy = Files.readString(document);
    record Case(String field, String value, String why) {}
    List<Case> cases =
        List.of(
            new Case(
                "attempts", "\"many\"", "field 'attempts': expected an int but found the string"),
            new Case("attempts", "3000000000", "field 'attempts': expected an int but found"),
            new Case(
                "status",
                "null",
                "field 'status': null is not allowed, Job.status is not @Nullable"),
            new Case("owner", "[\"ana\"]", "field 'owner': expected a string"),
            new Case("createdAt", "\"yesterday\"", "field 'createdAt': expected an ISO-8601"));
    for (Case wrong : cases) {
      Files.writeString(document, withField(healthy, wrong.field(), wrong.value()));

      Cli.Result checked = burrow("fsck", "--root", root.toString());

      assertDamaged(checked, document, wrong.why());
      assertTrue(
          checked.out().contains("3 instances checked, 1 problem found in 1 instance"),
          checked.toString());
    }
    Files.writeString(document, withField(healthy, "owner", "null"));
    Cli.Result nullable = burrow("fsck", "--root", root.toString());
    assertFalse(nullable.out().contains("damaged: " + document), "owner is @Nullable: " + nullable);
    Files.writeString(document, withField(healthy, "attempt", "{\"any\": [1]}"));
    Cli.Result unknown = burrow("fsck", "--root", root.toString());
    assertEquals(0, unknown.exitCode(), "Job ignores unknown fields: " + unknown);
  }

  /**
   * The command exited 1, naming {@code document} as damaged for a reason starting with {@code
   * why}.
   */
  private static void assertDamaged(Cli.Result result, Path document, String why) {
    assertEquals(1, result.exitCode(), result.toString());
    assertTrue(
        result
            .out()
            .contains("damaged: " + document + ": not a valid document of kind 'jobs': " + why),
        result.toString());
  }

  /** {@code document} with {@code field} set to the JSON {@code value}. */
  private static String withField(String document, String field, String value) {
    ObjectNode changed = (ObjectNode) JSON.readTree(document);
    changed.set(field, JSON.readTree(value));
    return changed.toString();
  }

  /**
   * A value only the recorded shape refuses may be one another version of the application reads (a
   * newer one that added an enum constant): {@code --repair} reports it and leaves it in place.
   */
  @Test
  void repairLeavesADocumentOnlyTheShapeRefusesInPlace() throws Exception {
    Path document = directoryOf("job-1").resolve("instance.json");
    String wrong = withField(Files.readString(document), "createdAt", "\"tomorrow\"");
    Files.writeString(document, wrong);

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());

    assertDamaged(repaired, document, "field 'createdAt'");
    assertFalse(repaired.out().contains("quarantined: "), repaired.toString());
    assertEquals(wrong, Files.readString(document), "left as it was");
  }

  @Test
  void aRootRecordedBeforeShapesIsCheckedOnceTheApplicationOpensIt() throws Exception {
    Path document = directoryOf("job-1").resolve("instance.json");
    Path marker = root.resolve(".burrow/store.json");
    ObjectNode recorded = (ObjectNode) JSON.readTree(Files.readString(marker));
    assertTrue(recorded.path("shape").path("fields").has("attempts"), recorded.toString());
    recorded.remove("shape");
    Files.writeString(marker, recorded.toString());
    Files.writeString(document, withField(Files.readString(document), "attempts", "\"x\""));

    Cli.Result unchecked = burrow("fsck", "--root", root.toString());
    assertFalse(
        unchecked.out().contains("damaged: " + document),
        "no shape, no type to check: " + unchecked);

    open().close();
    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertDamaged(checked, document, "field 'attempts'");
  }

  @Test
  void importRefusesALineTheApplicationCouldNotReadAndWritesNothing() throws Exception {
    Path export = work.resolve("jobs.jsonl");
    Cli.Result exported = burrow("export", "--root", root.toString(), "--out", export.toString());
    assertEquals(0, exported.exitCode(), exported.toString());
    List<String> lines = Files.readAllLines(export);
    assertTrue(lines.get(1).contains("\"attempts\":0"), lines.get(1));
    lines.set(1, lines.get(1).replace("\"attempts\":0", "\"attempts\":true"));
    Path in = Files.write(work.resolve("wrong.jsonl"), lines);
    Path target = work.resolve("new");

    Cli.Result imported = burrow("import", "--root", target.toString(), "--in", in.toString());

    assertEquals(2, imported.exitCode(), imported.toString());
    assertTrue(imported.err().startsWith("burrow: export line 2: "), imported.toString());
    assertTrue(
        imported.err().contains("field 'attempts': expected an int but found true"),
        imported.toString());
    assertFalse(
        Files.exists(target.resolve("instances")) && hasDocuments(target), "nothing imported");
  }

  private static boolean hasDocuments(Path root) throws Exception {
    try (var files = Files.walk(root.resolve("instances"))) {
      return files.anyMatch(p -> p.getFileName().toString().equals("instance.json"));
    }
  }
}
