package dev.burrow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The kind marker {@code .burrow/store.json} names the fields that hold each document's ID and
 * version. Someone who can write the root edits those names so that they fit no document: every
 * document then looks damaged by the marker's names, though none is. Before, {@code fsck --repair}
 * moved every instance of the root into {@code .burrow/quarantine/} on that one edited file.
 */
class SuspectKindMarkerTest extends OnThreeJobs {

  /**
   * Each edit of the managed fields' names that fits none of the documents: {@code fsck} names the
   * marker as the suspect, and {@code --repair} moves nothing, exits 1 and says what to do; once
   * the marker is put back, the root is clean.
   */
  @Test
  void repairMovesNoInstanceOnManagedFieldNamesTheMarkerAloneGetsWrong() throws Exception {
    Path marker = root.resolve(".burrow/store.json");
    String recorded = Files.readString(marker);
    List<Path> documents =
        Stream.of("job-1", "job-2", "job-3")
            .map(id -> directoryOf(id).resolve("instance.json"))
            .toList();
    record Edit(String field, String name) {}
    for (Edit edit :
        List.of(new Edit("id", "key"), new Edit("version", "revision"), new Edit("id", "owner"))) {
      ObjectNode edited = (ObjectNode) JSON.readTree(recorded);
      ((ObjectNode) edited.path("fields")).put(edit.field(), edit.name());
      Files.writeString(marker, edited.toString());
      String suspect = "damaged: " + marker + ": the managed fields it names (";

      Cli.Result checked = burrow("fsck", "--root", root.toString());
      assertEquals(1, checked.exitCode(), checked.toString());
      assertTrue(checked.out().contains(suspect), edit + ": " + checked);

      Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());
      assertEquals(1, repaired.exitCode(), repaired.toString());
      assertTrue(repaired.out().contains(suspect), edit + ": " + repaired);
      assertTrue(
          repaired.out().contains("fsck --repair moves none of them for it"),
          edit + ": " + repaired);
      assertFalse(repaired.out().contains("quarantined: "), edit + ": " + repaired);
      for (Path document : documents) {
        assertTrue(Files.exists(document), document + " stays in place: " + repaired);
      }

      Cli.Result json = burrow("fsck", "--repair", "--json", "--root", root.toString());
      JsonNode report = JSON.readTree(json.out());
      assertEquals(0, report.path("quarantined").size(), json.toString());
      assertTrue(
          report.path("damaged").toString().contains(JSON.writeValueAsString(marker.toString())),
          json.toString());
    }
    Files.writeString(marker, recorded);
    Cli.Result clean = burrow("fsck", "--root", root.toString());
    assertEquals(0, clean.exitCode(), clean.toString());
  }

  /**
   * An edit of the recorded shape that refuses every document (a field every document holds made
   * unknown to a type that refuses unknown fields): each document is named, none is moved, and a
   * note names the marker as the suspect, as no document was read by its shape.
   */
  @Test
  void aShapeThatReadsNoDocumentIsNamedInANoteAndMovesNothing() throws Exception {
    Path marker = root.resolve(".burrow/store.json");
    Path document = directoryOf("job-1").resolve("instance.json");
    ObjectNode edited = (ObjectNode) JSON.readTree(Files.readString(marker));
    ObjectNode shape = (ObjectNode) edited.path("shape");
    shape.put("unknownFields", "FAIL");
    ((ObjectNode) shape.path("fields")).remove("owner");
    Files.writeString(marker, edited.toString());

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());

    assertEquals(1, repaired.exitCode(), repaired.toString());
    assertTrue(
        repaired
            .out()
            .contains(
                "note: "
                    + marker
                    + ": the document shape it records reads no document: 3 documents were"
                    + " refused by it alone"),
        repaired.toString());
    assertFalse(repaired.out().contains("quarantined: "), repaired.toString());
    assertTrue(Files.exists(document), repaired.toString());
  }

  /**
   * While another document is read by the marker's names, they are confirmed: a document that lacks
   * the ID field, or names another instance in it, is damaged itself, and {@code --repair} moves it
   * into the quarantine, the marker not named.
   */
  @Test
  void aDocumentTheConfirmedNamesRefuseIsStillQuarantined() throws Exception {
    Path first = directoryOf("job-1");
    Path third = directoryOf("job-3");
    Path document = first.resolve("instance.json");
    ObjectNode without = (ObjectNode) JSON.readTree(Files.readString(document));
    without.remove("id");
    Files.writeString(document, without.toString());
    Path other = third.resolve("instance.json");
    ObjectNode elsewhere = (ObjectNode) JSON.readTree(Files.readString(other));
    elsewhere.put("id", "job-2");
    Files.writeString(other, elsewhere.toString());

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());

    assertEquals(1, repaired.exitCode(), repaired.toString());
    assertFalse(repaired.out().contains("store.json"), repaired.toString());
    assertTrue(repaired.out().contains("quarantined: " + first), repaired.toString());
    assertTrue(repaired.out().contains("quarantined: " + third), repaired.toString());
    assertFalse(Files.exists(document), repaired.toString());
    assertFalse(Files.exists(other), repaired.toString());
  }

  /**
   * A marker edited (or restored from an old copy) to say layout 1 on a root whose index keeps an
   * entry directly in its top-level shard, as only layout 3 does: the command that opens it takes
   * it for an upgrade a crash interrupted, and records layout 3, never 2, under which a Burrow of
   * layout 2 would remove that entry as a stray while the index stays marked complete. Before, it
   * recorded 2.
   */
  @Test
  void anUpgradeFromAFlatMarkerRecordsTheLayoutTheIndexesHold() throws Exception {
    Path sharded = work.resolve("sharded");
    Path inTop = entryInATopLevelShard(sharded);
    Path marker = markerSaying(sharded, 1);

    Cli.Result listed = burrow("ls", "--root", sharded.toString());

    assertEquals(0, listed.exitCode(), listed.toString());
    assertEquals(3, JSON.readTree(marker.toFile()).path("layout").asInt(), listed.toString());
    assertTrue(Files.exists(inTop), listed.toString());
  }

  /**
   * A marker edited or restored to say layout 2 on a root whose index keeps entries directly in
   * top-level shards (layout 3) is named damaged by fsck, with what to do: a Burrow of layout 2
   * would remove those entries as strays. fsck passed it over and found nothing damaged.
   */
  @Test
  void fsckNamesAMarkerThatRecordsALayoutOlderThanTheIndexesHold() throws Exception {
    Path sharded = work.resolve("older-marker");
    Path inTop = entryInATopLevelShard(sharded);
    Path marker = markerSaying(sharded, 2);

    Cli.Result checked = burrow("fsck", "--root", sharded.toString());

    assertEquals(1, checked.exitCode(), checked.toString());
    assertTrue(
        checked
            .out()
            .contains(
                "damaged: "
                    + marker
                    + ": it records layout 2, but the index of 'owner' keeps entries directly in"
                    + " top-level shards, as only layout 3 does"),
        checked.toString());
    assertEquals(2, JSON.readTree(marker.toFile()).path("layout").asInt(), checked.toString());
    assertTrue(Files.exists(inTop), checked.toString());
  }

  /**
   * Makes a root in {@code sharded} with one instance owned by "ana", whose index entry the store
   * keeps directly in its top-level shard (layout 3), and returns that entry.
   */
  private static Path entryInATopLevelShard(Path sharded) {
    String id;
    try (JobStore jobs = Roots.open(sharded)) {
      id = jobs.create(c -> c.owner("ana")).id();
    }
    Path inTop =
        Roots.entry(sharded.resolve(".burrow/indexes/=owner/=ana"), id)
            .getParent()
            .resolveSibling(id);
    assertTrue(Files.exists(inTop), "the store keeps the entry in its top-level shard: " + inTop);
    return inTop;
  }

  /** Edits the root's marker in {@code sharded} to say {@code layout}, and returns the marker. */
  private static Path markerSaying(Path sharded, int layout) throws IOException {
    Path marker = sharded.resolve(".burrow/store.json");
    Files.writeString(
        marker, Files.readString(marker).replace("\"layout\":3", "\"layout\":" + layout));
    return marker;
  }
}
