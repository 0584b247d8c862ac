package dev.burrow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What someone who can write the root plants among Burrow's own files where no check looked: {@code
 * fsck} names each, never following or opening it, and {@code --repair} removes or moves it without
 * losing anything (a link itself, never its target; a hard link's name, never the file its other
 * name keeps; what holds content is moved into {@code .burrow/quarantine/}).
 */
class PlantedBookkeepingTest extends OnThreeJobs {

  /**
   * A link and a FIFO in a session directory's place in {@code .burrow/tmp/}: no session made them.
   * Before, {@code fsck} named neither (the sweep saw a session without files) and {@code --repair}
   * removed them unreported.
   */
  @Test
  void fsckNamesWhatIsPlantedInASessionDirectorysPlaceAndRepairRemovesIt() throws Exception {
    Path area = Files.createDirectories(root.resolve(".burrow/tmp"));
    Path outside = Files.createDirectories(work.resolve("outside"));
    Files.writeString(outside.resolve("mine.txt"), "the user's own file");
    Path link = Files.createSymbolicLink(area.resolve("5eed0123abcd4567"), outside);
    Path fifo = area.resolve("5eed0123abcd4568");
    Roots.mkfifo(fifo);
    String linkLine =
        "damaged: "
            + link
            + ": it is a symbolic link in a session's place, not its directory of temporary files,"
            + " so no live session's; Burrow never follows it";
    String fifoLine = "damaged: " + fifo + ": it is a FIFO (named pipe) in a session's place";

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertTrue(checked.out().contains(linkLine + "\n"), checked.toString());
    assertTrue(checked.out().contains(fifoLine), checked.toString());
    assertTrue(Files.isSymbolicLink(link), "plain fsck changes nothing");

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());
    assertEquals(1, repaired.exitCode(), repaired.toString());
    assertTrue(repaired.out().contains(linkLine + "\n"), repaired.toString());
    assertTrue(
        repaired.out().contains("removed: " + link + " (not a directory"), repaired.toString());
    assertTrue(
        repaired.out().contains("removed: " + fifo + " (not a directory"), repaired.toString());
    assertFalse(Files.exists(link, LinkOption.NOFOLLOW_LINKS), repaired.toString());
    assertFalse(Files.exists(fifo, LinkOption.NOFOLLOW_LINKS), repaired.toString());
    assertEquals("the user's own file", Files.readString(outside.resolve("mine.txt")));

    Cli.Result clean = burrow("fsck", "--root", root.toString());
    assertEquals(0, clean.exitCode(), clean.toString());
  }

  /**
   * A stray file and a link among the workers' leases and marks: no store reads them. Before,
   * {@code fsck} named neither. {@code --repair} moves each into the quarantine as it is.
   */
  @Test
  void fsckNamesStrayEntriesOfTheWorkersDirectoryAndRepairMovesThemAside() throws Exception {
    Path workers = Files.createDirectories(root.resolve(".burrow/workers"));
    Path stray = Files.writeString(workers.resolve("worker-0001.lease2"), "mine\n");
    Path outside = Files.writeString(work.resolve("outside.txt"), "the user's own file");
    Path link = Files.createSymbolicLink(workers.resolve("notes"), outside);
    String why = ": it is no file of Burrow's: .burrow/workers holds only the workers' leases";

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertTrue(checked.out().contains("damaged: " + stray + why), checked.toString());
    assertTrue(checked.out().contains("damaged: " + link + why), checked.toString());

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());
    assertEquals(1, repaired.exitCode(), repaired.toString());
    Path strayAt = quarantinedAt(repaired, stray);
    assertEquals("mine\n", Files.readString(strayAt), "moved, not deleted");
    Path linkAt = quarantinedAt(repaired, link);
    assertTrue(Files.isSymbolicLink(linkAt), "the link itself is moved");
    assertEquals("the user's own file", Files.readString(outside));
    assertFalse(Files.exists(stray, LinkOption.NOFOLLOW_LINKS), repaired.toString());

    Cli.Result clean = burrow("fsck", "--root", root.toString());
    assertEquals(0, clean.exitCode(), clean.toString());
  }

  /**
   * In place of index entries, a hard link (a second name of a file outside the root) and a sparse
   * file of 2 GiB: queries read entries only as names, so nothing failed. Before, {@code fsck}
   * called both sound. {@code --repair} removes the hard link's name, never writing through it,
   * moves the file with content into the quarantine, and rebuilds the index into empty files.
   */
  @Test
  void fsckNamesIndexEntriesThatAreHardLinksOrHoldContentAndRepairReplacesThem() throws Exception {
    Path owner = root.resolve(".burrow/indexes/=owner");
    Path outside = Files.writeString(work.resolve("outside.txt"), "the user's own file");
    Path linked = Roots.entry(owner.resolve("=ana"), "job-3");
    Files.delete(linked);
    Files.createLink(linked, outside);
    Path sparse = Roots.entry(owner.resolve("=bo"), "job-2");
    try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
      file.setLength(2L * 1024 * 1024 * 1024);
    }

    Cli.Result checked = burrow("fsck", "--root", root.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    for (String damage :
        List.of(
            "damaged: "
                + linked
                + ": it is a regular file with 2 links (hard links), but an index entry must be"
                + " an empty file",
            "damaged: "
                + sparse
                + ": it is a regular file of 2147483648 bytes, but an index entry must be an"
                + " empty file")) {
      assertTrue(checked.out().contains(damage), damage + " in " + checked);
    }

    Cli.Result repaired = burrow("fsck", "--repair", "--root", root.toString());
    assertEquals(1, repaired.exitCode(), repaired.toString());
    assertTrue(repaired.out().contains("indexes rebuilt: "), repaired.toString());
    assertEquals(2L * 1024 * 1024 * 1024, Files.size(quarantinedAt(repaired, sparse)));
    for (Path entry : List.of(linked, sparse)) {
      assertTrue(Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS), entry + " is back");
      assertEquals(0, Files.size(entry), entry + " is an empty file again");
      assertEquals(1, Files.getAttribute(entry, "unix:nlink"), entry + " has one name");
    }
    assertEquals("the user's own file", Files.readString(outside), "never written through");
    assertEquals(1, Files.getAttribute(outside, "unix:nlink"));

    Cli.Result clean = burrow("fsck", "--root", root.toString());
    assertEquals(0, clean.exitCode(), clean.toString());
    try (JobStore jobs = open()) {
      assertEquals(2, jobs.countByOwner("ana"));
      assertEquals(1, jobs.countByOwner("bo"));
    }
  }

  /** Where the output of {@code repaired} says {@code entry} was moved to, in the quarantine. */
  private Path quarantinedAt(Cli.Result repaired, Path entry) {
    Matcher line =
        Pattern.compile("quarantined: " + Pattern.quote(entry.toString()) + " -> (.*)\n")
            .matcher(repaired.out());
    assertTrue(line.find(), entry + " quarantined: " + repaired);
    Path target = Path.of(line.group(1));
    assertTrue(target.startsWith(root.resolve(".burrow/quarantine")), repaired.toString());
    return target;
  }
}
