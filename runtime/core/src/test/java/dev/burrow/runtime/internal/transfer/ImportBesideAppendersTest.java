package dev.burrow.runtime.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.EventLog;
import dev.burrow.ImportSummary;
import dev.burrow.runtime.internal.events.FileEventLog;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.testing.Step;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An import writing an instance's files beside an application appending to its event log. */
class ImportBesideAppendersTest {
  private static final int BLOCK = 512;

  @TempDir Path work;

  /**
   * The import replaces an older event log with the export's while an application appends to it.
   * The append lands after the import's rename, in the imported log, and is kept: the import holds
   * the log's append lock from deciding to write the log until it is in place. Before, the import
   * took no lock, the event went to the log the rename then replaced, and was lost.
   */
  @Test
  void anEventAppendedWhileTheImportWritesTheLogIsKept() throws Exception {
    try (LogImport logs = new LogImport(work, Step.of(0), Step.of(1))) {
      String id = logs.id;
      EventLog<Step> log = logs.targetLog();
      log.append(Step.of(10));
      InputStream documents = logs.documents();
      byte[] archive = logs.archive();

      InstanceLocks locks = InstanceLocks.forRoot(work.resolve("target"));
      CountDownLatch importing = new CountDownLatch(1);
      CountDownLatch appended = new CountDownLatch(1);
      CompletableFuture<Void> appender =
          CompletableFuture.runAsync(
              () -> {
                Waits.await(importing);
                log.append(Step.of(99));
                appended.countDown();
              });
      // Once the import reads the log's content (the rename still ahead), the append goes: it
      // either ends, into the file about to be replaced, or waits for the log's lock.
      InputStream directories =
          new PausingAtContent(
              archive,
              () -> {
                importing.countDown();
                Waits.awaitUntil(
                    () ->
                        appended.getCount() == 0 || locks.waitingFor(FileEventLog.lockName(id)) > 0,
                    "the append");
              });
      ImportSummary summary = logs.target.engine().importFrom(documents, directories);
      appender.get(1, TimeUnit.MINUTES);

      assertEquals(1, summary.files(), "the older log was replaced");
      assertEquals(List.of(Step.of(0), Step.of(1), Step.of(99)), log.read(0).values());
    }
  }

  /**
   * Where the content of {@code archive}'s one file entry starts: after the pax extended headers
   * before it (type {@code x}, carrying its time to the nanosecond) and its own header.
   */
  private static int contentStart(byte[] archive) {
    int position = 0;
    while (archive[position + 156] == 'x') {
      int size =
          Integer.parseInt(
              new String(archive, position + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
      position += BLOCK + (size + BLOCK - 1) / BLOCK * BLOCK;
    }
    position += BLOCK;
    assertTrue(archive.length > position);
    return position;
  }

  /** An archive of one entry that runs {@code atContent} once, before its content is first read. */
  private static final class PausingAtContent extends FilterInputStream {
    private final Runnable atContent;
    private final int contentStart;
    private long position;
    private boolean paused;

    PausingAtContent(byte[] archive, Runnable atContent) {
      super(new ByteArrayInputStream(archive));
      this.contentStart = contentStart(archive);
      this.atContent = atContent;
    }

    @Override
    public int read() throws IOException {
      pauseAtContent();
      int b = super.read();
      position += b < 0 ? 0 : 1;
      return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
      if (length > 0) { // readNBytes ends the header with a read of none
        pauseAtContent();
      }
      // Never read past the header in the read that ends it: the pause comes before the content.
      int wanted =
          position < contentStart ? (int) Math.min(length, contentStart - position) : length;
      int read = super.read(buffer, offset, wanted);
      position += Math.max(read, 0);
      return read;
    }

    private void pauseAtContent() {
      if (position >= contentStart && !paused) {
        paused = true;
        atContent.run();
      }
    }
  }
}
