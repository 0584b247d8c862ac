package dev.burrow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.InstanceLock;
import dev.burrow.PageRequest;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.ModificationTimes;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Every command of the packaged {@code burrow} jar, in a child JVM, on real data roots written by
 * an application's generated store (whose classes the command never sees), including damaged ones.
 */
class CommandsTest extends OnThreeJobs {
  @Test
  void lsListsNewestFirstAPageAtATimeAndFilters() throws Exception {
    Cli.Result all = burrow("ls", "--root", root.toString());
    assertEquals(0, all.exitCode(), all.toString());
    assertEquals(List.of("job-3", "job-2", "job-1"), ids(all.out()), all.toString());
    assertTrue(all.out().startsWith("3 instances of kind 'jobs' in " + root), all.toString());

    Cli.Result first = burrow("ls", "--root", root.toString(), "--limit", "2");
    assertEquals(List.of("job-3", "job-2"), ids(first.out()), first.toString());
    assertTrue(
        first
            .out()
            .startsWith("2 instances of kind 'jobs' in " + root + " (this page; more follow)"),
        "a page is not taken for the whole listing: " + first);
    Matcher next = Pattern.compile("next page: add --after (\\S+)").matcher(first.out());
    assertTrue(next.find(), first.toString());
    Cli.Result second = burrow("ls", "--root", root.toString(), "--after", next.group(1));
    assertEquals(List.of("job-1"), ids(second.out()), second.toString());
    assertTrue(
        second.out().startsWith("1 instance of kind 'jobs' in " + root + " (the last page)"),
        second.toString());
    assertTrue(!second.out().contains("next page"), second.toString());

    Cli.Result filtered =
        burrow("ls", "--root", root.toString(), "--where", "owner=ana", "--where", "status=DONE");
    assertEquals(List.of("job-3"), ids(filtered.out()), filtered.toString());

    Cli.Result twoValues =
        burrow("ls", "--root", root.toString(), "--where", "status=DONE", "--where", "status=X");
    assertEquals(2, twoValues.exitCode(), "not the last value alone: " + twoValues);
    assertTrue(
        twoValues.err().contains("--where gives field 'status' two values ('DONE' and 'X')"),
        twoValues.toString());
  }

  @Test
  void lsWhereReadsOnlyWhatACompleteIndexNamesAndVerifiesEachEntry() throws Exception {
    Path done = root.resolve(".burrow/indexes/=status/=.d.o.n.e");
    Path job3 = Roots.entry(done, "job-3");
    assertTrue(Files.isRegularFile(job3), "the store indexed job-3 under DONE");
    Files.delete(job3); // a missing entry: only a read of the index misses it
    Roots.plantEntry(done, "job-1"); // a stale entry: job-1 is QUEUED
    Cli.Result indexed = burrow("ls", "--root", root.toString(), "--where", "status=DONE");
    assertEquals(0, indexed.exitCode(), indexed.toString());
    assertEquals(List.of("job-2"), ids(indexed.out()), indexed.toString());
  }

  @Test
  void lsWhereGivesTheSamePagesWithAnIndexAndWithout() throws Exception {
    try (JobStore jobs = open()) {
      jobs.create("job-4", c -> c.owner("cy").status("DONE"));
      jobs.create("job-5", c -> c.owner(null).status("DONE"));
    }
    Path unindexed = work.resolve("unindexed");
    Cli.Result exported = burrow("export", "--root", root.toString());
    Path export = Files.writeString(work.resolve("jobs.jsonl"), exported.out());
    Cli.Result imported =
        burrow("import", "--root", unindexed.toString(), "--in", export.toString());
    assertEquals(0, imported.exitCode(), imported.toString());
    assertTrue(
        Files.isRegularFile(root.resolve(".burrow/indexes/=status/.ready2=.q.u.e.u.e.d")),
        "the application's root has a complete index of status");
    try (Stream<Path> indexes = Files.walk(unindexed.resolve(".burrow"))) {
      assertTrue(
          indexes.noneMatch(p -> p.getFileName().toString().startsWith(".ready")),
          "the imported root has no complete index");
    }
    for (String[] where :
        List.of(
            new String[] {"status=DONE"},
            new String[] {"status=DONE", "owner=ana"},
            new String[] {"owner=null"},
            new String[] {"attempts=2"})) {
      List<String> fromIndex = pages(root, where);
      assertEquals(fromIndex, pages(unindexed, where), String.join(" ", where));
    }
    assertEquals(List.of("job-5", "job-4", "job-3", "job-2"), pages(root, "status=DONE"));
  }

  /**
   * {@code --where FIELD=null} lists the documents without the field too (written before the
   * component existed), as a missing field reads as null, whether the field's index is complete
   * (for {@code owner}, whose index files such a document under null) or its default is a value
   * (for {@code status}, filed under QUEUED). Before, it listed only the documents holding a JSON
   * null, {@code job-4} and not {@code job-1}.
   */
  @Test
  void lsWhereNullListsTheDocumentsWithoutTheField() throws Exception {
    try (JobStore jobs = open()) {
      jobs.create("job-4", c -> c.owner(null));
    }
    for (String field : List.of("owner", "status")) {
      Path document = directoryOf("job-1").resolve("instance.json");
      ObjectNode json = (ObjectNode) JSON.readTree(Files.readString(document));
      json.remove(field);
      Files.writeString(document, json.toString());
    }
    assertTrue(
        Files.isRegularFile(root.resolve(".burrow/indexes/=owner/.ready2.null")),
        "the application's root has a complete index of owner, its default null");

    assertEquals(List.of("job-4", "job-1"), pages(root, "owner=null"));
    assertEquals(List.of("job-1"), pages(root, "status=null"));
    assertEquals(List.of("job-1"), pages(root, "owner=null", "status=null"));
  }

  /**
   * A {@code null} line in an event log is damage to every command that reads the log, as it is to
   * the application's readers (which skip it: {@code the line is null}) and to {@code import},
   * which refuses a log holding one. Before, {@code fsck} found nothing damaged, and {@code events}
   * and {@code show} printed {@code null} as an event, all exiting 0.
   */
  @Test
  void aNullEventLineIsDamageToEveryCommandThatReadsTheLog() throws Exception {
    Path log = directoryOf("job-2").resolve("events/events.jsonl");
    long at = Files.size(log);
    Files.writeString(log, "null\n{\"what\":\"archived\",\"step\":3}\n", StandardOpenOption.APPEND);
    String damaged = "damaged: " + log + " at byte " + at + ": ";

    Cli.Result fsck = burrow("fsck", "--root", root.toString());
    assertEquals(1, fsck.exitCode(), fsck.toString());
    assertTrue(fsck.out().contains(damaged), fsck.toString());

    Cli.Result events = burrow("events", "job-2", "--root", root.toString());
    assertEquals(1, events.exitCode(), events.toString());
    assertEquals(3, events.out().lines().count(), events.toString());
    assertFalse(events.out().contains("null"), events.toString());
    assertTrue(events.err().startsWith(damaged), events.toString());

    Cli.Result show = burrow("show", "job-2", "--root", root.toString());
    assertEquals(1, show.exitCode(), show.toString());
    assertTrue(show.out().contains("last 3 of 3 events"), show.toString());
  }

  /** Every page of {@code ls --limit 2 --where ...} as the IDs it lists, in order. */
  private List<String> pages(Path dataRoot, String... where) throws Exception {
    List<String> listed = new java.util.ArrayList<>();
    String after = null;
    do {
      List<String> args =
          new java.util.ArrayList<>(
              List.of("ls", "--root", dataRoot.toString(), "--limit", "2", "--json"));
      for (String condition : where) {
        args.add("--where");
        args.add(condition);
      }
      if (after != null) {
        args.add("--after");
        args.add(after);
      }
      Cli.Result page = burrow(args.toArray(String[]::new));
      assertEquals(0, page.exitCode(), page.toString());
      JsonNode listing = JSON.readTree(page.out());
      listing.path("instances").forEach(i -> listed.add(i.path("id").asString()));
      after = listing.path("next").isString() ? listing.path("next").asString() : null;
    } while (after != null);
    return listed;
  }

  @Test
  void lsJsonIsOneObjectForScripts() throws Exception {
    Cli.Result result = burrow("ls", "--root", root.toString(), "--limit", "2", "--json");
    assertEquals(0, result.exitCode(), result.toString());
    JsonNode listing = JSON.readTree(result.out());
    assertEquals("jobs", listing.path("kind").asString());
    assertEquals(2, listing.path("instances").size());
    assertEquals("job-3", listing.path("instances").get(0).path("id").asString());
    assertEquals("DONE", listing.path("instances").get(0).path("status").asString());
    assertTrue(listing.path("next").isString(), result.toString());
    assertEquals(0, listing.path("damaged").size());
  }

  @Test
  void showPrintsTheDocumentTheFilesAndTheLastEvents() throws Exception {
    Files.writeString(directoryOf("job-2").resolve("workspace/one.txt"), "1");
    Cli.Result result = burrow("show", "job-2", "--root", root.toString(), "--events", "1");
    assertEquals(0, result.exitCode(), result.toString());
    assertTrue(result.out().contains("\"owner\" : \"bo\""), result.toString());
    assertTrue(result.out().contains("  workspace/build.log  3 bytes"), result.toString());
    assertTrue(result.out().contains("  workspace/one.txt  1 byte\n"), result.toString());
    assertTrue(result.out().contains("last 1 of 2 events"), result.toString());
    assertTrue(result.out().contains("{\"what\":\"finished\",\"step\":2}"), result.toString());

    JsonNode shown =
        JSON.readTree(burrow("show", "job-2", "--root", root.toString(), "--json").out());
    assertEquals(2, shown.path("document").path("attempts").asInt());
    assertEquals(2, shown.path("events").size());

    Cli.Result missing = burrow("show", "job-9", "--root", root.toString());
    assertEquals(3, missing.exitCode(), missing.toString());
    assertTrue(missing.err().contains("job-9"), missing.toString());
  }

  /**
   * {@code show} and {@code ls} print a document's numbers as stored, as an export writes them.
   * Before, they read the document as doubles: 1e400 was shown as "Infinity", 1.10 as 1.1 and -0 as
   * 0.
   */
  @Test
  void showAndLsPrintNumbersAsStored() throws Exception {
    String numbers = "\"zero\":-0.0,\"tenth\":1.10,\"huge\":1e400,\"whole\":-0";
    Path document = directoryOf("job-2").resolve("instance.json");
    String stored = Files.readString(document);
    Files.writeString(document, stored.substring(0, stored.lastIndexOf('}')) + "," + numbers + "}");

    Cli.Result shown = burrow("show", "job-2", "--root", root.toString());
    assertEquals(0, shown.exitCode(), shown.toString());
    Cli.Result json = burrow("show", "job-2", "--root", root.toString(), "--json");
    assertEquals(0, json.exitCode(), json.toString());
    Cli.Result listed = burrow("ls", "--root", root.toString(), "--json");
    assertEquals(0, listed.exitCode(), listed.toString());
    Cli.Result rows = burrow("ls", "--root", root.toString());
    assertEquals(0, rows.exitCode(), rows.toString());
    for (String number : numbers.split(",")) {
      String pretty = number.replace(":", " : ");
      assertTrue(shown.out().contains(pretty), number + " in " + shown);
      assertTrue(json.out().contains(pretty), number + " in " + json);
      assertTrue(listed.out().contains(pretty), number + " in " + listed);
      assertTrue(rows.out().contains(number), number + " in " + rows);
    }
    assertEquals(2, JSON.readTree(json.out()).path("document").path("attempts").asInt());
  }

  /**
   * A {@code --root} that is a file (an export's, mistyped), or lies under one, is no data root
   * (exit 3), named plainly; before, it failed as a read error (exit 4) quoting a JDK exception
   * ({@code java.nio.file.FileSystemException: …: Not a directory}), and {@code import} likewise.
   */
  @Test
  void aRootThatIsAFileIsNoDataRoot() throws Exception {
    Path file = Files.writeString(work.resolve("jobs.jsonl"), "{}\n");
    for (Path given : List.of(file, file.resolve("sub"))) {
      Cli.Result listed = burrow("ls", "--root", given.toString());
      assertEquals(3, listed.exitCode(), listed.toString());
      assertTrue(
          listed.err().contains(file + " is not a directory, so " + given + " is no Burrow"),
          listed.toString());
      assertFalse(listed.err().contains("java."), listed.toString());
    }
    Path export = work.resolve("export.jsonl");
    assertEquals(
        0, burrow("export", "--root", root.toString(), "--out", export.toString()).exitCode());
    Cli.Result imported = burrow("import", "--root", file.toString(), "--in", export.toString());
    assertEquals(3, imported.exitCode(), imported.toString());
    assertEquals("{}\n", Files.readString(file), "left as it was");
  }

  /**
   * A {@code --root} that does not exist is no data root (exit 3), named as missing, with the first
   * directory on its way that is missing (a mistyped parent), not as a directory that is there but
   * holds no root; nothing is created. An empty directory is still named as one without a root.
   */
  @Test
  void aRootThatDoesNotExistIsNamedMissing() throws Exception {
    Path missing = work.resolve("nosuch");
    for (String command : List.of("ls", "stats", "fsck", "export")) {
      Cli.Result refused = burrow(command, "--root", missing.toString());
      assertEquals(3, refused.exitCode(), refused.toString());
      assertEquals(
          "burrow: "
              + missing
              + " does not exist: give the directory a store was opened on (the one holding"
              + " instances/ and .burrow/)\n",
          refused.err(),
          command);
    }
    Path deep = work.resolve("typo").resolve("jobs");
    Cli.Result underMissing = burrow("ls", "--root", deep.toString());
    assertEquals(3, underMissing.exitCode(), underMissing.toString());
    assertTrue(
        underMissing
            .err()
            .startsWith(
                "burrow: " + work.resolve("typo") + " does not exist, so " + deep + " does not"),
        underMissing.toString());
    assertFalse(Files.exists(missing), "nothing was created");
    assertFalse(Files.exists(work.resolve("typo")), "nothing was created");

    Path empty = Files.createDirectory(work.resolve("empty"));
    Cli.Result noRoot = burrow("ls", "--root", empty.toString());
    assertEquals(3, noRoot.exitCode(), noRoot.toString());
    assertTrue(
        noRoot.err().startsWith("burrow: " + empty + " is not a Burrow data root"),
        noRoot.toString());
  }

  /**
   * {@code show} of an instance whose directory holds thousands of files (a run's output) lists the
   * first 1000 entries in path order and says how many more there are, in its text and its JSON.
   */
  @Test
  void showListsTheFirstThousandEntriesAndCountsTheRest() throws Exception {
    Path directory = directoryOf("job-2");
    Path output = Files.createDirectories(directory.resolve("workspace/out"));
    for (int i = 0; i < 3000; i++) {
      Files.createFile(output.resolve(String.format(Locale.ROOT, "part-%04d", i)));
    }
    List<String> entries;
    try (Stream<Path> walked = Files.walk(directory)) {
      entries = walked.skip(1).map(p -> directory.relativize(p).toString()).sorted().toList();
    }
    long rest = entries.size() - 1000;

    Cli.Result result = burrow("show", "job-2", "--root", root.toString());
    assertEquals(0, result.exitCode(), result.err());
    List<String> lines = result.out().lines().toList();
    int start = lines.indexOf("directory " + directory) + 1;
    assertTrue(start > 0, result.out());
    int end = start;
    while (end < lines.size() && !lines.get(end).isEmpty()) {
      end++;
    }
    List<String> listed = lines.subList(start, end);
    assertEquals(1001, listed.size(), result.out());
    for (int i = 0; i < 1000; i++) {
      assertTrue(listed.get(i).startsWith("  " + entries.get(i)), listed.get(i));
    }
    assertEquals(
        "  ... and " + rest + " more entries not shown (the first 1000 are listed)",
        listed.get(1000));

    JsonNode shown =
        JSON.readTree(burrow("show", "job-2", "--root", root.toString(), "--json").out());
    assertEquals(1000, shown.path("files").size());
    for (int i = 0; i < 1000; i++) {
      assertEquals(entries.get(i), shown.path("files").get(i).path("path").asString());
    }
    assertEquals(rest, shown.path("filesNotShown").asLong());
  }

  @Test
  void showTakesTheLockWritersTake() throws Exception {
    try (JobStore jobs = open();
        InstanceLock held = jobs.lock("job-1", Duration.ofSeconds(5))) {
      Cli.Result result = burrow("show", "job-1", "--root", root.toString(), "--lock-timeout", "1");
      assertEquals(4, result.exitCode(), result.toString());
      assertTrue(result.err().contains("job-1"), result.toString());
    }
    assertEquals(0, burrow("show", "job-1", "--root", root.toString()).exitCode());
  }

  @Test
  void eventsPrintsTheLogAndFollowsNewEvents() throws Exception {
    Cli.Result result = burrow("events", "job-2", "--root", root.toString());
    assertEquals(0, result.exitCode(), result.toString());
    assertEquals(
        List.of("{\"what\":\"started\",\"step\":1}", "{\"what\":\"finished\",\"step\":2}"),
        result.out().lines().toList());

    try (Cli.Running follow = Cli.start("events", "job-2", "--follow", "--root", root.toString());
        JobStore jobs = open()) {
      assertEquals("{\"what\":\"started\",\"step\":1}", follow.nextLine());
      assertEquals("{\"what\":\"finished\",\"step\":2}", follow.nextLine());
      jobs.events("job-2", Roots.Note.class).append(new Roots.Note("archived", 3));
      assertEquals("{\"what\":\"archived\",\"step\":3}", follow.nextLine());

      follow.out().close(); // the reader goes away, as head does after its lines
      jobs.events("job-2", Roots.Note.class).append(new Roots.Note("unread", 4));
      assertTrue(
          follow.process().waitFor(2, TimeUnit.MINUTES),
          "--follow ends once nobody reads what it prints");
      assertEquals(4, follow.process().exitValue());
      assertTrue(
          follow.remainingErrorLines().contains("burrow: " + Burrow.OUTPUT_FAILED),
          "says why it stopped");
    }
  }

  @Test
  void statsCountsSizesAndNamesTheNewestAndOldest() throws Exception {
    Cli.Result result = burrow("stats", "--root", root.toString(), "--json");
    assertEquals(0, result.exitCode(), result.toString());
    JsonNode stats = JSON.readTree(result.out());
    assertEquals(3, stats.path("instances").asInt());
    assertEquals(0, stats.path("damaged").asInt());
    assertEquals("job-3", stats.path("newest").path("id").asString());
    assertEquals("job-1", stats.path("oldest").path("id").asString());
    assertTrue(stats.path("oldest").path("createdAt").isString(), result.toString());
    assertTrue(stats.path("files").asInt() >= 2, result.toString());
    assertTrue(stats.path("documentBytes").asLong() > 0, result.toString());

    Cli.Result human = burrow("stats", "--root", root.toString());
    assertTrue(human.out().contains("instances    3\n"), human.toString());
    assertTrue(human.out().contains("newest       job-3  created "), human.toString());

    Path named = work.resolve("named");
    Instant start = Instant.parse("2026-01-01T00:00:00Z");
    List<String> createdInOrder = List.of("mid", "zeta", "alpha");
    for (int i = 0; i < createdInOrder.size(); i++) {
      StoreOptions options =
          StoreOptions.defaults()
              .withDataRoot(named)
              .withClock(Clock.fixed(start.plusSeconds(i), ZoneOffset.UTC));
      try (JobStore jobs = JobStore.open(options)) {
        jobs.create(createdInOrder.get(i), c -> c.owner("ana"));
      }
    }
    JsonNode byTime = JSON.readTree(burrow("stats", "--root", named.toString(), "--json").out());
    assertEquals("alpha", byTime.path("newest").path("id").asString(), "created last: " + byTime);
    assertEquals("mid", byTime.path("oldest").path("id").asString(), "created first: " + byTime);
  }

  @Test
  void statsCountsTheFilesExportArchivesAndNotTheDocuments() throws Exception {
    Path bare = work.resolve("bare");
    try (JobStore jobs = JobStore.open(StoreOptions.defaults().withDataRoot(bare))) {
      jobs.create("job-1", c -> c.owner("ana"));
      jobs.create("job-2", c -> c.owner("bo"));
    }
    JsonNode none = JSON.readTree(burrow("stats", "--root", bare.toString(), "--json").out());
    assertEquals(2, none.path("instances").asInt(), none.toString());
    assertEquals(0, none.path("files").asInt(), none.toString());
    assertEquals(0, none.path("directoryBytes").asLong(), none.toString());
    Cli.Result human = burrow("stats", "--root", bare.toString());
    assertTrue(human.out().contains("directories  0 bytes in 0 files\n"), human.toString());

    JsonNode stats = JSON.readTree(burrow("stats", "--root", root.toString(), "--json").out());
    Cli.Result exported = burrow(exportWithDirectories("--json"));
    JsonNode summary = JSON.readTree(exported.out());
    assertTrue(summary.path("files").asInt() >= 2, exported.toString());
    assertEquals(summary.path("files").asInt(), stats.path("files").asInt(), exported.toString());
  }

  /**
   * A damaged instance is listed on the one page where it falls, with and without a {@code --where}
   * read from every document: the pages before it neither name it nor exit 1 for it, and the page
   * that holds it does (the last page, when no readable instance follows it). Before, a page named
   * the damage it read past its last instance, and the following pages named it again.
   */
  @Test
  void aDamagedInstanceIsListedOnThePageWhereItFallsOnly() throws Exception {
    Files.writeString(directoryOf("job-1").resolve("instance.json"), "{\"id\": \"job-1\", \"v");
    List<String> expected = List.of("exit 0 [job-3] 0", "exit 1 [job-2] 1");

    assertEquals(expected, pages("1"));
    assertEquals(expected, pages("1", "--where", "version=1"));
    assertEquals(List.of("exit 1 [job-3, job-2] 1"), pages("2"));
  }

  /**
   * Every page of {@code ls --limit LIMIT --json} with {@code more} arguments, each as its exit
   * code, its IDs and its number of damaged instances.
   */
  private List<String> pages(String limit, String... more) throws Exception {
    List<String> pages = new java.util.ArrayList<>();
    String after = null;
    do {
      List<String> args =
          new java.util.ArrayList<>(
              List.of("ls", "--root", root.toString(), "--limit", limit, "--json"));
      args.addAll(List.of(more));
      if (after != null) {
        args.add("--after");
        args.add(after);
      }
      Cli.Result page = burrow(args.toArray(String[]::new));
      JsonNode listing = JSON.readTree(page.out());
      List<String> ids = new java.util.ArrayList<>();
      listing.path("instances").forEach(i -> ids.add(i.path("id").asString()));
      pages.add("exit " + page.exitCode() + " " + ids + " " + listing.path("damaged").size());
      after = listing.path("next").isString() ? listing.path("next").asString() : null;
    } while (after != null);
    return pages;
  }

  @Test
  void aDamagedDocumentIsNamedAndTheRestStillListed() throws Exception {
    Path document = directoryOf("job-2").resolve("instance.json");
    Files.writeString(document, "{\"id\": \"job-2\", \"vers");

    Cli.Result ls = burrow("ls", "--root", root.toString());
    assertEquals(1, ls.exitCode(), "damage found: " + ls);
    assertEquals(List.of("job-3", "job-1"), ids(ls.out()), ls.toString());
    assertTrue(
        ls.out().contains("damaged: " + document + ": not a valid document of kind 'jobs': "),
        ls.toString());
    assertTrue(document.toString().contains("job-2"), document.toString());
    assertTrue(!ls.out().contains("RawDocument"), "no class of Burrow's in " + ls);

    Cli.Result counted = burrow("stats", "--root", root.toString(), "--json");
    assertEquals(1, counted.exitCode(), counted.toString());
    JsonNode stats = JSON.readTree(counted.out());
    assertEquals(2, stats.path("instances").asInt());
    assertEquals(1, stats.path("damaged").asInt());
    assertEquals(
        document.toString(), Cli.firstLocation(stats, "damagedInstances"), counted.toString());
    Cli.Result human = burrow("stats", "--root", root.toString());
    assertEquals(1, human.exitCode(), human.toString());
    assertTrue(
        human.out().contains("damaged: " + document + ": not a valid document of kind 'jobs': "),
        "stats names the damaged file and why: " + human);
  }

  @Test
  void fsckPassesAHealthyRootAndNamesEveryDamagedFile() throws Exception {
    Cli.Result healthy = burrow("fsck", "--root", root.toString());
    assertEquals(0, healthy.exitCode(), healthy.toString());
    assertTrue(healthy.out().contains("3 instances checked, nothing damaged"), healthy.toString());

    Path document = directoryOf("job-1").resolve("instance.json");
    Files.writeString(document, "[]");
    Path events = directoryOf("job-2").resolve("events/events.jsonl");
    Files.writeString(
        events,
        "{\"what\":\"lost\"\n{\"what\":\"kept\",\"step\":9}\n{\"torn",
        java.nio.file.StandardOpenOption.APPEND);

    Cli.Result damaged = burrow("fsck", "--root", root.toString());
    assertEquals(1, damaged.exitCode(), damaged.toString());
    assertTrue(
        damaged
            .out()
            .contains(
                "damaged: "
                    + document
                    + ": not a valid document of kind 'jobs': no string 'id' and whole-number"
                    + " 'version' field"),
        damaged.toString());
    assertTrue(!damaged.out().contains("RawDocument"), "no class of Burrow's in " + damaged);
    assertTrue(damaged.out().contains("damaged: " + events), damaged.toString());
    assertTrue(damaged.out().contains("note: " + events), damaged.toString());
    assertTrue(
        damaged.out().contains("3 instances checked, 2 problems found in 2 instances"),
        damaged.toString());

    JsonNode report = JSON.readTree(burrow("fsck", "--root", root.toString(), "--json").out());
    assertEquals(2, report.path("damaged").size());
    assertTrue(Cli.firstLocation(report, "damaged").contains("job-1"), report.toString());
  }

  /**
   * An instance whose document is damaged still has its event log read and its declared
   * subdirectories checked: {@code fsck} names all three, and {@code --repair} names them too
   * before it moves the instance, events and all, into the quarantine.
   */
  @Test
  void fsckChecksTheEventsAndSubdirectoriesOfAnInstanceWhoseDocumentIsDamaged() throws Exception {
    Path job2 = directoryOf("job-2");
    Path document = job2.resolve("instance.json");
    Files.writeString(document, "{\"id\": \"job-2\"");
    Path events = job2.resolve("events/events.jsonl");
    Files.writeString(events, "{\"what\":\"lost\"\n", java.nio.file.StandardOpenOption.APPEND);
    Path workspace = job2.resolve("workspace");
    Path elsewhere = Files.move(workspace, work.resolve("elsewhere"));
    Files.createSymbolicLink(workspace, elsewhere);

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    for (Path damaged : List.of(document, events, workspace)) {
      assertTrue(checked.out().contains("damaged: " + damaged), damaged + " in " + checked);
    }
    JsonNode report = JSON.readTree(burrow("fsck", "--root", root.toString(), "--json").out());
    assertEquals(3, report.path("damaged").size(), report.toString());

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());
    assertEquals(1, repaired.exitCode(), repaired.toString());
    for (Path damaged : List.of(document, events, workspace)) {
      assertTrue(repaired.out().contains("damaged: " + damaged), damaged + " in " + repaired);
    }
    assertTrue(repaired.out().contains("quarantined: " + job2 + " -> "), repaired.toString());
    Path moved = quarantined("job-2~");
    assertTrue(
        Files.readString(moved.resolve("events/events.jsonl")).endsWith("{\"what\":\"lost\"\n"),
        "the events went along, as they were");
    assertTrue(Files.isSymbolicLink(moved.resolve("workspace")), "the link moved, not followed");
  }

  @Test
  void fsckRepairMovesDamagedInstancesIntoQuarantineAndDeletesNothing() throws Exception {
    Path job1 = directoryOf("job-1");
    Files.writeString(job1.resolve("instance.json"), "{\"id\": \"job-1\"");
    Path notes = Files.writeString(root.resolve("instances/notes.txt"), "mine\n");
    Path stray = Files.createDirectory(root.resolve("instances/not an id"));
    Files.writeString(stray.resolve("keep.txt"), "also mine\n");
    Path misplaced = Files.createDirectory(job1.resolveSibling("zzz-1"));
    Files.writeString(misplaced.resolve("instance.json"), "{}");

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());
    assertEquals(1, repaired.exitCode(), repaired.toString());
    Path quarantine = root.resolve(".burrow/quarantine");
    for (Path entry : List.of(job1, notes, stray, misplaced)) {
      assertTrue(
          repaired.out().contains("quarantined: " + entry + " -> " + quarantine + "/"),
          entry + " in " + repaired);
      assertTrue(!Files.exists(entry, LinkOption.NOFOLLOW_LINKS), entry + " moved");
    }

    Cli.Result ls = burrow("ls", "--root", root.toString());
    assertEquals(List.of("job-3", "job-2"), ids(ls.out()), ls.toString());
    assertTrue(!ls.out().contains("damaged"), ls.toString());
    Cli.Result after = burrow("fsck", "--root", root.toString());
    assertEquals(0, after.exitCode(), after.toString());
    assertTrue(after.out().contains("2 instances checked, nothing damaged"), after.toString());

    assertEquals(
        "{\"id\": \"job-1\"",
        Files.readString(quarantined("job-1~").resolve("instance.json")),
        "the damaged document is kept as it was");
    assertEquals("mine\n", Files.readString(quarantined("notes.txt~")));
    assertEquals("{}", Files.readString(quarantined("zzz-1~").resolve("instance.json")));
    assertTrue(
        Files.readString(quarantined("stray~").resolve("keep.txt")).equals("also mine\n"),
        "the entry whose name is no ID is kept under a name of Burrow's");
  }

  /**
   * {@code fsck} names the first 1000 damaged or unreadable entries and counts the rest, as {@code
   * ls} does, while {@code --repair} moves every damaged instance. Before, it held every finding of
   * the root in memory and printed them all at the end.
   */
  @Test
  void fsckNamesTheFirstThousandFindingsAndRepairsThemAll() throws Exception {
    int damaged = 1002;
    try (JobStore jobs = open()) {
      for (int i = 0; i < damaged; i++) {
        String id = String.format(Locale.ROOT, "bad-%04d", i);
        jobs.create(id, c -> c.owner("x"));
        Files.writeString(jobs.dirs(id).root().resolve("instance.json"), "[]");
      }
    }
    String notShown = "... and 2 more damaged or unreadable entries not shown (the first 1000 are";

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertEquals(1000, checked.out().lines().filter(l -> l.startsWith("damaged: ")).count());
    assertTrue(
        checked.out().contains(notShown), checked.out().lines().skip(1000).toList().toString());
    assertTrue(
        checked.out().contains("1005 instances checked, 1002 problems found in 1002 instances"),
        checked.out().lines().skip(1000).toList().toString());
    JsonNode report = JSON.readTree(burrow("fsck", "--root", root.toString(), "--json").out());
    assertEquals(1000, report.path("damaged").size());
    assertEquals(2, report.path("damagedNotShown").asLong());

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());
    assertEquals(1, repaired.exitCode(), repaired.toString());
    assertTrue(
        repaired.out().contains(notShown), repaired.out().lines().skip(1000).toList().toString());
    assertEquals(1000, repaired.out().lines().filter(l -> l.startsWith("quarantined: ")).count());
    try (Stream<Path> moved = Files.list(root.resolve(".burrow/quarantine"))) {
      assertEquals(damaged, moved.count(), "every damaged instance was moved");
    }
    Cli.Result after = burrow("fsck", "--root", root.toString());
    assertEquals(0, after.exitCode(), after.toString());
  }

  private Path quarantined(String prefix) throws Exception {
    try (Stream<Path> entries = Files.list(root.resolve(".burrow/quarantine"))) {
      return entries
          .filter(path -> path.getFileName().toString().startsWith(prefix))
          .findFirst()
          .orElseThrow(() -> new AssertionError("no " + prefix + " in the quarantine"));
    }
  }

  /**
   * A link in place of {@code .burrow/quarantine}: {@code fsck} names it (exit 1) and {@code fsck
   * --repair} refuses it (exit 4) moving nothing, while the other commands, which never use the
   * quarantine, go on as usual: it is not one of the paths every open uses.
   */
  @Test
  void fsckRepairRefusesAQuarantineThatIsALinkAndMovesNothing() throws Exception {
    Path document = directoryOf("job-1").resolve("instance.json");
    Files.writeString(document, "[]");
    Path elsewhere = Files.createDirectory(work.resolve("elsewhere"));
    Path quarantine = Files.createSymbolicLink(root.resolve(".burrow/quarantine"), elsewhere);

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertTrue(
        checked.out().contains("damaged: " + quarantine + ": it is a symbolic link"),
        checked.toString());
    Cli.Result shown = burrow("show", "job-2", "--root", root.toString());
    assertEquals(0, shown.exitCode(), "only fsck --repair uses the quarantine: " + shown);

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());
    assertEquals(4, repaired.exitCode(), repaired.toString());
    assertTrue(
        repaired.err().contains(quarantine + ": it is a symbolic link"), repaired.toString());
    assertEquals("[]", Files.readString(document), "the damaged instance stays where it was");
    try (Stream<Path> moved = Files.list(elsewhere)) {
      assertEquals(List.of(), moved.toList(), "nothing was moved through the link");
    }
  }

  @Test
  void fsckRepairRebuildsDamagedIndexesSoTheApplicationNeedsNoRebuild() throws Exception {
    Cli.Result healthy = burrow("fsck", "--root", root.toString());
    assertEquals(0, healthy.exitCode(), healthy.toString());
    assertTrue(!healthy.out().contains("index"), healthy.toString());
    Path indexes = root.resolve(".burrow/indexes");
    try (Stream<Path> tree = Files.walk(indexes)) {
      List<String> entries = tree.map(path -> indexes.relativize(path).toString()).toList();
      assertTrue(
          entries.contains("=attempts/=2/job-2@t/job-2@t/job-2"),
          "a number's entry is checked: " + entries);
    }
    List<String> markers = readyMarkers(indexes);
    assertEquals(3, markers.size(), markers.toString());
    Path missing = Roots.entry(indexes.resolve("=owner/=ana"), "job-1");
    Files.delete(missing);
    Path stale = Roots.plantEntry(indexes.resolve("=owner/=bo"), "job-3");
    Path planted = Files.writeString(indexes.resolve("=status/=.l.o.s.t"), "not a directory");

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertTrue(
        checked.out().contains("damaged: " + missing + ": missing index entry: instance 'job-1'"),
        checked.toString());
    assertTrue(
        checked.out().contains("note: " + stale + ": stale index entry: instance 'job-3'"),
        checked.toString());
    assertTrue(checked.out().contains("damaged: " + planted + ": it is"), checked.toString());
    assertTrue(
        checked.out().contains("3 instances checked, 2 problems found outside the instances"),
        checked.toString());

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());
    assertEquals(1, repaired.exitCode(), "damage was found: " + repaired);
    assertTrue(
        repaired.out().contains("indexes rebuilt: attempts, owner, status; 1 stale entry removed"),
        repaired.toString());
    assertTrue(
        repaired.out().contains("removed from the indexes: " + planted), repaired.toString());
    assertTrue(Files.exists(missing), "the missing entry is back: " + repaired);
    assertTrue(!Files.exists(stale), "the stale entry is gone: " + repaired);
    assertTrue(!Files.exists(planted, LinkOption.NOFOLLOW_LINKS), repaired.toString());
    assertEquals(markers, readyMarkers(indexes), "complete, with the defaults they named");

    Cli.Result after = burrow("fsck", "--root", root.toString());
    assertEquals(0, after.exitCode(), after.toString());
    assertTrue(!after.out().contains("index"), "nothing left to note: " + after);

    // An entry removed now would come back if the application's store rebuilt the index at
    // open; it stays missing, so the answers below are the repaired index's own.
    Path witness = Roots.entry(indexes.resolve("=attempts/=2"), "job-2");
    Files.delete(witness);
    try (JobStore jobs = open()) {
      assertEquals(List.of("job-3", "job-1"), owners(jobs, "ana"));
      assertEquals(List.of("job-2"), owners(jobs, "bo"));
    }
    assertTrue(!Files.exists(witness), "the application's store did not rebuild the index");
  }

  private static List<String> owners(JobStore jobs, String owner) {
    return jobs.findByOwner(owner, PageRequest.first(10)).items().stream().map(Job::id).toList();
  }

  /** The ready markers of every index under {@code indexes}, as index/marker. */
  static List<String> readyMarkers(Path indexes) throws Exception {
    try (Stream<Path> tree = Files.walk(indexes, 2)) {
      return tree.filter(path -> path.getFileName().toString().startsWith(".ready"))
          .map(path -> indexes.relativize(path).toString())
          .sorted()
          .toList();
    }
  }

  /**
   * Where the root records its documents' shape, {@code ls --where} refuses a field the documents
   * do not have, naming the known ones, and a value the field's type cannot hold (exit 2); it
   * listed nothing and exited 0, as if no instance matched. A root without a shape keeps listing.
   */
  @Test
  void lsRefusesAWhereNoDocumentOfTheRecordedShapeCouldMatch() throws Exception {
    Cli.Result unknown = burrow("ls", "--root", root.toString(), "--where", "nosuch=1");
    assertEquals(2, unknown.exitCode(), unknown.toString());
    assertTrue(
        unknown
            .err()
            .contains(
                "--where names field 'nosuch', which documents of kind 'jobs' do not have (its"
                    + " fields: attempts, createdAt, id, owner, status, updatedAt, version)"),
        unknown.toString());
    Cli.Result wrongType = burrow("ls", "--root", root.toString(), "--where", "attempts=abc");
    assertEquals(2, wrongType.exitCode(), wrongType.toString());
    assertTrue(
        wrongType.err().contains("field 'attempts' holds whole numbers, never 'abc'"),
        wrongType.toString());
    Cli.Result matching = burrow("ls", "--root", root.toString(), "--where", "attempts=2");
    assertEquals(0, matching.exitCode(), matching.toString());
    assertTrue(matching.out().contains("job-2"), matching.toString());
    Cli.Result tooLarge =
        burrow("ls", "--root", root.toString(), "--where", "attempts=99999999999");
    assertEquals(2, tooLarge.exitCode(), tooLarge.toString());
    assertTrue(
        tooLarge
            .err()
            .contains(
                "--where attempts=99999999999: field 'attempts' holds whole numbers from"
                    + " -2147483648 to 2147483647 (int), never '99999999999'"),
        tooLarge.toString());
    Cli.Result notAnInstant =
        burrow("ls", "--root", root.toString(), "--where", "createdAt=yesterday");
    assertEquals(2, notAnInstant.exitCode(), notAnInstant.toString());
    assertTrue(
        notAnInstant.err().contains("field 'createdAt' holds instants"), notAnInstant.toString());
    String created =
        JSON.readTree(Files.readString(directoryOf("job-2").resolve("instance.json")))
            .path("createdAt")
            .asString();
    Cli.Result atItsCreation =
        burrow("ls", "--root", root.toString(), "--where", "createdAt=" + created);
    assertEquals(0, atItsCreation.exitCode(), atItsCreation.toString());
    assertTrue(atItsCreation.out().contains("job-2"), atItsCreation.toString());

    Path marker = root.resolve(".burrow/store.json");
    JsonNode recorded = JSON.readTree(Files.readString(marker));
    ((tools.jackson.databind.node.ObjectNode) recorded).remove("shape");
    Files.writeString(marker, JSON.writeValueAsString(recorded));
    Cli.Result unshaped = burrow("ls", "--root", root.toString(), "--where", "nosuch=1");
    assertEquals(0, unshaped.exitCode(), "no shape, nothing to check against: " + unshaped);
  }

  @Test
  void aDamagedKindMarkerIsDamageNamedWithItsReason() throws Exception {
    Path marker = root.resolve(".burrow/store.json");
    Files.writeString(marker, "{\"kind\": \"jobs\", ");

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertTrue(
        checked.out().contains("damaged: " + marker + ": not valid JSON"), checked.toString());
    assertTrue(checked.out().contains("instances were not checked"), checked.toString());

    JsonNode report = JSON.readTree(burrow("fsck", "--root", root.toString(), "--json").out());
    assertEquals(marker.toString(), Cli.firstLocation(report, "damaged"));
    assertEquals(
        List.of(
            "kind",
            "root",
            "instances",
            "damaged",
            "unreadable",
            "damagedNotShown",
            "quarantined",
            "quarantinedNotShown",
            "leftovers",
            "leftoverCount",
            "leftoversSwept",
            "leasesRemoved",
            "indexRepair",
            "notes",
            "notesNotShown",
            "failure"),
        List.copyOf(report.propertyNames()),
        "every member the report documents, also when nothing past the marker was checked");

    Cli.Result ls = burrow("ls", "--root", root.toString());
    assertEquals(1, ls.exitCode(), ls.toString());
    assertTrue(ls.err().contains(marker + ": not valid JSON at line 1, column "), ls.toString());
    for (String internal : List.of("REDACTED", "StreamReadFeature", "#UNKNOWN", "Source:")) {
      assertFalse(ls.err().contains(internal), "no parser internals: " + ls);
    }

    Files.writeString(marker, "[]");
    Cli.Result notAMarker = burrow("fsck", "--root", root.toString(), "--repair");
    assertEquals(1, notAMarker.exitCode(), notAMarker.toString());
    assertTrue(
        notAMarker.out().contains("damaged: " + marker + ": not a kind marker"),
        notAMarker.toString());
    assertEquals("[]", Files.readString(marker), "Burrow never rewrites it by itself");
  }

  @Test
  void fsckNamesBookkeepingFilesBurrowWouldRefuse() throws Exception {
    Path workers = Files.createDirectories(root.resolve(".burrow/workers"));
    Path lease =
        Files.createSymbolicLink(
            workers.resolve("worker-0007.lease"), Files.writeString(work.resolve("x"), ""));

    Cli.Result checked = burrow("fsck", "--root", root.toString(), "--json");
    assertEquals(1, checked.exitCode(), checked.toString());
    JsonNode damaged = JSON.readTree(checked.out()).path("damaged");
    assertEquals(1, damaged.size(), checked.toString());
    assertEquals(lease.toString(), damaged.get(0).path("location").asString());
    assertTrue(
        damaged.get(0).path("reason").asString().contains("symbolic link"), checked.toString());
  }

  /**
   * Burrow's own directories and lock file, which every open makes or uses, planted as links (or a
   * FIFO in place of the lock file): {@code fsck} names each as damaged with why and exits 1, as it
   * does for the bookkeeping files it checks after opening, instead of failing with exit 4, and
   * nothing outside the root changes. Other commands refuse the root naming the path (exit 4).
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        ".burrow/staging",
        ".burrow/trash",
        ".burrow/indexes",
        ".burrow/locks",
        ".burrow/locks/instances.lock",
        ".burrow/journal",
        ".burrow/tmp",
        ".burrow/workers",
        "instances"
      })
  void fsckNamesABookkeepingPathPlantedWhereEveryOpenRefusesIt(String planted) throws Exception {
    Path at = root.resolve(planted);
    Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
    Path moved = Files.move(at, elsewhere.resolve("moved"));
    Files.createSymbolicLink(at, moved);
    Map<Path, FileTime> before = ModificationTimes.of(elsewhere);

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertTrue(
        checked.out().contains("damaged: " + at + ": it is a symbolic link"), checked.toString());
    Cli.Result json = burrow("fsck", "--root", root.toString(), "--json");
    assertEquals(1, json.exitCode(), json.toString());
    JsonNode damaged = JSON.readTree(json.out()).path("damaged");
    assertEquals(at.toString(), damaged.get(0).path("location").asString(), json.toString());
    Cli.Result listed = burrow("ls", "--root", root.toString());
    assertEquals(4, listed.exitCode(), listed.toString());
    assertTrue(listed.err().contains(at + ": it is a symbolic link"), listed.toString());
    assertEquals(before, ModificationTimes.of(elsewhere), "nothing outside the root changed");
  }

  /**
   * A PostgreSQL store's local root holds only that host's instance directories: the tool says so
   * rather than calling it no data root, and an import never writes into it.
   */
  @Test
  void aPostgresStoresLocalRootIsNamedAsSuch() throws Exception {
    Path local = work.resolve("postgres-local");
    Files.createDirectories(local.resolve(".burrow"));
    Files.writeString(
        local.resolve(".burrow").resolve("postgres.json"),
        "{\"tables\":\"burrow_\",\"tablesMadeMicros\":1,\"kind\":\"jobs\"}");

    Cli.Result listed = burrow("ls", "--root", local.toString());
    assertEquals(3, listed.exitCode(), listed.toString());
    assertTrue(listed.err().contains("is a PostgreSQL store's local root"), listed.toString());

    Path export = work.resolve("postgres-local.jsonl");
    assertEquals(
        0, burrow("export", "--root", root.toString(), "--out", export.toString()).exitCode());
    Cli.Result imported = burrow("import", "--root", local.toString(), "--in", export.toString());
    assertEquals(3, imported.exitCode(), imported.toString());
    assertTrue(imported.err().contains("is a PostgreSQL store's local root"), imported.toString());
    assertTrue(!Files.exists(local.resolve("instances")), "nothing was imported");
  }

  /**
   * A PostgreSQL store's record planted beside a filesystem store's kind marker: no store opens the
   * root, and each command names the record as damage, not as a failure with advice for an
   * application's code. Before, every command failed (exit code 4) with the store's refusal, which
   * sent the user to StoreOptions.withDataRoot, and fsck found nothing.
   */
  @Test
  void aPostgresRecordBesideTheKindMarkerIsNamedAsDamage() throws Exception {
    Path record = root.resolve(".burrow").resolve("postgres.json");
    Files.writeString(record, "{\"tables\":\"burrow_\",\"tablesMadeMicros\":1,\"kind\":\"jobs\"}");
    String damage = record + ": a PostgreSQL store's record in the data root of a filesystem store";

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertTrue(checked.out().contains("damaged: " + damage), checked.toString());
    assertTrue(
        checked.out().contains("the instances were not checked: no store opens the root"),
        checked.toString());
    Cli.Result listed = burrow("ls", "--root", root.toString());
    assertEquals(1, listed.exitCode(), listed.toString());
    assertTrue(listed.err().contains(damage), listed.toString());
    assertFalse(listed.err().contains("StoreOptions"), listed.toString());
    assertTrue(Files.exists(record), "nothing is removed");
  }

  /**
   * Whatever is planted as a local root's {@code .burrow/postgres.json} (a link, a FIFO, a
   * directory, a file longer than any record), the root is named a PostgreSQL store's local root,
   * the record named, without following, opening or reading it.
   */
  @ParameterizedTest(name = "{0} as the record")
  @ValueSource(strings = {"link", "fifo", "directory", "huge file"})
  void whateverIsPlantedAsAPostgresRecordTheLocalRootIsNamedAsSuch(String planted)
      throws Exception {
    Path local = work.resolve("postgres-local");
    Path record = Files.createDirectories(local.resolve(".burrow")).resolve("postgres.json");
    Path outside = Files.writeString(work.resolve("outside.json"), "{}");
    switch (planted) {
      case "link" -> Files.createSymbolicLink(record, outside);
      case "fifo" -> Roots.mkfifo(record);
      case "directory" -> Files.createDirectory(record);
      default -> {
        try (RandomAccessFile file = new RandomAccessFile(record.toFile(), "rw")) {
          file.setLength(64L * 1024 * 1024 + 1);
        }
      }
    }
    Path export = work.resolve("jobs.jsonl");
    assertEquals(
        0, burrow("export", "--root", root.toString(), "--out", export.toString()).exitCode());

    for (List<String> command :
        List.of(
            List.of("ls", "--root", local.toString()),
            List.of("fsck", "--root", local.toString()),
            List.of("import", "--root", local.toString(), "--in", export.toString()))) {
      Cli.Result refused = burrow(command.toArray(String[]::new));
      assertEquals(3, refused.exitCode(), refused.toString());
      assertTrue(
          refused
              .err()
              .contains(local + " is a PostgreSQL store's local root (it holds " + record + ")"),
          refused.toString());
    }
    assertEquals("{}", Files.readString(outside));
    assertFalse(Files.exists(local.resolve("instances")), "nothing was imported");
  }

  /**
   * An instance ID that breaks the rules of IDs is a wrong command line: named with why, then the
   * advice line of every wrong command line (with {@code --json} one JSON error object alone), exit
   * 2, before the root is opened. It lacked the advice line.
   */
  @Test
  void anInvalidInstanceIdIsAWrongCommandLine() throws Exception {
    String missing = work.resolve("no-root-here").toString(); // refused before it is looked at
    for (String command : List.of("show", "events")) {
      Cli.Result refused = burrow(command, "../x", "--root", missing);
      assertEquals(2, refused.exitCode(), refused.toString());
      assertEquals(
          List.of(
              "burrow: invalid instance id \"../x\": character '/' (U+002F) at index 2 is not"
                  + " allowed (only A-Z a-z 0-9 . _ -)",
              "Try 'burrow " + command + " --help' for its options and exit codes."),
          refused.err().lines().toList(),
          refused.toString());
      assertEquals("", refused.out(), refused.toString());

      Cli.Result json = burrow(command, "../x", "--root", missing, "--json");
      assertEquals(2, json.exitCode(), json.toString());
      List<String> lines = json.err().lines().toList();
      assertEquals(1, lines.size(), json.toString());
      assertEquals(2, JSON.readTree(lines.get(0)).path("exitCode").asInt(), json.toString());
    }
  }

  @Test
  void wrongUseExitsWithItsDocumentedCode() throws Exception {
    Cli.Result notARoot = burrow("ls", "--root", work.resolve("nothing").toString());
    assertEquals(3, notARoot.exitCode(), notARoot.toString());
    assertTrue(notARoot.err().contains("nothing does not exist"), notARoot.toString());
    assertTrue(!Files.exists(work.resolve("nothing")), "nothing was created");

    Cli.Result badLimit = burrow("ls", "--root", root.toString(), "--limit", "0");
    assertEquals(2, badLimit.exitCode(), badLimit.toString());

    Cli.Result badTimeout = burrow("ls", "--root", root.toString(), "--lock-timeout", "-1");
    assertEquals(2, badTimeout.exitCode(), badTimeout.toString());
    assertTrue(
        badTimeout.err().startsWith("burrow: --lock-timeout must be 0 seconds or more, is -1\n"),
        "named by its option, not by the runtime's StoreOptions: " + badTimeout);
    assertEquals(
        "burrow: --lock-timeout must be 0 seconds or more, is -1\n"
            + "Try 'burrow ls --help' for its options and exit codes.\n",
        badTimeout.err(),
        "the error stays in sight: one line of advice, not the usage text");

    Path missing = work.resolve("missing.jsonl");
    Path fresh = work.resolve("fresh");
    Cli.Result noInput = burrow("import", "--in", missing.toString(), "--root", fresh.toString());
    assertEquals(4, noInput.exitCode(), noInput.toString());
    assertEquals(
        "burrow: " + missing + ": no such file or directory\n",
        noInput.err(),
        "what is wrong with the file, not its bare name");
    assertTrue(!Files.exists(fresh), "nothing was created");

    Cli.Result help = burrow("--help");
    assertEquals(0, help.exitCode(), help.toString());
    assertTrue(help.out().contains("Exit codes:"), help.toString());
    for (String command :
        List.of("ls", "show", "events", "stats", "fsck", "export", "import", "migrate")) {
      assertTrue(help.out().contains("  " + command + " "), command + " in " + help);
    }
    for (int code = 0; code <= 4; code++) {
      assertTrue(help.out().contains("\n  " + code + "   "), "exit code " + code + " in " + help);
    }
    assertTrue(
        help.out().replaceAll("\\s+", " ").contains("the root is in the layout of a newer Burrow"),
        "exit 4 of a root in a newer layout (withJsonEveryErrorIsOneJsonObject) in " + help);
    Cli.Result fsckHelp = burrow("fsck", "--help");
    assertTrue(fsckHelp.out().contains("--repair"), fsckHelp.toString());
    assertTrue(fsckHelp.out().contains("Exit codes:"), fsckHelp.toString());
  }

  /**
   * Output that cannot be written (a full disk) fails the command with exit 4 instead of passing
   * for done: {@code export} to stdout stops at the first failed write, and every command's report
   * is checked.
   */
  @Test
  void outputThatCannotBeWrittenFailsTheCommand() throws Exception {
    Cli.Result exported = Cli.runOnFullDisk(work, "export", "--root", root.toString());
    assertEquals(4, exported.exitCode(), "not 'exported 3 instances': " + exported);
    assertTrue(
        exported.err().contains("writing the export failed: No space left on device"),
        exported.toString());
    assertTrue(!exported.err().contains("exported 3"), exported.toString());

    for (String command : List.of("ls", "stats", "fsck")) {
      Cli.Result result = Cli.runOnFullDisk(work, command, "--root", root.toString());
      assertEquals(4, result.exitCode(), result.toString());
      assertEquals("burrow: " + Burrow.OUTPUT_FAILED + "\n", result.err(), result.toString());
    }
    Cli.Result shown =
        Cli.runOnFullDisk(work, "show", "job-2", "--root", root.toString(), "--json");
    assertEquals(4, shown.exitCode(), shown.toString());
    assertEquals(4, JSON.readTree(shown.err()).path("exitCode").asInt(), shown.toString());
  }

  /**
   * With {@code --json}, a command that cannot run prints its error as one JSON object, on an empty
   * directory, a directory that is no data root, a root of a newer layout, a missing instance, a
   * wrong command line and a wrong input; and a root of a newer layout is left as it was.
   */
  @Test
  void withJsonEveryErrorIsOneJsonObject() throws Exception {
    Path empty = Files.createDirectory(work.resolve("empty"));
    Path other = Files.createDirectory(work.resolve("other"));
    Files.writeString(other.resolve("notes.txt"), "not Burrow's\n");
    Path marker = root.resolve(".burrow/store.json");
    ObjectNode newer = (ObjectNode) JSON.readTree(Files.readString(marker));
    Files.writeString(marker, JSON.writeValueAsString(newer.put("layout", 4)));
    String newerMarker = Files.readString(marker);
    Path notAnExport = Files.writeString(work.resolve("not-an-export.jsonl"), "{}\n");

    record Case(int exitCode, List<String> args) {}
    List<Case> cases =
        List.of(
            new Case(3, List.of("ls", "--root", empty.toString())),
            new Case(3, List.of("stats", "--root", other.toString())),
            new Case(3, List.of("fsck", "--root", other.toString())),
            new Case(4, List.of("ls", "--root", root.toString())),
            new Case(4, List.of("fsck", "--repair", "--root", root.toString())),
            new Case(4, List.of("show", "job-1", "--root", root.toString())),
            new Case(2, List.of("show", "--root", root.toString())),
            new Case(2, List.of("ls", "--limit", "0", "--root", root.toString())),
            new Case(2, List.of("ls", "--bogus", "--root", root.toString())),
            new Case(
                2, List.of("import", "--in", notAnExport.toString(), "--root", empty.toString())),
            new Case(2, List.of("migrate", "--to", "x:", "--root", root.toString())));
    for (Case wrong : cases) {
      List<String> args = new java.util.ArrayList<>(wrong.args());
      args.add("--json");
      Cli.Result result = burrow(args.toArray(String[]::new));
      assertEquals(wrong.exitCode(), result.exitCode(), result.toString());
      assertEquals("", result.out(), result.toString());
      List<String> lines = result.err().lines().toList();
      assertEquals(1, lines.size(), "one line: " + result);
      JsonNode error = JSON.readTree(lines.get(0));
      assertTrue(error.path("error").isString(), result.toString());
      assertEquals(wrong.exitCode(), error.path("exitCode").asInt(), result.toString());
    }
    assertEquals(newerMarker, Files.readString(marker), "the newer root's marker is untouched");
    try (Stream<Path> entries = Files.list(empty)) {
      assertEquals(List.of(), entries.toList(), "nothing was created in the empty directory");
    }
  }

  /** The IDs of the instance rows of {@code ls}'s text output. */
  private static List<String> ids(String out) {
    return out.lines()
        .skip(1)
        .filter(line -> line.startsWith("job-"))
        .map(line -> line.split(" ")[0])
        .toList();
  }
}
