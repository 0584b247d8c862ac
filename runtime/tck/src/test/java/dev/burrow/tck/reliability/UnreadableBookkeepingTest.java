package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.StorageException;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.test.internal.Prerequisites;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One file or directory of Burrow's bookkeeping that the user a store runs as may not read (owned
 * by another user, as after a run as root): a worker lease or mark makes the claim skip that worker
 * number, a trash stripe is left for a later sweep, and an index journal log the store must replay
 * refuses the open with a message naming the file and what to do. Each root is otherwise the
 * user's; as root the child runs as {@code nobody} ({@link Unprivileged}).
 */
class UnreadableBookkeepingTest {
  @TempDir Path work;

  @Test
  void anUnreadableLeaseMarkOrTrashStripeIsSkippedAndAnUnreadableJournalLogIsNamed()
      throws Exception {
    Prerequisites.require(
        OwnerOnly.isPosix(), "no POSIX permissions: the permission checks did not run", "POSIX");
    List<String> launcher = Unprivileged.launcher("the unreadable-bookkeeping check");
    Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path lease = work.resolve("lease");
    Path mark = work.resolve("mark");
    Path stripe = work.resolve("stripe");
    Path journal = work.resolve("journal");
    String[] roots = {
      lease + ":counters", mark + ":counters", stripe + ":counters", journal + ":indexed"
    };
    // populated by a child of its own, whose worker leases are gone with it
    Unprivileged.run(List.of(), work, UnreadableBookkeeping.class, roots);
    Path leaseFile = lease.resolve(".burrow/workers/worker-0000.lease");
    Path markFile = mark.resolve(".burrow/workers/worker-0000.mark");
    if (!Files.exists(markFile)) {
      Files.writeString(markFile, ""); // a mark is written once a generator reserves ahead
    }
    Path stripeDirectory = stripe.resolve(".burrow/trash/5");
    Path journalLog =
        Files.writeString(
            Files.createDirectories(journal.resolve(".burrow/journal")).resolve("gone.log"), "");
    List<Path> unreadable = List.of(leaseFile, markFile, stripeDirectory, journalLog);
    if (!launcher.isEmpty()) {
      for (Path root : List.of(lease, mark, stripe, journal)) {
        Unprivileged.giveTo("nobody", "nogroup", root);
      }
      for (Path path : unreadable) {
        Unprivileged.giveTo("root", "root", path);
      }
    }
    for (Path path : unreadable) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("---------"));
    }

    Unprivileged.Output output =
        Unprivileged.run(launcher, work, UnreadableBookkeeping.class, roots);
    List<String> results = output.lines();

    assertEquals(4, results.size(), results + "\n" + output.stderr());
    assertEquals("ok 2", results.get(0), "worker 0 skipped: " + output.stderr());
    assertEquals("ok 2", results.get(1), "worker 0 skipped: " + output.stderr());
    assertTrue(
        output.stderr().contains("skipping Snowflake worker 0: " + leaseFile + ": permission"),
        output.stderr());
    assertTrue(
        output.stderr().contains("skipping Snowflake worker 0: " + markFile + ": permission"),
        output.stderr());
    assertEquals("ok 2", results.get(2), "the stripe left for later: " + output.stderr());
    assertTrue(
        output.stderr().contains("left " + stripeDirectory + " for a later sweep: "),
        output.stderr());
    assertTrue(
        results
            .get(3)
            .startsWith(
                "threw "
                    + StorageException.class.getName()
                    + " cannot replay the index journal in "
                    + journalLog.getParent()),
        results.get(3));
    assertTrue(
        results
            .get(3)
            .endsWith(
                journalLog
                    + ": permission denied to user '"
                    + user(launcher)
                    + "'; run as"
                    + " the data root's owner, or give the file back to it"),
        results.get(3));
    for (Path path : unreadable) {
      assertTrue(Files.exists(path), path + " is left as it was");
    }
  }

  /** The user the child runs as. */
  private static String user(List<String> launcher) {
    return launcher.isEmpty() ? System.getProperty("user.name") : "nobody";
  }
}
