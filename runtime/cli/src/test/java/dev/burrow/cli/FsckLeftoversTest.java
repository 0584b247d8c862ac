package dev.burrow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.InstanceLock;
import dev.burrow.runtime.internal.fs.TempFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What crashes leave under {@code .burrow/} (a create's staging directory, a delete's trash, the
 * temporary files of a process that is gone): plain {@code fsck} names each and leaves it where it
 * is, and {@code fsck --repair} sweeps it. Before, every open swept them, fsck's included, so plain
 * fsck removed them silently and said nothing damaged.
 */
class FsckLeftoversTest extends OnThreeJobs {
  /** A create a crash interrupted: its staging directory, named {@code <id>~<random>}. */
  private Path plantStaging(String id) throws Exception {
    Path staged = Files.createDirectories(root.resolve(".burrow/staging/" + id + "~5eed"));
    Files.writeString(staged.resolve("instance.json"), "{}");
    return staged;
  }

  /** A delete whose removal a crash interrupted: its tree in a stripe of the trash. */
  private Path plantTrash(String id) throws Exception {
    Path grave = Files.createDirectories(root.resolve(".burrow/trash/3/" + id + "~beef"));
    Files.writeString(Files.createDirectories(grave.resolve("workspace")).resolve("f"), "x");
    return grave;
  }

  /** The session of a writer that died: a lease nobody holds, and a temporary file. */
  private Path plantDeadSession() throws Exception {
    Path area = Files.createDirectories(root.resolve(".burrow/tmp"));
    Files.writeString(area.resolve("dead.lease"), "");
    Path session = Files.createDirectories(area.resolve("dead"));
    Files.writeString(session.resolve("1f2e-instance.json"), "{ half a docu");
    return session;
  }

  @Test
  void plainFsckNamesEachLeftoverAndLeavesItAndRepairSweepsIt() throws Exception {
    Path staged = plantStaging("job-9");
    Path grave = plantTrash("job-8");
    Path session = plantDeadSession();

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(0, checked.exitCode(), "leftovers are no damage: " + checked);
    assertTrue(
        checked
            .out()
            .contains(
                "leftover: "
                    + staged
                    + ": a create a crash interrupted; its instance was never published;"
                    + " fsck --repair removes it\n"),
        checked.toString());
    assertTrue(
        checked
            .out()
            .contains("leftover: " + grave + ": files of a deleted instance not yet removed"),
        checked.toString());
    assertTrue(
        checked
            .out()
            .contains(
                "leftover: "
                    + session
                    + ": temporary files of writes a process that is gone never finished; none of"
                    + " them became data; fsck --repair removes it\n"),
        checked.toString());
    assertTrue(
        checked
            .out()
            .contains(
                "3 instances checked, nothing damaged, 3 leftovers (not damage; fsck --repair"
                    + " removes them)"),
        checked.toString());
    for (Path left : List.of(staged, grave, session)) {
      assertTrue(Files.exists(left), "plain fsck removed " + left);
    }

    Cli.Result json = burrow("fsck", "--root", root.toString(), "--json");
    assertEquals(0, json.exitCode(), json.toString());
    JsonNode report = JSON.readTree(json.out());
    assertEquals(3, report.path("leftoverCount").asInt(), json.toString());
    assertFalse(report.path("leftoversSwept").asBoolean(), json.toString());
    assertEquals(
        Map.of(
            staged.toString(),
            "staging",
            grave.toString(),
            "trash",
            session.toString(),
            "temporary"),
        kinds(report),
        json.toString());

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());
    assertEquals(0, repaired.exitCode(), repaired.toString());
    assertTrue(
        repaired.out().contains("swept: " + staged + ": a create a crash interrupted"),
        repaired.toString());
    assertTrue(repaired.out().contains("swept: " + grave + ": "), repaired.toString());
    assertTrue(repaired.out().contains("swept: " + session + ": "), repaired.toString());
    assertTrue(
        repaired.out().contains("3 instances checked, nothing damaged, 3 leftovers swept\n"),
        repaired.toString());
    for (Path left : List.of(staged, grave, session)) {
      assertFalse(Files.exists(left), "--repair left " + left);
    }

    Cli.Result clean = burrow("fsck", "--root", root.toString());
    assertEquals(0, clean.exitCode(), clean.toString());
    assertFalse(clean.out().contains("leftover"), clean.toString());
  }

  /**
   * A create whose instance lock a live process holds and a live process's temporary files are work
   * in progress, not leftovers: neither is named nor swept; a leftover beside them is.
   */
  @Test
  void workInProgressOfALiveProcessIsNoLeftover() throws Exception {
    try (JobStore jobs = open();
        InstanceLock creating = jobs.lock("job-9", Duration.ofSeconds(30))) {
      Path busy = plantStaging("job-9");
      Path temp = TempFiles.forRoot(root).newPath(root.resolve("instance.json"));
      Files.writeString(temp, "{ being written");
      Path abandoned = plantStaging("job-7");

      Cli.Result checked = burrow("fsck", "--root", root.toString(), "--json");
      assertEquals(0, checked.exitCode(), checked.toString());
      assertEquals(
          Map.of(abandoned.toString(), "staging"),
          kinds(JSON.readTree(checked.out())),
          checked.toString());

      Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString(), "--json");
      assertEquals(0, repaired.exitCode(), repaired.toString());
      JsonNode report = JSON.readTree(repaired.out());
      assertEquals(Map.of(abandoned.toString(), "staging"), kinds(report), repaired.toString());
      assertTrue(report.path("leftoversSwept").asBoolean(), repaired.toString());
      assertTrue(Files.exists(busy), "swept a create in progress");
      assertTrue(Files.exists(temp), "swept a live process's temporary file");
      assertFalse(Files.exists(abandoned), "left a leftover");
    }
  }

  /** Each leftover of a {@code --json} report, by location: its kind. */
  private static Map<String, String> kinds(JsonNode report) {
    Map<String, String> kinds = new HashMap<>();
    for (JsonNode leftover : report.path("leftovers")) {
      kinds.put(leftover.path("location").asString(), leftover.path("kind").asString());
    }
    return kinds;
  }
}
