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
}
