package dev.burrow.test;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failure message lists lock and lease files by size without opening them: closing a channel on a
 * file drops every POSIX lock this process holds on it (a live worker's lease, an instance lock).
 */
class RootListingTest {
  @TempDir Path root;

  @Test
  void lockAndLeaseFilesAreListedWithoutBeingRead() throws IOException {
    Path lease =
        Files.createDirectories(root.resolve(".burrow/workers")).resolve("worker-0001.lease");
    Files.writeString(lease, "pid 4242", StandardCharsets.UTF_8);
    Path lock = Files.createDirectories(root.resolve(".burrow/locks")).resolve("instances.lock");
    Files.writeString(lock, "x", StandardCharsets.UTF_8);
    Files.writeString(root.resolve("doc.json"), "{}", StandardCharsets.UTF_8);

    String listing = RootListing.of(root);

    assertTrue(listing.contains("worker-0001.lease  8 bytes\n"), listing);
    assertTrue(listing.contains("instances.lock  1 bytes\n"), listing);
    assertTrue(!listing.contains("pid 4242"), listing);
    assertTrue(listing.contains("doc.json  2 bytes: {}"), listing);
  }

  /**
   * A root whose bookkeeping alone fills the listing still shows its instances: Burrow's own
   * entries come after them, and the cut falls on those.
   */
  @Test
  void theInstancesAreListedBeforeBurrowsOwnEntries() throws IOException {
    for (int i = 0; i < 70; i++) {
      Files.createDirectories(root.resolve(".burrow/trash/" + i));
    }
    Path document =
        Files.createDirectories(root.resolve("instances/alice@t/alice@t/alice"))
            .resolve("instance.json");
    Files.writeString(document, "{\"balance\":60}", StandardCharsets.UTF_8);

    String listing = RootListing.of(root);

    assertTrue(listing.startsWith("  instances/\n"), listing);
    assertTrue(
        listing.contains(
            "instances/alice@t/alice@t/alice/instance.json  14 bytes: {\"balance\":60}"),
        listing);
    assertTrue(listing.endsWith("  ... and 17 more\n"), listing);
  }
}
