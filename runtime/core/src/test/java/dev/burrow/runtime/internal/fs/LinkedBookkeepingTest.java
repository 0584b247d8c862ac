package dev.burrow.runtime.internal.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.StorageException;
import dev.burrow.runtime.internal.id.WorkerIds;
import dev.burrow.runtime.internal.index.IndexJournal;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.testing.ModificationTimes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <root>/.burrow} planted as a link to a directory outside the data root: whatever makes its
 * own directory under it (the lock file's, the worker leases', the temporary area's, the index
 * journal's) refuses, naming the link, and makes, writes or removes nothing outside; the sweep of
 * the temporary area never lists it.
 */
class LinkedBookkeepingTest {
  @TempDir Path root;
  @TempDir Path outside;
  private Path link;

  @BeforeEach
  void plant() throws IOException {
    Files.createDirectories(outside.resolve("tmp/0123abcd"));
    Files.writeString(outside.resolve("tmp/0123abcd/work.txt"), "not Burrow's");
    link = Files.createSymbolicLink(root.resolve(".burrow"), outside);
  }

  @Test
  void theLockFileIsNeverMadeThrough() throws IOException {
    refusedWithNothingOutsideChanged(() -> InstanceLocks.forRoot(root));
  }

  @Test
  void theWorkerLeasesAreNeverMadeThrough() throws IOException {
    refusedWithNothingOutsideChanged(() -> WorkerIds.fileLeases(root));
  }

  @Test
  void noTemporaryFileSessionIsStartedThrough() throws IOException {
    refusedWithNothingOutsideChanged(() -> TempFiles.forRoot(root).newPath(root.resolve("x")));
  }

  @Test
  void theTemporaryAreaIsNeverSweptThrough() throws IOException {
    refusedWithNothingOutsideChanged(() -> TempFiles.forRoot(root).sweep());
  }

  @Test
  void theIndexJournalIsNeverMadeThrough() throws IOException {
    refusedWithNothingOutsideChanged(
        () -> {
          IndexJournal journal = IndexJournal.acquire(root);
          try (IndexJournal.Write write = journal.begin()) {
            write.made(root.resolve(".burrow/indexes/status/RUNNING/x"));
            write.commit();
          } finally {
            journal.release();
          }
        });
  }

  private void refusedWithNothingOutsideChanged(Executable action) throws IOException {
    Map<Path, FileTime> before = ModificationTimes.of(outside);

    Exception e = assertThrows(Exception.class, action);

    assertTrue(
        e instanceof StorageException || e instanceof SafeFiles.RefusedFileException, e.toString());
    assertTrue(e.getMessage().contains(link + ": it is a symbolic link"), e.getMessage());
    assertEquals(before, ModificationTimes.of(outside), "nothing outside the root changed");
  }
}
