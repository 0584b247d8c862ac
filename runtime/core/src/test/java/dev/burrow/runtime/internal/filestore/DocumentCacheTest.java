package dev.burrow.runtime.internal.filestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.PageRequest;
import dev.burrow.runtime.internal.cache.KeptDocuments;
import dev.burrow.runtime.internal.fs.SafeFiles;
import dev.burrow.runtime.internal.fs.TempFiles;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.Fifos;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A document read again comes from memory only while its file is the one it was read from: what
 * another store (another process's, as far as the cache can tell) writes, what a person edits in
 * place and what an attacker plants are seen at once.
 */
class DocumentCacheTest {
  private static final Instant T0 = Instant.parse("2025-06-01T12:00:00Z");

  @TempDir Path root;
  private FileSystemBackend<Counter> reader;
  private FileSystemBackend<Counter> writer;

  @BeforeEach
  void twoStoresOnOneRoot() {
    reader = open();
    writer = open();
    writer.insert(new Counter("a", 1, T0, T0, "aaa", 0, Map.of()));
  }

  @AfterEach
  void closeBoth() {
    reader.close();
    writer.close();
  }

  private FileSystemBackend<Counter> open() {
    return FileSystemBackend.open(
        CounterSchema.INSTANCE, root, Durability.NONE, Duration.ofSeconds(5));
  }

  @Test
  void everyWriteOfAnotherStoreIsSeenEvenWhenTheFileKeepsItsSize() {
    for (int round = 0; round < 3_000; round++) {
      String status = round % 2 == 0 ? "bbb" : "aaa";
      long count = round % 10;
      assertEquals("a", reader.find("a").orElseThrow().id());
      writer.update("a", c -> new Counter("a", 1, T0, T0, status, count, Map.of()));
      Counter seen = reader.find("a").orElseThrow();
      assertEquals(status + "/" + count, seen.status() + "/" + seen.count(), "round " + round);
    }
  }

  @Test
  void aWriteIsStampedAfterTheFileItReplacesEvenWithTheClockBehindIt() throws IOException {
    Path document = writer.instanceDirectory("a").resolve(FileLayout.DOCUMENT);
    FileTime ahead = FileTime.from(Instant.now().plusSeconds(3_600));
    Files.setLastModifiedTime(document, ahead);
    assertEquals("aaa", reader.find("a").orElseThrow().status());

    writer.update("a", c -> c.withStatus("bbb"));

    FileTime stamped = Files.getLastModifiedTime(document, LinkOption.NOFOLLOW_LINKS);
    assertTrue(stamped.compareTo(ahead) > 0, stamped + " after " + ahead);
    assertEquals("bbb", reader.find("a").orElseThrow().status());
  }

  @Test
  void aDocumentEditedInPlaceWithItsSizeKeptIsReadAgain() throws IOException {
    assertEquals("aaa", reader.find("a").orElseThrow().status());
    editInPlace("aaa", "zzz");

    assertEquals("zzz", reader.find("a").orElseThrow().status());
  }

  @Test
  void aDocumentThisStoreWroteAndAPersonThenEditedIsReadAgain() throws IOException {
    reader.update("a", c -> c.withStatus("bbb"));
    assertEquals("bbb", reader.find("a").orElseThrow().status());
    editInPlace("bbb", "zzz");

    assertEquals("zzz", reader.find("a").orElseThrow().status());
  }

  /** Rewrites the document's status in place, keeping its file and its size. */
  private void editInPlace(String from, String to) throws IOException {
    Path document = reader.instanceDirectory("a").resolve(FileLayout.DOCUMENT);
    String edited =
        Files.readString(document)
            .replace("\"status\":\"" + from + "\"", "\"status\":\"" + to + "\"");
    try (FileChannel channel = FileChannel.open(document, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(edited.getBytes(StandardCharsets.UTF_8)));
    }
  }

  @Test
  void aFifoPlantedAfterAReadIsReportedNotServedFromMemory() throws Exception {
    assertEquals("aaa", reader.find("a").orElseThrow().status());
    Path document = reader.instanceDirectory("a").resolve(FileLayout.DOCUMENT);
    Files.delete(document);
    Fifos.make(document);

    CorruptInstanceException e =
        assertThrows(CorruptInstanceException.class, () -> reader.find("a"));
    assertTrue(e.getMessage().contains("FIFO"), e.getMessage());
  }

  @Test
  void anInstanceDeletedByAnotherStoreIsGone() {
    assertTrue(reader.find("a").isPresent());
    assertTrue(writer.delete("a"));

    assertTrue(reader.find("a").isEmpty());
  }

  @Test
  void memoryStaysWithinTheBudget() throws IOException {
    Path document = reader.instanceDirectory("a").resolve(FileLayout.DOCUMENT);
    SafeFiles.Seen read = SafeFiles.readSeen(document, Integer.MAX_VALUE);
    DocumentCache cache = DocumentCache.forRoot(root, TempFiles.forRoot(root));
    byte[] large = new byte[64 * 1024];
    for (int i = 0; i < 2_000; i++) {
      cache.remember("id-" + i, new SafeFiles.Seen(large, read.attributes()));
      assertTrue(KeptDocuments.bytesKeptByTheJvm() <= KeptDocuments.BUDGET_BYTES, "after " + i);
    }
    byte[] huge = new byte[(int) (KeptDocuments.BUDGET_BYTES / 16)];
    cache.remember("huge", new SafeFiles.Seen(huge, read.attributes()));
    assertTrue(cache.find("huge", document) == null, "a document over a sixteenth is not kept");
    cache.remember("small", read);
    assertTrue(cache.find("small", document) != null, "a small one is");
    cache.clear();
    assertEquals(0, cache.bytesKept());
  }

  @Test
  void listingsAndWalksKeepNothingOfWhatTheyPassOver() {
    writer.insert(new Counter("b", 1, T0, T0, "bbb", 0, Map.of()));
    long before = KeptDocuments.bytesKeptByTheJvm();

    List<String> walked = new ArrayList<>();
    reader.walk(PageRequest.MAX_SIZE, problem -> {}).forEachRemaining(c -> walked.add(c.id()));
    List<String> listed =
        reader.list(PageRequest.first(10)).items().stream().map(Counter::id).toList();

    assertEquals(List.of("b", "a"), walked);
    assertEquals(List.of("b", "a"), listed);
    assertEquals(before, KeptDocuments.bytesKeptByTheJvm(), "the reader kept what it passed over");
    assertEquals("aaa", reader.find("a").orElseThrow().status());
    assertTrue(KeptDocuments.bytesKeptByTheJvm() > before, "a read of one instance keeps it");
  }

  @Test
  void aClosedStoreGivesBackWhatItKept() {
    long before = KeptDocuments.bytesKeptByTheJvm();
    assertEquals("aaa", reader.find("a").orElseThrow().status());
    assertTrue(KeptDocuments.bytesKeptByTheJvm() > before, "the read document is kept");

    reader.close();

    assertEquals(before, KeptDocuments.bytesKeptByTheJvm());
  }
}
