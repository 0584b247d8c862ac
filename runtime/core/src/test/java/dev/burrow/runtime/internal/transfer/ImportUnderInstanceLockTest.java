package dev.burrow.runtime.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.burrow.Durability;
import dev.burrow.ImportSummary;
import dev.burrow.InstanceLock;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An import writing an instance's file while the application holds the instance's lock. */
class ImportUnderInstanceLockTest {
  private static final int SIZE = 1024 * 1024;
  private static final String FILE = "notes/plan.txt";

  @TempDir Path work;

  /**
   * The import reaches an instance's file while another holder keeps the instance's lock: it waits
   * for the lock, writing nothing, so the holder sees the older file whole for as long as it holds
   * the lock; once it lets go, the import replaces the file with the exported one, whole. Without
   * the instance lock the import replaced the file under the holder, and this test fails at the
   * first assertion after the wait.
   */
  @Test
  void anImportedFileWaitsForTheInstanceLockAndIsNeverSeenHalfWritten() throws Exception {
    byte[] older = filled('a');
    byte[] exported = filled('b');
    Instant now = Instant.now();
    try (CounterStore source = Stores.counters(work.resolve("source"), Durability.NONE);
        CounterStore target = Stores.counters(work.resolve("target"), Durability.NONE)) {
      String id = source.create().id();
      write(source.dirs(id).root().resolve(FILE), exported, now.minus(Duration.ofHours(1)));
      ByteArrayOutputStream documents = new ByteArrayOutputStream();
      ByteArrayOutputStream directories = new ByteArrayOutputStream();
      source.engine().exportTo(documents, directories);
      target.engine().importFrom(new ByteArrayInputStream(documents.toByteArray()), null);
      Path file = target.dirs(id).root().resolve(FILE);
      write(file, older, now.minus(Duration.ofHours(2)));

      InstanceLocks locks = InstanceLocks.forRoot(work.resolve("target"));
      CountDownLatch atFiles = new CountDownLatch(1);
      CountDownLatch held = new CountDownLatch(1);
      // The documents are all placed before the archive is read: the holder takes the lock then.
      InputStream archive =
          new BeforeFirstRead(
              new ByteArrayInputStream(directories.toByteArray()),
              () -> {
                atFiles.countDown();
                Waits.await(held);
              });
      CompletableFuture<ImportSummary> imported =
          CompletableFuture.supplyAsync(
              () ->
                  target
                      .engine()
                      .importFrom(new ByteArrayInputStream(documents.toByteArray()), archive));
      Waits.await(atFiles);
      try (InstanceLock lock = target.lock(id)) {
        held.countDown();
        Waits.awaitUntil(() -> locks.waitingFor(id) > 0 || imported.isDone(), "the import");
        assertFalse(imported.isDone(), "the import wrote the file under another holder's lock");
        assertArrayEquals(older, Files.readAllBytes(file), "the older file, whole");
        assertEquals(List.of(file), entries(file.getParent()), "nothing half-written beside it");
      }
      ImportSummary summary = imported.get(1, TimeUnit.MINUTES);

      assertEquals(1, summary.files(), "the older file was replaced");
      assertEquals(1, summary.unchanged(), "the document was the same version");
      assertArrayEquals(exported, Files.readAllBytes(file), "the exported file, whole");
    }
  }

  private static byte[] filled(char c) {
    byte[] bytes = new byte[SIZE];
    Arrays.fill(bytes, (byte) c);
    return bytes;
  }

  private static void write(Path file, byte[] content, Instant modified) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, content);
    Files.setLastModifiedTime(file, FileTime.from(modified));
  }

  private static List<Path> entries(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.toList();
    }
  }

  /** A stream that runs {@code first} once, before its first read. */
  private static final class BeforeFirstRead extends FilterInputStream {
    private final Runnable first;
    private boolean ran;

    BeforeFirstRead(InputStream in, Runnable first) {
      super(in);
      this.first = first;
    }

    @Override
    public int read() throws IOException {
      runFirst();
      return super.read();
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      runFirst();
      return super.read(buffer, offset, length);
    }

    private void runFirst() {
      if (!ran) {
        ran = true;
        first.run();
      }
    }
  }
}
