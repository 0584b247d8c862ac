package dev.burrow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptEventException;
import dev.burrow.InstanceLock;
import dev.burrow.test.internal.Prerequisites;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The packaged {@code burrow} jar, in child JVMs, on roots damaged the ways disks, crashes and
 * people damage them: every command names each damaged file and why, goes on with the rest, prints
 * nothing but its own report, and exits 1 (damage found).
 */
class DamagedRootsTest extends OnThreeJobs {
  /** job-2's two events, then "archived" and "done", as {@code events} prints them. */
  private static final List<String> FOUR_EVENTS =
      List.of(
          "{\"what\":\"started\",\"step\":1}",
          "{\"what\":\"finished\",\"step\":2}",
          "{\"what\":\"archived\",\"step\":3}",
          "{\"what\":\"done\",\"step\":4}");

  private Path eventLogOf(String id) {
    return directoryOf(id).resolve("events/events.jsonl");
  }

  @Test
  void aLinkInPlaceOfAnEventLogIsDamageOfThatLogAndTheCheckGoesOn() throws Exception {
    Path events = eventLogOf("job-2");
    Path outside = Files.move(events, work.resolve("outside.jsonl"));
    Files.createSymbolicLink(events, outside);
    Path missing = Roots.entry(root.resolve(".burrow/indexes/=owner/=ana"), "job-3");
    Files.delete(missing);
    Path fifo = directoryOf("job-1").resolve("instance.json");
    Files.delete(fifo);
    Roots.mkfifo(fifo);

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertTrue(
        checked.out().contains("damaged: " + events + ": it is a symbolic link"),
        checked.toString());
    assertTrue(
        checked.out().contains("damaged: " + missing + ": missing index entry: instance 'job-3'"),
        checked.toString());
    assertTrue(checked.out().contains("damaged: " + fifo + ": it is a FIFO"), checked.toString());
    assertTrue(
        checked
            .out()
            .contains("3 instances checked, 3 problems found in 2 instances and outside them"),
        checked.toString());
    assertEquals("", checked.err(), checked.toString());

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());
    assertEquals(1, repaired.exitCode(), repaired.toString());
    assertTrue(
        repaired.out().contains("quarantined: " + fifo.getParent() + " -> "), repaired.toString());
    assertTrue(repaired.out().contains("indexes rebuilt: "), repaired.toString());
    assertTrue(Files.isSymbolicLink(events), "a damaged event log is left where it is");
    assertEquals(2, Files.readAllLines(outside).size(), "nothing was written through the link");
  }

  /**
   * Someone who can write the root swaps index entries for a link to a file outside and for a FIFO,
   * and the ready marker for a link: queries read entries only as names, and a store takes no such
   * marker for one, so nothing failed, and {@code fsck} said nothing of them. It names each file
   * and why, and exits 1; {@code --repair} rebuilds the index into empty files and a marker again,
   * removing the links without following them, and leaves the file outside as it was.
   */
  @Test
  void fsckNamesIndexEntriesAndAMarkerThatAreNoFilesAndRepairRebuildsThem() throws Exception {
    Path owner = root.resolve(".burrow/indexes/=owner");
    Path outside = Files.writeString(work.resolve("outside.txt"), "the user's own file");
    Path linked = Roots.entry(owner.resolve("=ana"), "job-3");
    Files.delete(linked);
    Files.createSymbolicLink(linked, outside);
    Path fifo = Roots.entry(owner.resolve("=bo"), "job-2");
    Files.delete(fifo);
    Roots.mkfifo(fifo);
    Path marker;
    try (Stream<Path> markers = Files.list(owner)) {
      marker =
          markers
              .filter(m -> m.getFileName().toString().startsWith(".ready2"))
              .findFirst()
              .orElseThrow();
    }
    Files.delete(marker);
    Files.createSymbolicLink(marker, outside);

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    for (String damage :
        List.of(
            "damaged: "
                + linked
                + ": it is a symbolic link, but an index entry must be an empty file",
            "damaged: "
                + fifo
                + ": it is a FIFO (named pipe), but an index entry must be an empty"
                + " file",
            "damaged: "
                + marker
                + ": it is a symbolic link, but the index's ready marker must be an empty file")) {
      assertTrue(checked.out().contains(damage), damage + " in " + checked);
    }

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());
    assertEquals(1, repaired.exitCode(), repaired.toString());
    assertTrue(repaired.out().contains("indexes rebuilt: "), repaired.toString());
    for (Path file : List.of(linked, fifo, marker)) {
      assertTrue(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS), file + " is a file again");
    }
    assertEquals("the user's own file", Files.readString(outside), "never followed");
    Cli.Result after = burrow("fsck", "--root", root.toString());
    assertEquals(0, after.exitCode(), after.toString());
    try (JobStore jobs = open()) {
      assertEquals(2, jobs.countByOwner("ana"));
    }
  }

  /**
   * Someone who can write the root plants directories with entries (a file of theirs, a link to a
   * file outside) in place of an index entry and of the ready marker: {@code fsck} names both, and
   * {@code --repair} moves each whole into {@code .burrow/quarantine/}, following and deleting
   * nothing in it, then rebuilds the index, so that {@code fsck} finds nothing after. Before, the
   * repair removed only what was no directory or an empty one, and these stayed damage for good.
   */
  /**
   * Files and a directory left in an index's value directory where no shard or entry goes, at each
   * of its levels: no query reads them, and {@code fsck} passed over them, naming nothing. It names
   * each as a note, the root clean all the same.
   */
  @Test
  void fsckNamesStrayEntriesOfAnIndexValueDirectory() throws Exception {
    Path values = root.resolve(".burrow/indexes/=owner/=ana");
    Path leaf = Roots.entry(values, "job-1").getParent();
    List<Path> strays =
        List.of(
            Files.writeString(values.resolve("notes.txt"), "mine\n"),
            Files.createFile(leaf.getParent().resolve("junk")),
            Files.createFile(leaf.resolve("bad~name")),
            Files.createDirectory(Roots.entry(values, "job-3").resolveSibling("sub")));

    Cli.Result checked = burrow("fsck", "--root", root.toString());

    assertEquals(0, checked.exitCode(), checked.toString());
    for (Path stray : strays) {
      assertTrue(
          checked
              .out()
              .contains(
                  "note: "
                      + stray
                      + ": '"
                      + stray.getFileName()
                      + "' is a "
                      + (Files.isDirectory(stray) ? "directory" : "regular file")
                      + " in a value directory of the index of 'owner', where only its shards and"
                      + " entries go; queries never read it"),
          stray + " in " + checked);
    }
  }

  @Test
  void repairMovesDirectoriesWithEntriesPlantedInTheIndexIntoTheQuarantine() throws Exception {
    Path owner = root.resolve(".burrow/indexes/=owner");
    Path outside = Files.writeString(work.resolve("outside.txt"), "the user's own file");
    Path entry = Roots.entry(owner.resolve("=ana"), "job-3");
    Files.delete(entry);
    Files.createDirectory(entry);
    Files.writeString(entry.resolve("notes.txt"), "mine\n");
    Files.createSymbolicLink(entry.resolve("link"), outside);
    Path marker;
    try (Stream<Path> markers = Files.list(owner)) {
      marker =
          markers
              .filter(m -> m.getFileName().toString().startsWith(".ready2"))
              .findFirst()
              .orElseThrow();
    }
    Files.delete(marker);
    Files.createDirectory(marker);
    Files.writeString(marker.resolve("kept.txt"), "kept\n");

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertTrue(
        checked
            .out()
            .contains(
                "damaged: " + entry + ": it is a directory, but an index entry must be an empty"),
        checked.toString());
    assertTrue(
        checked
            .out()
            .contains(
                "damaged: "
                    + marker
                    + ": it is a directory, but the index's ready marker must be an empty file"),
        checked.toString());

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString(), "--json");
    assertEquals(1, repaired.exitCode(), repaired.toString());
    JsonNode report = JSON.readTree(repaired.out());
    assertEquals(2, report.path("quarantined").size(), repaired.toString());
    Path quarantine = root.resolve(".burrow/quarantine");
    for (JsonNode moved : report.path("quarantined")) {
      Path from = Path.of(moved.path("entry").asString());
      Path to = Path.of(moved.path("target").asString());
      assertTrue(to.startsWith(quarantine), repaired.toString());
      if (from.equals(entry)) {
        assertEquals("mine\n", Files.readString(to.resolve("notes.txt")), "nothing deleted");
        assertTrue(Files.isSymbolicLink(to.resolve("link")), "the link moved, not followed");
      } else {
        assertEquals(marker, from, repaired.toString());
        assertEquals("kept\n", Files.readString(to.resolve("kept.txt")), "nothing deleted");
      }
    }
    assertTrue(
        report.path("indexRepair").path("rebuilt").toString().contains("owner"),
        repaired.toString());
    for (Path file : List.of(entry, marker)) {
      assertTrue(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS), file + " is a file again");
    }
    assertEquals("the user's own file", Files.readString(outside), "never followed");

    Cli.Result after = burrow("fsck", "--root", root.toString());
    assertEquals(0, after.exitCode(), after.toString());
    try (JobStore jobs = open()) {
      assertEquals(2, jobs.countByOwner("ana"));
    }
  }

  @Test
  void aRepairThatFailsMidwayStillPrintsWhatItQuarantined() throws Exception {
    Path job3 = directoryOf("job-3");
    Files.writeString(job3.resolve("instance.json"), "[]");
    Files.writeString(directoryOf("job-1").resolve("instance.json"), "[]");
    try (JobStore jobs = open();
        InstanceLock held = jobs.lock("job-1", Duration.ofSeconds(30))) {
      Cli.Result failed =
          burrow("fsck", "--repair", "--lock-timeout", "1", "--root", root.toString());
      assertEquals(4, failed.exitCode(), failed.toString());
      assertTrue(failed.out().contains("quarantined: " + job3 + " -> "), failed.toString());
      assertTrue(failed.err().contains("job-1"), failed.toString());
      assertFalse(Files.exists(job3, LinkOption.NOFOLLOW_LINKS), failed.toString());

      jobs.create("job-4", c -> c.owner("cy"));
      Path job4 = jobs.dirs("job-4").root();
      Files.writeString(job4.resolve("instance.json"), "[]");
      Cli.Result json =
          burrow("fsck", "--repair", "--lock-timeout", "1", "--root", root.toString(), "--json");
      assertEquals(4, json.exitCode(), json.toString());
      JsonNode report = JSON.readTree(json.out());
      assertEquals(1, report.path("quarantined").size(), json.toString());
      assertEquals(
          job4.toString(), report.path("quarantined").get(0).path("entry").asString(), json.out());
      assertTrue(report.path("failure").asString().contains("job-1"), json.toString());
    }
  }

  @Test
  void noRuntimeLogLinesBesideTheCommandsOwnReports() throws Exception {
    Path events = eventLogOf("job-2");
    Files.writeString(
        events, "{\"what\":\"lost\"\n{\"torn", StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertEquals("", checked.err(), checked.toString());
    assertEquals(1, count(checked.out(), "note: " + events), "the torn tail once: " + checked);

    Cli.Result shown = burrow("show", "job-2", "--root", root.toString());
    assertEquals(1, shown.exitCode(), "a damaged event line is damage: " + shown);
    assertEquals("", shown.err(), shown.toString());
    assertTrue(shown.out().contains("  damaged: " + events + " at byte "), shown.toString());
    assertEquals(1, count(shown.out(), "  note: " + events + " at byte "), shown.toString());
    for (String internal : List.of("Source:", "REDACTED", "StreamReadFeature", "\\u000a")) {
      assertFalse(checked.out().contains(internal), internal + " in " + checked);
      assertFalse(shown.out().contains(internal), internal + " in " + shown);
    }

    Cli.Result listed = burrow("events", "job-2", "--root", root.toString());
    assertEquals(1, listed.exitCode(), listed.toString());
    assertEquals(2, listed.out().lines().count(), listed.toString());
    List<String> reported = listed.err().lines().toList();
    assertEquals(2, reported.size(), listed.toString());
    assertTrue(reported.get(0).startsWith("damaged: " + events + " at byte "), listed.toString());
    assertTrue(reported.get(1).startsWith("note: " + events + " at byte "), listed.toString());
    assertTrue(reported.get(1).contains("torn final line"), listed.toString());
  }

  /**
   * A heap too small for what a command reads (an unfinished 50 MiB event line, in 16 MiB) stops it
   * with exit 4 and one line saying so, as every other failure: before, a Java stack trace on
   * stderr and exit 1, which says "damage found", and nothing JSON under {@code --json}.
   */
  @Test
  void aHeapTooSmallIsOneErrorLineAndExitFour() throws Exception {
    Path events = eventLogOf("job-2");
    try (OutputStream append = Files.newOutputStream(events, StandardOpenOption.APPEND)) {
      byte[] chunk = "x".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
      for (int i = 0; i < 50; i++) {
        append.write(chunk);
      }
    }
    Cli.Result checked = Cli.runWithMaxHeap(work, "16m", "fsck", "--root", root.toString());
    assertEquals(4, checked.exitCode(), shortly(checked));
    assertEquals(1, checked.err().lines().count(), shortly(checked));
    assertTrue(checked.err().startsWith("burrow: out of memory: the heap of "), shortly(checked));
    Cli.Result json = Cli.runWithMaxHeap(work, "16m", "fsck", "--root", root.toString(), "--json");
    assertEquals(4, json.exitCode(), shortly(json));
    assertEquals(4, JSON.readTree(json.err()).path("exitCode").asInt(), shortly(json));
  }

  /**
   * An event log flooded with damaged lines (millions of short garbage lines in the field): {@code
   * fsck}, {@code show} and {@code events} name it once, the first damaged line with why and how
   * many there are, in a heap far too small for a report per line; {@code --json} says the same,
   * and {@code --repair} leaves the log as it is (readers skip its damaged lines). Before, {@code
   * events} printed one line on stderr per damaged line.
   */
  @Test
  void anEventLogFloodedWithDamagedLinesIsOneFindingInBoundedMemory() throws Exception {
    int flood = 200_000;
    Path events = eventLogOf("job-2");
    long first = Files.size(events);
    Files.writeString(
        events, "x\n".repeat(flood), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    String named = "damaged: " + events + " at byte " + first + ": ";
    String counted = "(the first of " + flood + " damaged lines in this log)";

    Cli.Result checked = Cli.runWithMaxHeap(work, "32m", "fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), shortly(checked));
    assertEquals("", checked.err(), shortly(checked));
    List<String> damaged = checked.out().lines().filter(l -> l.startsWith("damaged: ")).toList();
    assertEquals(1, damaged.size(), shortly(checked));
    assertTrue(damaged.get(0).startsWith(named), shortly(checked));
    assertTrue(damaged.get(0).endsWith(counted), shortly(checked));
    assertTrue(
        checked.out().contains("3 instances checked, 1 problem found in 1 instance"),
        shortly(checked));

    Cli.Result json = Cli.runWithMaxHeap(work, "32m", "fsck", "--root", root.toString(), "--json");
    assertEquals(1, json.exitCode(), shortly(json));
    JsonNode report = JSON.readTree(json.out());
    assertEquals(1, report.path("damaged").size(), shortly(json));
    JsonNode finding = report.path("damaged").get(0);
    assertEquals(events + " at byte " + first, finding.path("location").asString(), shortly(json));
    assertTrue(finding.path("reason").asString().endsWith(counted), shortly(json));

    Cli.Result shown = Cli.runWithMaxHeap(work, "32m", "show", "job-2", "--root", root.toString());
    assertEquals(1, shown.exitCode(), shortly(shown));
    List<String> shownDamage =
        shown.out().lines().filter(l -> l.startsWith("  damaged: ")).toList();
    assertEquals(1, shownDamage.size(), shortly(shown));
    assertTrue(shownDamage.get(0).startsWith("  " + named), shortly(shown));
    assertTrue(shownDamage.get(0).endsWith(counted), shortly(shown));
    assertTrue(shown.out().contains("last 2 of 2 events"), shortly(shown));

    Cli.Result listed =
        Cli.runWithMaxHeap(work, "32m", "events", "job-2", "--root", root.toString());
    assertEquals(1, listed.exitCode(), shortly(listed));
    assertEquals(
        "{\"what\":\"started\",\"step\":1}\n{\"what\":\"finished\",\"step\":2}\n",
        listed.out(),
        shortly(listed));
    assertEquals(named + GARBAGE_LINE + " " + counted + "\n", listed.err(), shortly(listed));
    Cli.Result listedJson =
        Cli.runWithMaxHeap(work, "32m", "events", "job-2", "--root", root.toString(), "--json");
    assertEquals(1, listedJson.exitCode(), shortly(listedJson));
    assertEquals(listed.out(), listedJson.out(), shortly(listedJson));
    List<String> reported = listedJson.err().lines().toList();
    assertEquals(1, reported.size(), shortly(listedJson));
    JsonNode line = JSON.readTree(reported.get(0));
    assertEquals(events + " at byte " + first, line.path("location").asString(), reported.get(0));
    assertEquals(GARBAGE_LINE + " " + counted, line.path("reason").asString(), reported.get(0));
    assertFalse(line.path("tornTail").asBoolean(), reported.get(0));

    long size = Files.size(events);
    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());
    assertEquals(1, repaired.exitCode(), shortly(repaired));
    assertEquals(1, count(repaired.out(), "damaged: "), shortly(repaired));
    assertFalse(repaired.out().contains("quarantined: "), shortly(repaired));
    assertEquals(size, Files.size(events), "damaged event lines stay: readers skip them");
  }

  /** Why the event line {@code x} is damaged. */
  private static final String GARBAGE_LINE =
      "damaged line in the middle of the log, not valid JSON: Unrecognized token 'x': was"
          + " expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false');"
          + " skipped";

  /**
   * {@code events --follow} on a log flooded with damaged lines reports them once, as {@code
   * events} does, the first with why and how many there are; a later poll that reads more damaged
   * lines reports those once too, counting them from where it read on, and the events around them
   * are printed as they come. Before, it printed one line on stderr per damaged line.
   */
  @Test
  void followReportsTheDamagedLinesOfEachReadOnce() throws Exception {
    int flood = 5_000;
    Path events = eventLogOf("job-2");
    long first = Files.size(events);
    Files.writeString(
        events, "x\n".repeat(flood), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    List<String> reported = new ArrayList<>();
    List<String> printed =
        followJob2(
            reported,
            (follow, jobs, lines) -> {
              assertEquals(
                  "damaged: "
                      + events
                      + " at byte "
                      + first
                      + ": "
                      + GARBAGE_LINE
                      + " (the first of "
                      + flood
                      + " damaged lines in this log)",
                  follow.nextErrorLine());
              long archivedAt = Files.size(events);
              jobs.events("job-2", Roots.Note.class).append(new Roots.Note("archived", 3));
              lines.add(follow.nextLine());

              long more = Files.size(events);
              Files.writeString(
                  events, "x\nx\nx\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
              // The poll that printed "archived" may still be reading and meet the new lines too:
              // the report then counts from where that poll began.
              String error = follow.nextErrorLine();
              String damage = "damaged: " + events + " at byte " + more + ": " + GARBAGE_LINE;
              String from = " (the first of 3 damaged lines in this log from byte ";
              assertTrue(
                  error.equals(damage + from + more + " on)")
                      || error.equals(damage + from + archivedAt + " on)"),
                  error);
              jobs.events("job-2", Roots.Note.class).append(new Roots.Note("done", 4));
              lines.add(follow.nextLine());
            });
    assertEquals(FOUR_EVENTS, printed);
    assertEquals(List.of(), reported, "each damaged line is reported once");
  }

  /** {@code result} cut short for an assertion's message: a flood of lines would swamp it. */
  private static String shortly(Cli.Result result) {
    String all = result.toString();
    return all.length() <= 4000 ? all : all.substring(0, 4000) + "... (" + all.length() + " chars)";
  }

  @Test
  void followReportsATornTailOnceAndGoesOn() throws Exception {
    Path events = eventLogOf("job-2");
    Files.writeString(events, "{\"torn", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    List<String> reported = new ArrayList<>();
    try (Cli.Running follow = Cli.start("events", "job-2", "--follow", "--root", root.toString());
        JobStore jobs = open()) {
      assertEquals("{\"what\":\"started\",\"step\":1}", follow.nextLine());
      assertEquals("{\"what\":\"finished\",\"step\":2}", follow.nextLine());
      String torn = follow.nextErrorLine();
      assertTrue(torn.startsWith("note: " + events + " at byte "), torn);
      assertTrue(torn.contains("torn final line"), torn);
      reported.add(torn);

      jobs.events("job-2", Roots.Note.class).append(new Roots.Note("archived", 3));
      assertEquals("{\"what\":\"archived\",\"step\":3}", follow.nextLine());
      follow.process().toHandle().destroy();
      reported.addAll(follow.remainingErrorLines());
    }
    assertEquals(1, reported.size(), "the torn tail is reported once: " + reported);
  }

  /**
   * {@code events --follow} on a log ending in an unfinished line of 16 MiB or more (no append
   * writes one, so it is damage, not a torn append) reports it once and waits there; appends refuse
   * to write after it, and once the log is cut where the line starts the follower prints the events
   * appended then, and nothing twice. Before, the follower resumed past the tail, at an offset the
   * log refuses once the log was cut, took the log for replaced and printed it again from its
   * start.
   */
  @Test
  void followPastAnOversizedUnfinishedTailNeverPrintsALineTwice() throws Exception {
    Path events = eventLogOf("job-2");
    long tail = Files.size(events);
    try (RandomAccessFile file = new RandomAccessFile(events.toFile(), "rw")) {
      file.setLength(tail + 16L * 1024 * 1024); // zeros: no line end
    }
    List<String> reported = new ArrayList<>();
    List<String> printed =
        followJob2(
            reported,
            (follow, jobs, lines) -> {
              String damage = follow.nextErrorLine();
              assertTrue(damage.startsWith("damaged: " + events + " at byte " + tail), damage);
              assertThrows(
                  CorruptEventException.class,
                  () -> jobs.events("job-2", Roots.Note.class).append(new Roots.Note("lost", 3)));
              try (RandomAccessFile file = new RandomAccessFile(events.toFile(), "rw")) {
                file.setLength(tail);
              }
              jobs.events("job-2", Roots.Note.class).append(new Roots.Note("archived", 3));
              lines.add(follow.nextLine());
              jobs.events("job-2", Roots.Note.class).append(new Roots.Note("done", 4));
              lines.add(follow.nextLine());
            });
    assertEquals(FOUR_EVENTS, printed);
    assertEquals(List.of(), reported, "the tail is reported once, the log never as replaced");
  }

  /**
   * {@code events --follow} while someone who can write the root swaps the log for a link to a
   * longer log outside, then for a FIFO: each is reported once as damage of the log, nothing is
   * read through the link, no poll waits on the FIFO, and once the log is back the follower goes on
   * where it was. The log is kept under a second name (a hard link) while it is swapped out; a poll
   * in that moment sees a log with two names and reports that too.
   */
  @Test
  void followNeverReadsThroughALinkOrWaitsOnAFifoSwappedInAndGoesOn() throws Exception {
    Path events = eventLogOf("job-2");
    Path saved = work.resolve("saved.jsonl");
    Path outside = work.resolve("outside.jsonl");
    Files.writeString(outside, Files.readString(events) + "{\"what\":\"secret\",\"step\":9}\n");
    List<String> reported = new ArrayList<>();
    List<String> printed =
        followJob2(
            reported,
            (follow, jobs, lines) -> {
              Files.createLink(saved, events);
              swapIn(Files.createSymbolicLink(work.resolve("link"), outside), events);
              String link = follow.nextErrorLine();
              while (link.contains("(hard links)")) {
                assertTrue(link.startsWith("damaged: " + events + ": "), link);
                link = follow.nextErrorLine();
              }
              assertTrue(link.startsWith("damaged: " + events + ": "), "no byte position: " + link);
              assertTrue(link.contains("symbolic link"), link);
              reported.add(link);

              Path fifoToSwap = work.resolve("fifo");
              Roots.mkfifo(fifoToSwap);
              swapIn(fifoToSwap, events);
              String fifo = follow.nextErrorLine();
              assertTrue(fifo.startsWith("damaged: " + events + ": "), "no byte position: " + fifo);
              assertTrue(fifo.contains("FIFO"), fifo);
              reported.add(fifo);

              swapIn(saved, events);
              jobs.events("job-2", Roots.Note.class).append(new Roots.Note("archived", 3));
              lines.add(follow.nextLine());
            });
    assertEquals(
        List.of(
            "{\"what\":\"started\",\"step\":1}",
            "{\"what\":\"finished\",\"step\":2}",
            "{\"what\":\"archived\",\"step\":3}"),
        printed);
    assertEquals(2, reported.size(), "each planted log is reported once: " + reported);
  }

  /**
   * Renames {@code entry} over {@code path} in one step, so that a follower polling {@code path}
   * sees the old file or the new entry, never no file.
   */
  private static void swapIn(Path entry, Path path) throws IOException {
    Files.move(entry, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** What a test does while {@code events job-2 --follow} runs, with the store open. */
  @FunctionalInterface
  private interface WhileFollowing {
    void run(Cli.Running follow, JobStore jobs, List<String> printed) throws Exception;
  }

  /**
   * Runs {@code events job-2 --follow}, takes the two lines it prints first, runs {@code meanwhile}
   * (which adds the lines it takes to the list it is given), then stops the follower and adds the
   * error lines it has not taken to {@code reported}.
   *
   * @return the lines printed
   */
  private List<String> followJob2(List<String> reported, WhileFollowing meanwhile)
      throws Exception {
    List<String> printed = new ArrayList<>();
    try (Cli.Running follow = Cli.start("events", "job-2", "--follow", "--root", root.toString());
        JobStore jobs = open()) {
      printed.add(follow.nextLine());
      printed.add(follow.nextLine());
      meanwhile.run(follow, jobs, printed);
      follow.process().toHandle().destroy();
      reported.addAll(follow.remainingErrorLines());
    }
    return printed;
  }

  /**
   * Names planted by someone who can write the root, with terminal escapes, a bidi override and a
   * line break in them (a stray entry of {@code instances/}, a file in an instance's directory, a
   * document's field, an event): every command prints them escaped, one line per item, its JSON
   * too, so nothing it prints can move the cursor, retitle the terminal, reorder text or forge a
   * line. Before, {@code ls}, {@code stats} and {@code fsck} printed the stray's path raw, {@code
   * show} the file's name, and the JSON of documents and events the bidi override.
   */
  @Test
  void hostileNamesArePrintedEscaped() throws Exception {
    String hostile = "evil\u001b[2J\u001b]0;owned\u0007\u202egnp.exe\u0085\nforged: line";
    Path stray = Files.createDirectory(root.resolve("instances").resolve(hostile));
    Files.writeString(directoryOf("job-2").resolve("workspace").resolve(hostile), "x");
    try (JobStore jobs = open()) {
      jobs.update("job-2", c -> c.owner(hostile));
      jobs.events("job-2", Roots.Note.class).append(new Roots.Note(hostile, 3));
    }
    for (String[] command :
        List.of(
            new String[] {"ls", "--root", root.toString()},
            new String[] {"ls", "--root", root.toString(), "--json"},
            new String[] {"events", "job-2", "--root", root.toString()},
            new String[] {"show", "job-2", "--root", root.toString(), "--json"},
            new String[] {"stats", "--root", root.toString()},
            new String[] {"fsck", "--root", root.toString()},
            new String[] {"show", "job-2", "--root", root.toString()},
            new String[] {"fsck", "--repair", "--root", root.toString()})) {
      Cli.Result run = burrow(command);
      String printed = run.out() + run.err();
      assertFalse(
          printed
              .chars()
              .anyMatch(
                  c ->
                      (c < 0x20 && c != '\n')
                          || (c >= 0x7f && c < 0xa0)
                          || Character.getType(c) == Character.FORMAT),
          "printed raw: " + run);
      assertFalse(printed.contains("\nforged: line"), run.toString());
      assertFalse(printed.contains("u005c"), "each name escaped once, not its escapes: " + run);
      if (command[0].equals("fsck")) {
        assertTrue(
            printed.contains(
                "evil\\u001b[2J\\u001b]0;owned\\u0007\\u202egnp.exe\\u0085\\u000aforged"),
            run.toString());
      }
    }
    assertFalse(Files.exists(stray), "the stray was quarantined");
  }

  /**
   * Entries whose names are no valid text in the file name encoding (bytes that are not UTF-8;
   * under {@code LC_ALL=C}, any byte above 127), planted in {@code instances/}, in a shard and
   * beside the instances of a shard: in the C locale and in a UTF-8 one, {@code fsck} names each
   * and checks every instance, {@code --repair} moves each into the quarantine, and the next {@code
   * fsck} finds the root clean. Before, under {@code LC_ALL=C} the check stopped ("Malformed input
   * or input contains unmappable characters", exit 2); in UTF-8, {@code --repair} left the entries
   * where they were and the next {@code fsck} named them again.
   */
  @Test
  void entriesNamedInNoEncodingAreNamedAndQuarantinedInEveryLocale() throws Exception {
    Path leaf = directoryOf("job-1").getParent();
    for (String locale : List.of("C", "C.UTF-8")) {
      plantNamedInNoEncoding(root.resolve("instances"), "\\377\\376");
      plantNamedInNoEncoding(leaf.getParent(), "\\377");
      plantNamedInNoEncoding(leaf, "\\376");
      List<String> inLocale = List.of("env", "LC_ALL=" + locale);
      Cli.Result checked =
          Cli.runUnder(inLocale, work, () -> {}, "fsck", "--root", root.toString());
      assertEquals(1, checked.exitCode(), checked.toString());
      assertEquals(
          3,
          checked.out().lines().filter(l -> l.startsWith("damaged: ")).count(),
          checked.toString());
      assertTrue(
          checked.out().contains("3 instances checked, 3 problems found"), checked.toString());
      Cli.Result listed = Cli.runUnder(inLocale, work, () -> {}, "ls", "--root", root.toString());
      assertEquals(1, listed.exitCode(), listed.toString());
      assertTrue(listed.out().contains("job-1"), listed.toString());
      Cli.Result repaired =
          Cli.runUnder(inLocale, work, () -> {}, "fsck", "--repair", "--root", root.toString());
      assertEquals(
          3,
          repaired.out().lines().filter(l -> l.startsWith("quarantined: ")).count(),
          repaired.toString());
      Cli.Result after = Cli.runUnder(inLocale, work, () -> {}, "fsck", "--root", root.toString());
      assertEquals(0, after.exitCode(), locale + ": " + after);
    }
  }

  /** Makes a directory in {@code directory} named by the bytes of {@code octalEscapes}. */
  private static void plantNamedInNoEncoding(Path directory, String octalEscapes)
      throws IOException, InterruptedException {
    Process mkdir =
        new ProcessBuilder(
                "sh",
                "-c",
                "mkdir \"$1/$(printf '" + octalEscapes + "')\"",
                "sh",
                directory.toString())
            .inheritIO()
            .start();
    assertEquals(0, mkdir.waitFor(), "mkdir in " + directory);
  }

  /**
   * {@code events --follow} whose log is replaced by a shorter one between two polls, as when the
   * application deletes the instance and creates it again: the follower notes it once and follows
   * the new log from its start, as {@code tail -F} does. Before, it stopped with exit 2 (a wrong
   * command line), saying its offset was past the end of the log.
   */
  @Test
  void followGoesOnWithALogReplacedByAShorterOne() throws Exception {
    Path events = eventLogOf("job-2");
    List<String> reported = new ArrayList<>();
    List<String> printed =
        followJob2(
            reported,
            (follow, jobs, lines) -> {
              Path fresh =
                  Files.writeString(
                      work.resolve("fresh.jsonl"), "{\"what\":\"again\",\"step\":1}\n");
              Files.move(
                  fresh,
                  events,
                  StandardCopyOption.REPLACE_EXISTING,
                  StandardCopyOption.ATOMIC_MOVE);
              String note = follow.nextErrorLine();
              assertTrue(note.startsWith("note: " + events + ": the log was replaced"), note);
              reported.add(note);
              lines.add(follow.nextLine());

              jobs.events("job-2", Roots.Note.class).append(new Roots.Note("archived", 2));
              lines.add(follow.nextLine());
            });
    assertEquals(
        List.of(
            "{\"what\":\"started\",\"step\":1}",
            "{\"what\":\"finished\",\"step\":2}",
            "{\"what\":\"again\",\"step\":1}",
            "{\"what\":\"archived\",\"step\":2}"),
        printed);
    assertEquals(1, reported.size(), "the replacement is noted once: " + reported);
  }

  @Test
  void showOnADamagedDocumentPrintsTheDamageTheFilesAndTheEvents() throws Exception {
    Path document = directoryOf("job-2").resolve("instance.json");
    Files.writeString(document, "{\"id\": \"job-2\", \"vers");

    Cli.Result shown = burrow("show", "job-2", "--root", root.toString());
    assertEquals(1, shown.exitCode(), shown.toString());
    assertTrue(
        shown.out().contains("damaged: " + document + ": not a valid document of kind 'jobs': "),
        shown.toString());
    assertTrue(shown.out().contains("  workspace/build.log  3 bytes"), shown.toString());
    assertTrue(shown.out().contains("last 2 of 2 events"), shown.toString());
    assertEquals("", shown.err(), shown.toString());

    Cli.Result json = burrow("show", "job-2", "--root", root.toString(), "--json");
    assertEquals(1, json.exitCode(), json.toString());
    JsonNode report = JSON.readTree(json.out());
    assertTrue(report.path("document").isNull(), json.toString());
    assertEquals(document.toString(), Cli.firstLocation(report, "damaged"));
    assertEquals(2, report.path("events").size(), json.toString());
  }

  /**
   * ls names at most the first 1000 of the damage reports it meets and counts the rest, so a root
   * with any number of them lists in bounded memory: it held every one until it printed.
   */
  @Test
  void lsNamesTheFirstDamageItMeetsAndCountsTheRest() throws Exception {
    plantStraysPastTheBound();

    Cli.Result ls = burrow("ls", "--root", root.toString());

    assertNamesTheFirstThousandOnly(ls, "\ndamaged: ");
    JsonNode json = JSON.readTree(burrow("ls", "--root", root.toString(), "--json").out());
    assertJsonNamesTheFirstThousandOnly(json, "damaged");
  }

  /**
   * {@code stats} names the first 1000 damaged or unreadable entries it meets and counts the rest,
   * as {@code ls} does a page's, so that a root with any number of them is counted in bounded
   * memory: it held every one until it printed.
   */
  @Test
  void statsNamesTheFirstDamageItMeetsAndCountsTheRest() throws Exception {
    plantStraysPastTheBound();

    Cli.Result stats = burrow("stats", "--root", root.toString());

    assertNamesTheFirstThousandOnly(stats, "damaged: ");
    assertTrue(
        stats.out().contains("(and 1003 entries of instances/ that are not instances)"),
        stats.toString());
    JsonNode json = JSON.readTree(burrow("stats", "--root", root.toString(), "--json").out());
    assertJsonNamesTheFirstThousandOnly(json, "strays");
  }

  /**
   * {@code export} (and {@code migrate}, which names what it left behind the same way) names the
   * first 1000 damaged or unreadable entries it meets and counts the rest, so that a root with any
   * number of them is exported in bounded memory: it held every one until it printed.
   */
  @Test
  void exportNamesTheFirstDamageItMeetsAndCountsTheRest() throws Exception {
    plantStraysPastTheBound();
    Path out = work.resolve("export.jsonl");

    Cli.Result export = burrow("export", "--root", root.toString(), "--out", out.toString());

    assertNamesTheFirstThousandOnly(export, "damaged: ");
    assertTrue(
        export.out().contains("found 1003 entries of instances/ that are not instances"),
        export.toString());
    JsonNode json =
        JSON.readTree(
            burrow("export", "--root", root.toString(), "--out", out.toString(), "--json").out());
    assertJsonNamesTheFirstThousandOnly(json, "strays");
  }

  /** Plants 1003 stray files in job-1's leaf, 3 past the 1000 a command names. */
  private void plantStraysPastTheBound() throws IOException {
    Path leaf = directoryOf("job-1").getParent();
    for (int i = 0; i < 1003; i++) {
      Files.writeString(leaf.resolve("stray-" + i + ".txt"), "");
    }
  }

  /**
   * Asserts that {@code result} failed naming 1000 damage reports, each after {@code damageLine},
   * and said that the other 3 of {@link #plantStraysPastTheBound} were not shown.
   */
  private static void assertNamesTheFirstThousandOnly(Cli.Result result, String damageLine) {
    assertEquals(1, result.exitCode(), result.toString());
    assertEquals(1000, result.out().split(damageLine, -1).length - 1, result.toString());
    assertTrue(
        result
            .out()
            .contains(
                "... and 3 more damaged or unreadable entries not shown (the first 1000 are"
                    + " listed)"),
        result.toString());
  }

  /** Asserts that the {@code --json} report names 1000 in {@code member} and counts 3 not shown. */
  private static void assertJsonNamesTheFirstThousandOnly(JsonNode json, String member) {
    assertEquals(1000, json.path(member).size(), json.toString());
    assertEquals(3, json.path("damagedNotShown").asInt(), json.toString());
  }

  @Test
  void messagesNameTheOptionAndTheJsonErrorWithoutParserInternals() throws Exception {
    Cli.Result badCursor = burrow("ls", "--root", root.toString(), "--after", "garbage");
    assertEquals(2, badCursor.exitCode(), badCursor.toString());
    assertTrue(badCursor.err().contains("--after"), badCursor.toString());
    assertFalse(badCursor.err().contains("PageRequest"), badCursor.toString());

    Path document = directoryOf("job-2").resolve("instance.json");
    Files.writeString(document, "{\"id\": \"job-2\",\n \"vers");
    Cli.Result ls = burrow("ls", "--root", root.toString());
    assertEquals(1, ls.exitCode(), ls.toString());
    assertTrue(ls.out().startsWith("2 instances of kind 'jobs'"), ls.toString());
    assertTrue(
        ls.out().contains("damaged: " + document + ": not a valid document of kind 'jobs': "),
        ls.toString());
    for (String internal : List.of("Source:", "REDACTED", "StreamReadFeature", "\\u000a")) {
      assertFalse(ls.out().contains(internal), internal + " in " + ls);
    }
    assertTrue(ls.out().contains("line 2, column"), "where in the file: " + ls);

    Cli.Result one = burrow("ls", "--root", root.toString(), "--where", "status=QUEUED");
    assertEquals(0, one.exitCode(), one.toString());
    assertTrue(one.out().startsWith("1 instance of kind 'jobs'"), one.toString());
    Path single = work.resolve("single");
    try (JobStore jobs = Roots.open(single)) {
      jobs.create("job-1", c -> c.owner("ana"));
    }
    Cli.Result checked = burrow("fsck", "--root", single.toString());
    assertTrue(checked.out().contains(": 1 instance checked, nothing damaged"), checked.toString());
  }

  /**
   * A shard of an index's value directory that fsck may not list (as a user without root's power
   * over permissions) is named unreadable with why, the rest is checked, and fsck exits 1, as for a
   * shard of {@code instances/}. It stopped with exit 4, "cannot read …:
   * java.nio.file.AccessDeniedException: …".
   */
  @Test
  void fsckNamesAnIndexShardItMayNotListAndGoesOn() throws Exception {
    Path shard = Roots.entry(root.resolve(".burrow/indexes/=owner/=ana"), "job-1").getParent();
    Path top = shard.getParent();
    assertFsckNamesUnreadableAndGoesOn(top);
  }

  /**
   * An index's value directory that fsck may not list is named unreadable as a shard of it is, the
   * rest is checked, and fsck exits 1. It stopped with exit 4, "cannot list …: permission denied".
   */
  @Test
  void fsckNamesAnIndexValueDirectoryItMayNotListAndGoesOn() throws Exception {
    Path values = root.resolve(".burrow/indexes/=owner/=ana");
    assertFsckNamesUnreadableAndGoesOn(values);
  }

  /**
   * Makes index directory {@code dir} unreadable for the run of fsck: it is named unreadable with
   * why, the rest is checked, and fsck exits 1.
   */
  private void assertFsckNamesUnreadableAndGoesOn(Path dir) throws Exception {
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("---------"));
    try {
      Cli.Result checked =
          Cli.runWithoutPermissionOverride(work, "fsck", "--root", root.toString());

      assertEquals(1, checked.exitCode(), checked.toString());
      assertTrue(
          checked
              .out()
              .contains(
                  "unreadable: "
                      + dir
                      + ": the index directory cannot be read (permission denied); the entries in"
                      + " it are not checked"),
          checked.toString());
      assertTrue(checked.out().contains("3 instances checked"), checked.toString());
      assertFalse(checked.out().contains("damaged:"), checked.toString());
    } finally {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /**
   * A directory of an instance that the command may not read (as a user without root's power over
   * permissions): {@code stats}, {@code show} and {@code export --dirs} name it unreadable with
   * why, do the rest and exit 1, as every command does with damage, instead of stopping (export
   * stopped with exit 4 and "writing the export failed", for what was a read, leaving an export
   * without its closing line and an empty archive).
   */
  @Test
  void aDirectoryTheCommandCannotReadIsNamedAndTheRestDone() throws Exception {
    Path workspace = directoryOf("job-2").resolve("workspace");
    Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("---------"));
    try {
      Cli.Result human = Cli.runWithoutPermissionOverride(work, "stats", "--root", root.toString());
      assertEquals(1, human.exitCode(), human.toString());
      assertTrue(
          human
              .out()
              .contains(
                  "unreadable: "
                      + workspace
                      + ": it cannot be read: permission denied; the files under it are not"
                      + " counted"),
          human.toString());
      assertTrue(human.out().contains("instances    3\n"), human.toString());
      assertEquals("", human.err(), human.toString());

      Cli.Result json =
          Cli.runWithoutPermissionOverride(work, "stats", "--root", root.toString(), "--json");
      assertEquals(1, json.exitCode(), json.toString());
      JsonNode stats = JSON.readTree(json.out());
      assertEquals(3, stats.path("instances").asInt(), json.toString());
      assertEquals(0, stats.path("damaged").asInt(), json.toString());
      assertEquals(workspace.toString(), Cli.firstLocation(stats, "unreadable"), json.toString());

      Cli.Result shown =
          Cli.runWithoutPermissionOverride(work, "show", "job-2", "--root", root.toString());
      assertEquals(1, shown.exitCode(), shown.toString());
      assertTrue(
          shown.out().contains("  workspace  (unreadable: it cannot be read: permission denied)"),
          shown.toString());
      assertTrue(shown.out().contains("last 2 of 2 events"), "the rest is shown: " + shown);
      Cli.Result shownJson =
          Cli.runWithoutPermissionOverride(
              work, "show", "job-2", "--root", root.toString(), "--json");
      assertEquals(1, shownJson.exitCode(), shownJson.toString());
      JsonNode shownReport = JSON.readTree(shownJson.out());
      assertEquals(
          workspace.toString(), Cli.firstLocation(shownReport, "unreadable"), shownJson.toString());
      assertEquals(0, shownReport.path("damaged").size(), shownJson.toString());

      assertExportLeavesOutOnlyTheUnreadable(workspace);
    } finally {
      Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /**
   * {@code stats} names what {@code fsck} finds in place of an event log, of a directory on its way
   * and of a declared subdirectory, as its help says, and exits 1; it exited 0.
   */
  @Test
  void statsNamesAnEntryInPlaceOfTheEventLogOrASubdirectoryAndExitsOne() throws Exception {
    Path log = directoryOf("job-2").resolve("events/events.jsonl");
    Files.delete(log);
    Files.createDirectory(log);
    Path events = directoryOf("job-3").resolve("events");
    Files.createSymbolicLink(events, Files.createDirectories(work.resolve("elsewhere")));
    Path workspace = directoryOf("job-1").resolve("workspace");
    if (Files.exists(workspace)) {
      Files.delete(workspace);
    }
    Roots.mkfifo(workspace);

    Cli.Result stats = burrow("stats", "--root", root.toString());

    assertEquals(1, stats.exitCode(), stats.toString());
    assertTrue(stats.out().contains("damaged: " + log + ": it is a directory"), stats.toString());
    assertTrue(
        stats.out().contains("damaged: " + events.resolve("events.jsonl") + ": its"),
        stats.toString());
    assertTrue(stats.out().contains("damaged: " + workspace + ": it is a FIFO"), stats.toString());
    assertTrue(stats.out().contains("instances    3\n"), "the rest is counted: " + stats);
    JsonNode report = JSON.readTree(burrow("stats", "--root", root.toString(), "--json").out());
    assertEquals(3, report.path("damagedFiles").size(), report.toString());
    assertTrue(
        report
            .path("damagedFiles")
            .valueStream()
            .anyMatch(found -> found.path("location").asString().equals(log.toString())),
        "a whole log is named without a byte position: " + report);
  }

  /**
   * A {@code --dirs} archive (not one Burrow wrote) with entries the import has no place for: a
   * file of an instance no export line names, the instance's document, and files where the instance
   * has directories. Each is named on stderr with why, never with Burrow's temporary paths or a
   * Java exception's text, counted, and the rest is written; the command exits 1. The first two
   * were dropped without a word (exit 0); a file where a directory is stopped the import with exit
   * 4 and the raw "Is a directory" of a path under {@code .burrow/tmp}.
   */
  @Test
  void anImportNamesEachArchiveEntryItHasNoPlaceForAndWritesTheRest() throws Exception {
    Prerequisites.require(
        Prerequisites.onPath("tar"), "no tar to write an archive by hand", "install tar");
    Path export = work.resolve("jobs.jsonl");
    assertEquals(
        0, burrow("export", "--root", root.toString(), "--out", export.toString()).exitCode());
    Path first = work.resolve("first");
    Files.createDirectories(first.resolve("job-9/workspace"));
    Files.writeString(first.resolve("job-9/workspace/a"), "of no instance\n");
    Files.createDirectories(first.resolve("job-2/workspace"));
    Files.writeString(first.resolve("job-2/instance.json"), "{}\n");
    Files.writeString(first.resolve("job-2/workspace/build.log"), "ok\n");
    Files.writeString(first.resolve("job-2/workspace/long"), "no file name can be this long\n");
    String tooLong = "l".repeat(256);
    Files.createDirectories(first.resolve("job-2/events"));
    Files.writeString(first.resolve("job-2/events/events.jsonl"), "");
    Path second = work.resolve("second");
    Files.createDirectories(second.resolve("job-2"));
    Files.writeString(second.resolve("job-2/workspace"), "a file, not the workspace\n");
    Files.writeString(second.resolve("job-2/events"), "a file, not the events\n");
    // Newer than the directories the import makes, so that it does not keep them as newer.
    FileTime tomorrow = FileTime.from(Instant.now().plus(Duration.ofDays(1)));
    for (String entry : List.of("job-2/workspace", "job-2/events")) {
      Files.setLastModifiedTime(second.resolve(entry), tomorrow);
    }
    Path archive = work.resolve("by-hand.tar");
    Process tar =
        new ProcessBuilder(
                "tar",
                "--format=pax",
                "--sort=name",
                "--transform=s,/long$,/" + tooLong + ",",
                "-cf",
                archive.toString(),
                "-C",
                first.toString(),
                "job-9",
                "job-2",
                "-C",
                second.toString(),
                "job-2")
            .inheritIO()
            .start();
    assertEquals(0, tar.waitFor(), "tar");
    String[] importArgs = {
      "import",
      "--root",
      work.resolve("copy").toString(),
      "--in",
      export.toString(),
      "--dirs",
      archive.toString()
    };

    Cli.Result imported = burrow(importArgs);

    assertEquals(1, imported.exitCode(), imported.toString());
    assertEquals(
        List.of(
            "skipped: job-9/workspace/a: the root holds no instance 'job-9': no line of the export"
                + " names it (an instance deleted during the export, or the archive of another"
                + " export)",
            "skipped: job-2/instance.json: the instance's document, which an import takes from"
                + " the export's lines only",
            "skipped: job-2/workspace/"
                + tooLong
                + ": a name of 256 bytes, longer than the 255 a file name may have, so it has no"
                + " place in the instance's directory",
            "skipped: job-2/events: the instance's events is a directory, which a file never"
                + " replaces",
            "skipped: job-2/workspace: the instance's workspace is a directory, which a file"
                + " never replaces"),
        imported.err().lines().toList(),
        "in the archive's order: " + imported);
    assertTrue(
        imported.out().endsWith("2 files written; skipped 5 entries (named above)\n"),
        imported.toString());
    assertEquals(
        "ok\n",
        Files.readString(
            Roots.directoryOf(work.resolve("copy"), "job-2").resolve("workspace/build.log")));

    Cli.Result json =
        burrow(Stream.concat(Stream.of(importArgs), Stream.of("--json")).toArray(String[]::new));
    assertEquals(1, json.exitCode(), json.toString());
    JsonNode report = JSON.readTree(json.out());
    assertEquals(5, report.path("skipped").asInt(), json.toString());
    assertEquals(5, report.path("skippedEntries").size(), json.toString());
    assertEquals("", json.err(), json.toString());
  }

  /**
   * A file of an instance's directory that the export may not read is named unreadable with why and
   * left out of the archive; every instance and every other file is exported, the closing line is
   * written, and the command exits 1. It stopped with exit 4, "writing the export failed: FILE".
   */
  @Test
  void aFileTheExportCannotReadIsNamedLeftOutAndTheRestExported() throws Exception {
    Path log = directoryOf("job-2").resolve("workspace").resolve("build.log");
    Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("---------"));
    try {
      assertExportLeavesOutOnlyTheUnreadable(log);
    } finally {
      Files.setPosixFilePermissions(log, PosixFilePermissions.fromString("rw-------"));
    }
  }

  /**
   * {@code export --dirs}, run without root's power over permissions, names {@code unreadable} (a
   * file or directory of job-2's) with why, exits 1, writes every instance and the closing line,
   * and archives job-2's event log; an import of the result takes it whole.
   */
  private void assertExportLeavesOutOnlyTheUnreadable(Path unreadable) throws Exception {
    Cli.Result exported = Cli.runWithoutPermissionOverride(work, exportWithDirectories());
    assertEquals(1, exported.exitCode(), exported.toString());
    assertEquals(
        List.of(
            "unreadable: " + unreadable + ": it cannot be read: permission denied",
            "exported 3 instances and 1 file; left out 1 unreadable file (named)"),
        exported.out().lines().toList(),
        exported.toString());
    assertEquals("", exported.err(), exported.toString());
    List<String> lines = Files.readAllLines(work.resolve("jobs.jsonl"));
    assertEquals("{\"end\":true,\"instances\":3,\"damaged\":0}", lines.get(lines.size() - 1));

    Cli.Result json = Cli.runWithoutPermissionOverride(work, exportWithDirectories("--json"));
    assertEquals(1, json.exitCode(), json.toString());
    assertEquals(
        unreadable.toString(),
        Cli.firstLocation(JSON.readTree(json.out()), "unreadableFiles"),
        json.toString());

    Cli.Result imported =
        burrow(
            "import",
            "--root",
            work.resolve("copy").toString(),
            "--in",
            work.resolve("jobs.jsonl").toString(),
            "--dirs",
            work.resolve("jobs.tar").toString());
    assertEquals(0, imported.exitCode(), imported.toString());
    assertTrue(imported.out().startsWith("imported 3 documents: 3 created,"), imported.toString());
  }

  /**
   * A document the command may not read is named unreadable, with why, by every command that reads
   * it, as {@code fsck} names it: one word for one condition. Before, {@code ls}, {@code show},
   * {@code stats}, {@code export} and {@code events} called it damaged, and put it among the
   * damaged in their JSON; export's summary then still counted it as damaged.
   */
  @Test
  void aDocumentTheCommandMayNotReadIsNamedUnreadableByEveryCommand() throws Exception {
    Path document = directoryOf("job-2").resolve("instance.json");
    String unreadable = "unreadable: " + document + ": it cannot be read: permission denied";
    Files.setPosixFilePermissions(document, PosixFilePermissions.fromString("---------"));
    try {
      List<String[]> commands =
          List.of(
              new String[] {"fsck", "--root", root.toString()},
              new String[] {"ls", "--root", root.toString()},
              new String[] {"show", "job-2", "--root", root.toString()},
              new String[] {"stats", "--root", root.toString()},
              new String[] {"events", "job-2", "--root", root.toString()},
              new String[] {
                "export", "--root", root.toString(), "--out", work.resolve("x.jsonl").toString()
              });
      for (String[] command : commands) {
        Cli.Result run = Cli.runWithoutPermissionOverride(work, command);
        String printed = run.out() + run.err();
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(printed.contains(unreadable), run.toString());
        assertFalse(printed.contains("damaged: " + document), run.toString());
      }
      for (String command : List.of("ls", "show", "stats")) {
        Cli.Result run =
            command.equals("show")
                ? Cli.runWithoutPermissionOverride(
                    work, "show", "job-2", "--root", root.toString(), "--json")
                : Cli.runWithoutPermissionOverride(
                    work, command, "--root", root.toString(), "--json");
        assertEquals(1, run.exitCode(), run.toString());
        JsonNode report = JSON.readTree(run.out());
        assertEquals(document.toString(), Cli.firstLocation(report, "unreadable"), run.toString());
        JsonNode damaged = report.path(command.equals("stats") ? "damagedInstances" : "damaged");
        assertEquals(0, damaged.size(), run.toString());
      }
      Path exported = work.resolve("unreadable-left-out.jsonl");
      Cli.Result export =
          Cli.runWithoutPermissionOverride(
              work, "export", "--root", root.toString(), "--out", exported.toString());
      assertTrue(export.out().contains("; left out 1 unreadable instance"), export.toString());
      assertFalse(export.out().contains("damaged instance"), export.toString());
      Cli.Result exportJson =
          Cli.runWithoutPermissionOverride(
              work, "export", "--root", root.toString(), "--out", exported.toString(), "--json");
      JsonNode summary = JSON.readTree(exportJson.out());
      assertEquals(0, summary.path("damaged").asLong(), exportJson.toString());
      assertEquals(0, summary.path("damagedInstances").size(), exportJson.toString());
      assertEquals(
          document.toString(), Cli.firstLocation(summary, "unreadable"), exportJson.toString());
    } finally {
      Files.setPosixFilePermissions(document, PosixFilePermissions.fromString("rw-------"));
    }
  }

  /**
   * An event log the command may not read: {@code fsck} names it unreadable (unchecked, not
   * damaged) and checks the rest, {@code events} names it unreadable too, and both exit 1 instead
   * of stopping with exit 4.
   */
  @Test
  void anEventLogTheCommandCannotReadIsDamageOfThatLog() throws Exception {
    Path events = eventLogOf("job-2");
    Files.setPosixFilePermissions(events.getParent(), PosixFilePermissions.fromString("---------"));
    try {
      Cli.Result checked =
          Cli.runWithoutPermissionOverride(work, "fsck", "--root", root.toString());
      assertEquals(1, checked.exitCode(), checked.toString());
      assertTrue(
          checked.out().contains("unreadable: " + events + ": it cannot be read: permission"),
          checked.toString());
      assertTrue(
          checked.out().contains("3 instances checked, nothing damaged, 1 unreadable"),
          checked.toString());

      Cli.Result listed =
          Cli.runWithoutPermissionOverride(work, "events", "job-2", "--root", root.toString());
      assertEquals(1, listed.exitCode(), listed.toString());
      assertTrue(
          listed.err().startsWith("unreadable: " + events + ": it cannot be read"),
          listed.toString());
    } finally {
      Files.setPosixFilePermissions(
          events.getParent(), PosixFilePermissions.fromString("rwx------"));
    }
  }

  /**
   * An instance directory, or the shard it is in, that the command may not read: {@code show} and
   * {@code events} name what they could not read {@code unreadable:} with why, once each, show the
   * rest and exit 1, as {@code ls}, {@code stats} and {@code fsck} do; {@code show} names the shard
   * where the shard is what it may not enter, as {@code fsck} does. Before, {@code show} stopped
   * with exit 4 on a Java exception's name ({@code cannot check …/workspace:
   * java.nio.file.AccessDeniedException}), and {@code events} did so after naming the document,
   * when the shard was the one it may not read.
   */
  @Test
  void anInstanceDirectoryOrShardTheCommandMayNotReadIsNamedUnreadableByShowAndEvents()
      throws Exception {
    Path directory = directoryOf("job-2");
    for (Path unread : List.of(directory, directory.getParent())) {
      Files.setPosixFilePermissions(unread, PosixFilePermissions.fromString("---------"));
      try {
        String document = directory.resolve("instance.json").toString();
        String denied = ": it cannot be read: permission denied";
        Cli.Result shown =
            Cli.runWithoutPermissionOverride(work, "show", "job-2", "--root", root.toString());
        assertEquals(1, shown.exitCode(), unread + ": " + shown);
        assertEquals(1, count(shown.out(), "unreadable: " + document + denied), shown.toString());
        assertEquals(
            1, count(shown.out(), "not listed, unreadable: " + unread + denied), shown.toString());
        assertEquals("", shown.err(), shown.toString());
        assertFalse(shown.out().contains("Exception"), shown.toString());

        Cli.Result shownJson =
            Cli.runWithoutPermissionOverride(
                work, "show", "job-2", "--root", root.toString(), "--json");
        assertEquals(1, shownJson.exitCode(), unread + ": " + shownJson);
        JsonNode report = JSON.readTree(shownJson.out());
        List<String> unreadable = new ArrayList<>();
        report.path("unreadable").forEach(item -> unreadable.add(item.path("location").asString()));
        String log = directory.resolve("events/events.jsonl").toString();
        assertEquals(List.of(document, unread.toString(), log), unreadable, shownJson.toString());
        assertEquals(0, report.path("damaged").size(), shownJson.toString());
        assertEquals(0, report.path("damagedEvents").size(), shownJson.toString());
        assertEquals("", shownJson.err(), shownJson.toString());

        Cli.Result events =
            Cli.runWithoutPermissionOverride(work, "events", "job-2", "--root", root.toString());
        assertEquals(1, events.exitCode(), unread + ": " + events);
        assertEquals(1, count(events.err(), "unreadable: " + document + denied), events.toString());
        assertFalse(events.err().contains("burrow: "), events.toString());
        assertFalse(events.err().contains("Exception"), events.toString());
      } finally {
        Files.setPosixFilePermissions(unread, PosixFilePermissions.fromString("rwx------"));
      }
    }
  }

  /**
   * An instance directory the command may list but not enter ({@code r--}): {@code show} lists its
   * entries, each named unreadable with why, and the document, and exits 1. Before, it stopped with
   * exit 4 ({@code cannot check …/workspace: java.nio.file.AccessDeniedException}) when it looked
   * at the declared subdirectories.
   */
  @Test
  void anInstanceDirectoryTheCommandMayListButNotEnterIsShownEntryByEntry() throws Exception {
    Path directory = directoryOf("job-2");
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("r--r--r--"));
    try {
      Cli.Result shown =
          Cli.runWithoutPermissionOverride(work, "show", "job-2", "--root", root.toString());
      assertEquals(1, shown.exitCode(), shown.toString());
      assertTrue(
          shown
              .out()
              .contains(
                  "unreadable: "
                      + directory.resolve("instance.json")
                      + ": it cannot be read: permission denied"),
          shown.toString());
      assertTrue(
          shown.out().contains("  workspace  (unreadable: it cannot be read: permission denied)"),
          shown.toString());
      assertEquals("", shown.err(), shown.toString());
    } finally {
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /**
   * {@code stats} and {@code export} run by a user who may not list a shard: how many instances the
   * shard holds is unknown, so it is counted as a shard, not as one unreadable instance, as it was
   * before.
   */
  @Test
  void statsAndExportCountAShardTheyMayNotListAsAShard() throws Exception {
    Path shard = directoryOf("job-1").getParent();
    Files.setPosixFilePermissions(shard, PosixFilePermissions.fromString("---------"));
    try {
      Cli.Result stats = Cli.runWithoutPermissionOverride(work, "stats", "--root", root.toString());

      assertTrue(
          stats.out().contains("unreadable: " + shard + ": the shard cannot be listed"),
          stats.toString());
      assertCountsOneShardNotListed(stats, "stats");

      Cli.Result export =
          Cli.runWithoutPermissionOverride(
              work,
              "export",
              "--root",
              root.toString(),
              "--out",
              work.resolve("x.jsonl").toString());

      assertCountsOneShardNotListed(export, "export");
    } finally {
      Files.setPosixFilePermissions(shard, PosixFilePermissions.fromString("rwx------"));
    }
  }

  /**
   * {@code stats} and {@code export} on a root with a link in place of a shard (never followed; it
   * may point at a directory of any number of instances): counted as a shard that cannot be listed,
   * as one they may not list is. Before, each counted it as one damaged instance.
   */
  @Test
  void statsAndExportCountALinkInPlaceOfAShardAsAShard() throws Exception {
    Path shard = directoryOf("job-1").getParent();
    Path elsewhere = work.resolve("elsewhere");
    Files.move(shard, elsewhere);
    Files.createSymbolicLink(shard, elsewhere);

    Cli.Result stats = Cli.run(work, "stats", "--root", root.toString());

    assertCountsOneShardNotListed(stats, "stats");
    Cli.Result export =
        Cli.run(
            work, "export", "--root", root.toString(), "--out", work.resolve("x.jsonl").toString());
    assertCountsOneShardNotListed(export, "export");
  }

  /**
   * Asserts that {@code result} of {@code command} ({@code stats} or {@code export}) over the two
   * instances beside one shard it could not list failed counting that shard as a shard.
   */
  private static void assertCountsOneShardNotListed(Cli.Result result, String command) {
    assertEquals(1, result.exitCode(), result.toString());
    String counted =
        command.equals("stats")
            ? "instances    2 (and 1 shard that cannot be listed: its instances are not counted)\n"
            : "exported 2 instances; left out the instances of 1 shard that cannot be listed\n";
    assertTrue(result.out().contains(counted), result.toString());
  }

  /**
   * {@code fsck --repair} run by a user who may not read a document, an instance directory or a
   * shard: lacking permission is not damage, so each is named unreadable and left where it is,
   * never moved into the quarantine, and the command exits 1 (damage it did not repair); a damaged
   * document beside them is quarantined all the same.
   */
  @Test
  void repairLeavesWhatItMayNotReadWhereItIsAndNamesItUnreadable() throws Exception {
    Path document = directoryOf("job-2").resolve("instance.json");
    Path directory = directoryOf("job-1");
    Path damaged = directoryOf("job-3");
    Files.writeString(damaged.resolve("instance.json"), "[]");
    Path solo = work.resolve("solo");
    try (JobStore jobs = Roots.open(solo)) {
      jobs.create("solo", c -> c.owner("ana"));
    }
    Path shard = Roots.directoryOf(solo, "solo").getParent();
    Files.setPosixFilePermissions(document, PosixFilePermissions.fromString("---------"));
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("---------"));
    Files.setPosixFilePermissions(shard, PosixFilePermissions.fromString("---------"));
    try {
      Cli.Result repaired =
          Cli.runWithoutPermissionOverride(work, "fsck", "--repair", "--root", root.toString());
      assertEquals(1, repaired.exitCode(), repaired.toString());
      for (Path unread : List.of(document, directory.resolve("instance.json"))) {
        assertTrue(
            repaired
                .out()
                .contains("unreadable: " + unread + ": it cannot be read: permission denied"),
            repaired.toString());
      }
      assertTrue(repaired.out().contains("quarantined: " + damaged + " -> "), repaired.toString());
      assertEquals(1, count(repaired.out(), "quarantined: "), repaired.toString());
      assertTrue(
          repaired
              .out()
              .contains("1 instance checked, 1 problem found in 1 instance, 2 unreadable"),
          repaired.toString());
      assertTrue(Files.exists(document, LinkOption.NOFOLLOW_LINKS), "left where it is");
      assertTrue(Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS), "left where it is");

      Cli.Result json =
          Cli.runWithoutPermissionOverride(
              work, "fsck", "--repair", "--root", root.toString(), "--json");
      assertEquals(1, json.exitCode(), json.toString());
      JsonNode report = JSON.readTree(json.out());
      assertEquals(2, report.path("unreadable").size(), json.toString());
      assertEquals(0, report.path("damaged").size(), json.toString());
      assertEquals(0, report.path("quarantined").size(), json.toString());

      Cli.Result shardRepaired =
          Cli.runWithoutPermissionOverride(work, "fsck", "--repair", "--root", solo.toString());
      assertEquals(1, shardRepaired.exitCode(), shardRepaired.toString());
      assertTrue(
          shardRepaired.out().contains("unreadable: " + shard + ": the shard cannot be listed"),
          shardRepaired.toString());
      assertFalse(shardRepaired.out().contains("quarantined: "), shardRepaired.toString());
      assertTrue(Files.isDirectory(shard, LinkOption.NOFOLLOW_LINKS), "the shard stays");
    } finally {
      Files.setPosixFilePermissions(shard, PosixFilePermissions.fromString("rwx------"));
      Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
      Files.setPosixFilePermissions(document, PosixFilePermissions.fromString("rw-------"));
    }
    Cli.Result after = burrow("fsck", "--root", root.toString());
    assertEquals(0, after.exitCode(), "every unreadable instance is intact: " + after);
    assertTrue(after.out().contains("2 instances checked, nothing damaged"), after.toString());
    Cli.Result soloAfter = burrow("fsck", "--root", solo.toString());
    assertEquals(0, soloAfter.exitCode(), soloAfter.toString());
  }

  /**
   * A document that is not valid UTF-8 is damaged like any other unreadable document: {@code fsck}
   * names it with why, {@code --repair} moves its instance into the quarantine and reports it, and
   * the next check finds nothing.
   */
  @Test
  void repairQuarantinesADocumentThatIsNotValidUtf8() throws Exception {
    Path damaged = directoryOf("job-3");
    Path document = damaged.resolve("instance.json");
    String json = Files.readString(document);
    int owner = json.indexOf("\"ana\"") + 1;
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    // "ana" becomes C1 A1 "a": an overlong form of "a", which no valid UTF-8 holds
    bytes[owner] = (byte) 0xc1;
    bytes[owner + 1] = (byte) 0xa1;
    Files.write(document, bytes);
    assertRepairQuarantines(damaged, "not valid UTF-8");
  }

  /**
   * A document with a member written twice: no version of the application reads it (every Burrow
   * codec refuses a repeated member), so {@code --repair} moves it aside like any other unreadable
   * document. Before, it was named but taken for a document of another shape and left in place, so
   * every later check failed again.
   */
  @Test
  void repairQuarantinesADocumentWithARepeatedMember() throws Exception {
    Path damaged = directoryOf("job-3");
    Path document = damaged.resolve("instance.json");
    String json = Files.readString(document);
    Files.writeString(
        document, json.replaceFirst("\"owner\" : ", "\"owner\" : \"bo\", \"owner\" : "));
    assertRepairQuarantines(damaged, "Duplicate Object property");
  }

  private void assertRepairQuarantines(Path damaged, String why) throws Exception {
    Path document = damaged.resolve("instance.json");
    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertTrue(checked.out().contains("damaged: " + document + ": "), checked.toString());
    assertTrue(checked.out().contains(why), checked.toString());

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString(), "--json");
    assertEquals(1, repaired.exitCode(), repaired.toString());
    JsonNode report = JSON.readTree(repaired.out());
    assertEquals(document.toString(), Cli.firstLocation(report, "damaged"), repaired.toString());
    assertEquals(1, report.path("quarantined").size(), repaired.toString());
    assertEquals(
        damaged.toString(),
        report.path("quarantined").get(0).path("entry").asString(),
        repaired.toString());
    assertFalse(Files.exists(damaged, LinkOption.NOFOLLOW_LINKS), repaired.toString());

    Cli.Result after = burrow("fsck", "--root", root.toString());
    assertEquals(0, after.exitCode(), after.toString());
    assertTrue(after.out().contains("2 instances checked, nothing damaged"), after.toString());
  }

  private static long count(String text, String part) {
    return text.lines().filter(line -> line.contains(part)).count();
  }

  /**
   * A worker's high-water mark too large to read: the runtime skips that worker, so {@code fsck}
   * names the mark as damaged with the runtime's own reason and limit.
   */
  @Test
  void fsckNamesAWorkerMarkTooLargeForTheRuntimeToRead() throws Exception {
    Path mark =
        Files.createDirectories(root.resolve(".burrow/workers")).resolve("worker-0000.mark");
    try (RandomAccessFile file = new RandomAccessFile(mark.toFile(), "rw")) {
      file.setLength(40L * 1024 * 1024);
    }

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertTrue(
        checked
            .out()
            .contains("damaged: " + mark + ": it is 41943040 bytes, more than the limit of 65536"),
        checked.toString());
  }

  /**
   * A FIFO and a link planted as session leases in the temporary area belong to no live session (a
   * live one's lease is the regular file it holds locked), and the sweep at open never opens them:
   * {@code fsck} names each as damage, never opening or following it, and exits 1; {@code --repair}
   * removes them, then sweeps a session directory as that of a session that is gone, and counts
   * them as the damage it repaired, as it counts a damaged instance it quarantines: exit 1, in its
   * text and its {@code --json}. Before, {@code --repair} only listed them as removed and exited 0
   * when they were all it found. A directory planted as a lease holds what a person put there: it
   * is moved to the quarantine, never deleted.
   */
  @Test
  void fsckNamesLeasesPlantedInTheTemporaryAreaAndRepairCountsThemAsDamage() throws Exception {
    Path area = Files.createDirectories(root.resolve(".burrow/tmp"));
    Path fifo = area.resolve("planted.lease");
    Roots.mkfifo(fifo);
    Files.createDirectories(area.resolve("planted"));
    Path outside = Files.writeString(work.resolve("outside.lease"), "not Burrow's\n");
    Path link = Files.createSymbolicLink(area.resolve("linked.lease"), outside);
    String fifoLine =
        "damaged: "
            + fifo
            + ": it is a FIFO (named pipe), not a lease file, so no live session's lease; Burrow"
            + " never opens it";
    String linkLine =
        "damaged: "
            + link
            + ": it is a symbolic link, not a lease file, so no live session's lease; Burrow never"
            + " follows it";

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertTrue(checked.out().contains(fifoLine + "\n"), checked.toString());
    assertTrue(checked.out().contains(linkLine + "\n"), checked.toString());
    assertTrue(
        checked.out().contains("3 instances checked, 2 problems found outside the instances"),
        checked.toString());
    assertTrue(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS), "plain fsck changes nothing");

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());
    assertEquals(1, repaired.exitCode(), "damage found, as for a quarantined one: " + repaired);
    assertTrue(repaired.out().contains(fifoLine + "\n"), repaired.toString());
    assertTrue(repaired.out().contains(linkLine + "\n"), repaired.toString());
    assertTrue(
        repaired.out().contains("removed: " + fifo + " (not a regular file"), repaired.toString());
    assertTrue(
        repaired.out().contains("removed: " + link + " (not a regular file"), repaired.toString());
    assertTrue(
        repaired.out().contains("3 instances checked, 2 problems found outside the instances"),
        repaired.toString());
    assertFalse(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS), "the planted lease is swept");
    assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS), "the planted lease is swept");
    assertFalse(Files.exists(area.resolve("planted")), "its session directory is swept");
    assertEquals("not Burrow's\n", Files.readString(outside), "what the link points to stays");

    Roots.mkfifo(fifo);
    Path directory = Files.createDirectories(area.resolve("kept.lease"));
    Files.writeString(directory.resolve("notes.txt"), "mine\n");
    Cli.Result json = burrow("fsck", "--repair", "--root", root.toString(), "--json");
    assertEquals(1, json.exitCode(), json.toString());
    JsonNode report = JSON.readTree(json.out());
    assertEquals(2, report.path("damaged").size(), json.toString());
    boolean fifoNamed = false;
    for (JsonNode finding : report.path("damaged")) {
      fifoNamed |=
          finding.path("location").asString().equals(fifo.toString())
              && finding.path("reason").asString().startsWith("it is a FIFO");
    }
    assertTrue(fifoNamed, json.toString());
    assertEquals(1, report.path("leasesRemoved").size(), json.toString());
    assertEquals(fifo.toString(), report.path("leasesRemoved").get(0).asString(), json.toString());
    assertEquals(1, report.path("quarantined").size(), json.toString());
    JsonNode kept = report.path("quarantined").get(0);
    assertEquals(directory.toString(), kept.path("entry").asString(), json.toString());
    Path target = Path.of(kept.path("target").asString());
    assertTrue(target.startsWith(root.resolve(".burrow/quarantine")), json.toString());
    assertEquals("mine\n", Files.readString(target.resolve("notes.txt")), "nothing deleted");
    assertFalse(Files.exists(directory, LinkOption.NOFOLLOW_LINKS), json.toString());

    Cli.Result clean = burrow("fsck", "--root", root.toString());
    assertEquals(0, clean.exitCode(), clean.toString());
    assertTrue(clean.out().contains("3 instances checked, nothing damaged"), clean.toString());
  }

  /**
   * The lease of a live session (a store open in this JVM that has written, so its session holds
   * its regular lease file locked) is no damage: {@code fsck} and {@code fsck --repair} leave it be
   * and exit 0, and the session goes on writing.
   */
  @Test
  void theLeaseOfALiveSessionIsNoDamage() throws Exception {
    try (JobStore jobs = open()) {
      jobs.create("job-4", c -> c.owner("cy"));
      List<Path> leases;
      try (Stream<Path> entries = Files.list(root.resolve(".burrow/tmp"))) {
        leases = entries.filter(entry -> entry.toString().endsWith(".lease")).toList();
      }
      assertEquals(1, leases.size(), "the live session's lease: " + leases);
      assertTrue(Files.isRegularFile(leases.get(0), LinkOption.NOFOLLOW_LINKS));

      Cli.Result checked = burrow("fsck", "--root", root.toString());
      assertEquals(0, checked.exitCode(), checked.toString());
      assertTrue(
          checked.out().contains("4 instances checked, nothing damaged"), checked.toString());
      Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString(), "--json");
      assertEquals(0, repaired.exitCode(), repaired.toString());
      JsonNode report = JSON.readTree(repaired.out());
      assertEquals(0, report.path("damaged").size(), repaired.toString());
      assertEquals(0, report.path("leasesRemoved").size(), repaired.toString());
      assertTrue(Files.isRegularFile(leases.get(0), LinkOption.NOFOLLOW_LINKS), "left be");

      jobs.update("job-4", c -> c.owner("dee"));
      assertEquals("dee", jobs.get("job-4").owner());
    }
  }

  /**
   * A declared subdirectory replaced by a link, which the store refuses to use: {@code fsck} names
   * it as damage of the instance's layout, and {@code --repair} leaves the instance and what the
   * link points to where they are (it only names it).
   */
  @Test
  void fsckNamesADeclaredSubdirectoryReplacedByALinkAndRepairLeavesIt() throws Exception {
    Path workspace = directoryOf("job-2").resolve("workspace");
    Path outside = Files.move(workspace, work.resolve("outside"));
    Files.createSymbolicLink(workspace, outside);

    String line =
        "damaged: "
            + workspace
            + ": it is a symbolic link but must be a directory; Burrow never follows links inside"
            + " its data root";
    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertTrue(checked.out().contains(line), checked.toString());
    assertTrue(
        checked.out().contains("3 instances checked, 1 problem found in 1 instance"),
        checked.toString());

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());
    assertEquals(1, repaired.exitCode(), repaired.toString());
    assertTrue(repaired.out().contains(line), repaired.toString());
    assertFalse(repaired.out().contains("quarantined:"), repaired.toString());
    assertTrue(Files.isSymbolicLink(workspace), "the link is left where it is");
    assertEquals("ok\n", Files.readString(outside.resolve("build.log")));
  }

  /**
   * {@code show} calls a declared subdirectory replaced by a link what {@code fsck} calls it,
   * damage of the instance's layout, and exits 1, in text and in {@code --json}; it lists the link
   * without following it.
   */
  @Test
  void showNamesADeclaredSubdirectoryReplacedByALinkAsDamage() throws Exception {
    Path workspace = directoryOf("job-2").resolve("workspace");
    Path outside = Files.move(workspace, work.resolve("outside"));
    Files.createSymbolicLink(workspace, outside);

    Cli.Result shown = burrow("show", "job-2", "--root", root.toString());
    assertEquals(1, shown.exitCode(), shown.toString());
    assertTrue(
        shown
            .out()
            .contains(
                "damaged: "
                    + workspace
                    + ": it is a symbolic link but must be a directory; Burrow never follows"
                    + " links inside its data root"),
        shown.toString());
    assertTrue(shown.out().contains("  workspace  (a symbolic link"), shown.toString());
    assertFalse(shown.out().contains("build.log"), "not followed: " + shown);

    Cli.Result json = burrow("show", "job-2", "--root", root.toString(), "--json");
    assertEquals(1, json.exitCode(), json.toString());
    JsonNode report = JSON.readTree(json.out());
    assertEquals(workspace.toString(), Cli.firstLocation(report, "damaged"));
    assertEquals("ok\n", Files.readString(outside.resolve("build.log")));
  }

  /**
   * A link in place of an instance's directory is damage of that instance, never followed: {@code
   * fsck} names it and goes on with the other instances, {@code show} and {@code events} name it
   * and exit 1, and {@code fsck --repair} moves the link, not what it leads to, into the
   * quarantine. Before, each of them stopped at it with exit 4.
   */
  @Test
  void aLinkInPlaceOfAnInstanceDirectoryIsDamageOfThatInstanceAndTheCommandsGoOn()
      throws Exception {
    Path directory = directoryOf("job-3");
    Path outside = Files.move(directory, work.resolve("outside"));
    Files.createSymbolicLink(directory, outside);
    String line =
        "damaged: "
            + directory.resolve("instance.json")
            + ": its instance directory is a symbolic link but must be a directory";

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertTrue(checked.out().contains(line), checked.toString());
    assertTrue(
        checked.out().contains("3 instances checked, 1 problem found in 1 instance"),
        checked.toString());
    for (String command : List.of("show", "events")) {
      Cli.Result named = burrow(command, "job-3", "--root", root.toString());
      assertEquals(1, named.exitCode(), named.toString());
      assertTrue((named.out() + named.err()).contains(line), named.toString());
    }

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());
    assertEquals(1, repaired.exitCode(), repaired.toString());
    assertTrue(repaired.out().contains("quarantined: " + directory + " -> "), repaired.toString());
    assertFalse(Files.exists(directory, LinkOption.NOFOLLOW_LINKS), "moved aside");
    assertTrue(Files.isRegularFile(outside.resolve("instance.json")), "what it led to is kept");
    Cli.Result after = burrow("fsck", "--root", root.toString());
    assertEquals(0, after.exitCode(), after.toString());
  }

  /**
   * What the index journal's replay leaves alone unread, a log that is a FIFO or one larger than
   * any process writes (a sparse terabyte), is named by {@code fsck} as damage of Burrow's own
   * files, as planted worker leases and session leases are.
   */
  @Test
  void fsckNamesJournalLogsTheReplayNeverReads() throws Exception {
    Path journal = root.resolve(".burrow/journal");
    Files.createDirectories(journal);
    Path fifo = journal.resolve("planted.log");
    Roots.mkfifo(fifo);
    Path huge = journal.resolve("huge.log");
    try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
      file.setLength(1L << 40);
    }

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertTrue(
        checked
            .out()
            .contains(
                "damaged: " + fifo + ": it is a FIFO (named pipe) but must be a regular file"),
        checked.toString());
    assertTrue(
        checked
            .out()
            .contains("damaged: " + huge + ": it is 1099511627776 bytes, more than the limit of"),
        checked.toString());
  }

  /**
   * A link in place of a shard, on the way to its instances, is named by the listing and makes each
   * of them damaged, never followed: {@code fsck} checks the indexes past it, and {@code show} and
   * {@code events} name it and exit 1. Before, each stopped with exit 4 at the store's refusal.
   */
  @Test
  void aLinkInPlaceOfAShardIsDamageOfItsInstancesAndTheCommandsGoOn() throws Exception {
    Path document = directoryOf("job-2").resolve("instance.json");
    Path shard = document.getParent().getParent().getParent();
    Path outside = Files.move(shard, work.resolve("outside"));
    Files.createSymbolicLink(shard, outside);
    String line =
        "damaged: "
            + document
            + ": the directory "
            + shard
            + " on its way is a symbolic link but must be a directory";

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertTrue(checked.out().contains("damaged: " + shard + ": "), checked.toString());
    assertFalse(checked.out().contains("before the check stopped"), checked.toString());
    for (String command : List.of("show", "events")) {
      Cli.Result named = burrow(command, "job-2", "--root", root.toString());
      assertEquals(1, named.exitCode(), named.toString());
      assertTrue((named.out() + named.err()).contains(line), named.toString());
    }
    assertTrue(Files.isSymbolicLink(shard), "left where it is");
  }
}
