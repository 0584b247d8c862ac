package dev.burrow.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A root given to the command as a symbolic link (the user's choice; links inside the root are
 * refused) is read and repaired in the directory the link leads to, as the application's store
 * works there: the instances' paths the command checks and names are those of that directory.
 */
class LinkedRootTest extends OnThreeJobs {
  private Path link = Path.of("unset");

  @BeforeEach
  void linkToTheRoot() throws Exception {
    link = Files.createSymbolicLink(work.resolve("link"), root);
  }

  @Test
  void showEventsAndStatsReadTheRootThroughTheLink() throws Exception {
    Cli.Result shown = burrow("show", "job-2", "--root", link.toString());
    assertEquals(0, shown.exitCode(), shown.toString());
    assertTrue(shown.out().contains("build.log"), shown.toString());

    Cli.Result events = burrow("events", "job-2", "--root", link.toString());
    assertEquals(0, events.exitCode(), events.toString());
    assertEquals(2, events.out().lines().count(), events.toString());

    Cli.Result stats = burrow("stats", "--root", link.toString());
    assertEquals(0, stats.exitCode(), stats.toString());
  }

  @Test
  void fsckThroughTheLinkCountsAndQuarantinesADamagedInstanceAsItsOwn() throws Exception {
    Path damaged = directoryOf("job-1");
    Files.writeString(damaged.resolve("instance.json"), "{\"id\": \"job-1\", \"v");

    Cli.Result checked = burrow("fsck", "--root", link.toString());
    assertEquals(1, checked.exitCode(), checked.toString());
    assertTrue(
        checked.out().contains("3 instances checked, 1 problem found in 1 instance"),
        checked.toString());

    Cli.Result repaired = burrow("fsck", "--repair", "--root", link.toString());
    assertTrue(repaired.out().contains("quarantined: " + damaged + " -> "), repaired.toString());
    assertFalse(Files.exists(damaged), repaired.toString());
  }
}
