package dev.burrow.tck.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.BurrowException;
import dev.burrow.CorruptEventException;
import dev.burrow.CorruptInstanceException;
import dev.burrow.CorruptJsonFileException;
import dev.burrow.Durability;
import dev.burrow.EventBatch;
import dev.burrow.EventLog;
import dev.burrow.InstanceFiles;
import dev.burrow.MisuseException;
import dev.burrow.SharedDocument;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.Fifos;
import dev.burrow.runtime.testing.ModificationTimes;
import dev.burrow.runtime.testing.Stores;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every path Burrow opens can be planted by someone who can write the data root: a symbolic link
 * (also in Burrow's own files under {@code .burrow/}, and swapped in after the store was opened), a
 * FIFO (opening one for reading blocks), a socket, a huge file. Burrow must refuse links without
 * writing anything outside the root, report special files as damaged without waiting on them, let
 * {@code list()} go on, and cap every read.
 */
class PlantedFilesTest {
  private static final Duration NO_HANG = Duration.ofSeconds(20);

  @TempDir Path root;
  @TempDir Path outside;
  private final List<Path> fifos = new ArrayList<>();

  /** A note event, with a payload as long as a test wants. */
  record Note(String text) {}

  /** Releases any reader a FIFO still blocks (before the fix), so the JVM can go on. */
  @AfterEach
  void unblockFifos() throws IOException {
    RootChecks.releaseFifos(fifos);
  }

  // links in Burrow's own files

  @Test
  void aWorkerLeaseFileThatIsALinkIsNeverWrittenThrough() throws IOException {
    Path victim = Files.writeString(outside.resolve("victim.txt"), "precious");
    Files.createDirectories(root.resolve(".burrow/workers"));
    Files.createSymbolicLink(root.resolve(".burrow/workers/worker-0000.lease"), victim);

    try (CounterStore store = withLeasedIds()) {
      store.create();
    }

    assertEquals("precious", Files.readString(victim));
  }

  @Test
  void aWorkersDirectoryThatIsALinkIsRefused() throws IOException {
    Path elsewhere = Files.createDirectory(outside.resolve("workers"));
    Files.createDirectories(root.resolve(".burrow"));
    Files.createSymbolicLink(root.resolve(".burrow/workers"), elsewhere);

    BurrowException e =
        assertThrows(
            BurrowException.class,
            () -> {
              try (CounterStore store = withLeasedIds()) {
                store.create();
              }
            });
    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());

    assertEquals(List.of(), list(elsewhere));
  }

  @Test
  void aDanglingLockFileLinkCreatesNothingOutside() throws IOException {
    Path target = outside.resolve("created.lock");
    Files.createDirectories(root.resolve(".burrow/locks"));
    Files.createSymbolicLink(root.resolve(".burrow/locks/instances.lock"), target);

    BurrowException e =
        assertThrows(BurrowException.class, () -> Counters.open(root, Durability.NONE));

    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    String lockFile = root.resolve(".burrow/locks/instances.lock").toString();
    assertEquals(
        1,
        e.getMessage().split(Pattern.quote(lockFile), -1).length - 1,
        "names it once: " + e.getMessage());
    assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS));
  }

  @Test
  void aKindMarkerThatIsALinkIsRefusedWithoutShowingWhatItPointsTo() throws IOException {
    Path secret = Files.writeString(outside.resolve("secret.json"), "{\"kind\":\"SECRET-42\"}");
    Files.createDirectories(root.resolve(".burrow"));
    Files.createSymbolicLink(root.resolve(".burrow/store.json"), secret);

    BurrowException e =
        assertThrows(BurrowException.class, () -> Counters.open(root, Durability.NONE));

    assertTrue(e.getMessage().contains("symbolic link"), e.getMessage());
    assertFalse(e.getMessage().contains("SECRET-42"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {".burrow/staging", ".burrow/trash", ".burrow/tmp", "instances"})
  void aBookkeepingDirectorySwappedForALinkAfterOpenIsRefused(String directory) throws IOException {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("kept");
      RootChecks.swapForLink(root, directory, outside);
      Map<Path, FileTime> before = ModificationTimes.of(outside);

      // The root's storage is not what Burrow made: a storage failure naming the planted path.
      boolean instances = directory.equals("instances");
      if (instances || directory.endsWith("staging")) {
        assertNamesLink(assertThrows(StorageException.class, () -> store.create("new")));
      }
      if (instances || directory.endsWith("trash")) {
        assertNamesLink(assertThrows(StorageException.class, () -> store.delete("kept")));
      }
      if (instances || directory.endsWith("tmp")) {
        assertNamesLink(
            assertThrows(StorageException.class, () -> store.update("kept", Counter::increment)));
      }

      assertEquals(before, ModificationTimes.of(outside), "nothing outside the root changed");
    }
  }

  /**
   * {@code instances/} swapped for a link to another directory after open: a listing refuses it
   * instead of walking the other tree. Before the fix {@code list()} walked it and said the store
   * was empty, reporting what it found there as damage of this store.
   */
  @Test
  void anInstancesDirectorySwappedForALinkIsNeverListed() throws IOException {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("kept");
      Path elsewhere = Files.createDirectories(outside.resolve("elsewhere"));
      Files.writeString(elsewhere.resolve("README.txt"), "not this store's");
      Path instances = root.resolve("instances");
      Files.move(instances, outside.resolve("moved"));
      Files.createSymbolicLink(instances, elsewhere);

      assertThrows(BurrowException.class, () -> store.list());
      assertThrows(BurrowException.class, () -> store.scan());
      assertThrows(BurrowException.class, () -> store.stream().count());
      assertThrows(BurrowException.class, () -> store.prune(c -> true));
    }
  }

  @Test
  void trashStripesPlantedAsLinksAreRefusedByDeleteAndClearedByTheNextOpen() throws IOException {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("kept");
      Files.writeString(outside.resolve("mine.txt"), "mine");
      for (char name : "0123456789abcdef".toCharArray()) {
        Path stripe = root.resolve(".burrow/trash/" + name);
        Files.deleteIfExists(stripe);
        Files.createSymbolicLink(stripe, outside);
      }
      Map<Path, FileTime> before = ModificationTimes.of(outside);

      assertNamesLink(assertThrows(StorageException.class, () -> store.delete("kept")));

      assertEquals(before, ModificationTimes.of(outside), "nothing outside the root changed");
      assertEquals(0, store.get("kept").count(), "the refused delete left the instance");
    }
    try (CounterStore reopened = Counters.open(root, Durability.NONE)) {
      assertTrue(reopened.delete("kept"), "the sweep at open removed the planted links");
    }
    try (Stream<Path> left = Files.list(outside)) {
      assertEquals(
          List.of(outside.resolve("mine.txt")),
          left.toList(),
          "nothing moved outside the root, nothing removed there");
    }
  }

  @Test
  void aTemporaryFileSessionSwappedForALinkAfterUseIsRefused() throws IOException {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("kept");
      store.update("kept", Counter::increment);
      Path session;
      try (Stream<Path> entries = Files.list(root.resolve(".burrow/tmp"))) {
        session = entries.filter(Files::isDirectory).findFirst().orElseThrow();
      }
      RootChecks.swapForLink(root, root.relativize(session).toString(), outside);
      Map<Path, FileTime> before = ModificationTimes.of(outside);

      assertThrows(BurrowException.class, () -> store.update("kept", Counter::increment));

      assertEquals(before, ModificationTimes.of(outside), "nothing outside the root changed");
      assertEquals(1, store.get("kept").count(), "the refused update left the document as it was");
    }
  }

  @Test
  void handlesTakenBeforeTheInstanceDirectoryIsSwappedForALinkNeverWriteOutside()
      throws IOException {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("a");
      InstanceFiles files = store.files("a");
      EventLog<Tick> events = store.events("a", Tick.class);
      files.write("state/first.json", new Tick(1));
      events.append(new Tick(1));
      Path directory = Stores.instanceDirectory(root, "a");
      Path moved = Files.move(directory, outside.resolve("a"));
      Files.createSymbolicLink(directory, moved);
      Map<Path, FileTime> before = ModificationTimes.of(outside);

      assertThrows(BurrowException.class, () -> files.write("state/second.json", new Tick(2)));
      assertThrows(BurrowException.class, () -> files.read("state/first.json", Tick.class));
      assertThrows(BurrowException.class, () -> events.append(new Tick(2)));

      assertEquals(before, ModificationTimes.of(outside), "nothing outside the root changed");
    }
  }

  // special files

  @Test
  void aFifoInPlaceOfADocumentIsReportedNeverWaitedFor() throws Exception {
    List<CorruptInstanceException> reported = new ArrayList<>();
    try (CounterStore store = listening(reported)) {
      store.create("healthy");
      store.create("victim");
      Path document = Stores.instanceDirectory(root, "victim").resolve("instance.json");
      Files.delete(document);
      mkfifo(document);

      CorruptInstanceException e =
          assertThrows(CorruptInstanceException.class, () -> noHang(() -> store.get("victim")));
      assertTrue(e.getMessage().contains("FIFO"), e.getMessage());
      assertThrows(
          CorruptInstanceException.class,
          () -> noHang(() -> store.update("victim", Counter::increment)));
      noHang(() -> assertEquals(List.of("healthy"), ids(store.list())));
      assertEquals(1, reported.size());
    }
  }

  @Test
  void aSocketOrADirectoryInPlaceOfADocumentIsReportedAndListGoesOn() throws Exception {
    List<CorruptInstanceException> reported = new ArrayList<>();
    try (CounterStore store = listening(reported);
        ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      store.create("healthy");
      store.create("socket");
      Path document = Stores.instanceDirectory(root, "socket").resolve("instance.json");
      Files.delete(document);
      socket.bind(UnixDomainSocketAddress.of(document));

      CorruptInstanceException e =
          assertThrows(CorruptInstanceException.class, () -> store.get("socket"));
      assertTrue(e.getMessage().contains("socket"), e.getMessage());
      assertEquals(List.of("healthy"), ids(store.list()));
      assertEquals(1, reported.size());
    }
  }

  @Test
  void aFifoInPlaceOfAnEventLogASharedDocumentOrAnInstanceFileIsReportedNeverWaitedFor()
      throws Exception {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("a");
      EventLog<Tick> events = store.events("a", Tick.class);
      mkfifo(events.file());
      SharedDocument<Tick> shared =
          store.shared().document("config", Tick.class, () -> new Tick(0));
      mkfifo(shared.path());
      InstanceFiles files = store.files("a");
      mkfifo(files.file("state/progress.json"));

      EventBatch<Tick> batch = noHang(() -> events.read(0));
      assertEquals(List.of(), batch.values());
      assertTrue(
          batch.problems().get(0).getMessage().contains("FIFO"), batch.problems().toString());
      assertEquals(
          events.file().toString(),
          batch.problems().get(0).location(),
          "a problem of the whole log names the file, no byte in it");
      assertThrows(CorruptEventException.class, () -> noHang(() -> events.append(new Tick(1))));
      assertThrows(CorruptJsonFileException.class, () -> noHang(shared::read));
      assertThrows(
          CorruptJsonFileException.class, () -> noHang(() -> shared.update(t -> new Tick(1))));
      assertThrows(
          CorruptJsonFileException.class,
          () -> noHang(() -> files.read("state/progress.json", Tick.class)));
    }
  }

  @Test
  void aFifoInPlaceOfTheKindMarkerIsRefusedNeverWaitedFor() throws Exception {
    Files.createDirectories(root.resolve(".burrow"));
    mkfifo(root.resolve(".burrow/store.json"));

    BurrowException e =
        assertThrows(
            BurrowException.class, () -> noHang(() -> Counters.open(root, Durability.NONE)));

    assertTrue(e.getMessage().contains("FIFO"), e.getMessage());
  }

  // caps

  @Test
  void anEventLineLongerThanTheCapIsReportedAndTheRestIsRead() throws IOException {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("a");
      EventLog<Note> log = store.events("a", Note.class);
      log.append(new Note("first"));
      String huge = "{\"text\":\"" + "x".repeat(20 * 1024 * 1024) + "\"}\n";
      Files.writeString(log.file(), huge, StandardOpenOption.APPEND);
      log.append(new Note("last"));

      EventBatch<Note> batch = log.read(0);

      assertEquals(List.of(new Note("first"), new Note("last")), batch.values());
      assertEquals(1, batch.problems().size());
      assertTrue(
          batch.problems().get(0).getMessage().contains("limit"), batch.problems().toString());
      assertThrows(MisuseException.class, () -> log.append(new Note("y".repeat(20 * 1024 * 1024))));
      assertEquals(List.of(new Note("first"), new Note("last")), log.read(0).values());
    }
  }

  @Test
  void aHugeKindMarkerIsRefusedWithoutReadingIt() throws IOException {
    Files.createDirectories(root.resolve(".burrow"));
    try (FileChannel marker =
        FileChannel.open(
            root.resolve(".burrow/store.json"),
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.WRITE)) {
      marker.write(ByteBuffer.wrap(new byte[] {' '}), 100L * 1024 * 1024);
    }

    BurrowException e =
        assertThrows(BurrowException.class, () -> Counters.open(root, Durability.NONE));

    assertTrue(e.getMessage().contains("limit"), e.getMessage());
  }

  @Test
  void listingHugeDocumentsStaysWithinASmallHeap() throws IOException {
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      for (String id : List.of("huge-1", "huge-2")) {
        store.create(id);
        Files.write(Stores.instanceDirectory(root, id).resolve("instance.json"), huge(id));
      }
    }

    assertInASmallHeap(HugeLister.class, "listed 2");
  }

  /**
   * Runs {@code main} on the root in a child JVM with a 256 MiB heap: it prints {@code line} and
   * ends well.
   */
  private void assertInASmallHeap(Class<?> main, String line) throws IOException {
    try (ChildJvm child =
        ChildJvm.start(
            List.of(),
            List.of("-Xmx256m", ChildJvm.OPTIMIZING_COMPILER),
            System.getProperty("java.class.path"),
            main,
            root.toString())) {
      assertEquals(line, child.nextLine());
      child.awaitSuccess();
    }
  }

  /** Child main: streams every counter of the root at {@code args[0]} and prints how many. */
  public static final class HugeLister {
    private HugeLister() {}

    public static void main(String[] args) {
      try (CounterStore store = Counters.open(Path.of(args[0]), Durability.NONE)) {
        System.out.println("listed " + store.stream().count());
      }
    }
  }

  /**
   * An event log read in pages keeps each page's memory bounded whatever the log holds: twenty
   * events of 14 MiB each (under the line cap), then two million damaged lines. Before the fix one
   * {@code read(offset, 1000)} held every event of the log and every damaged line's exception, and
   * a 256 MiB heap ran out.
   */
  @Test
  void readingAHostileEventLogInPagesStaysWithinASmallHeap() throws IOException {
    Path file;
    try (CounterStore store = Counters.open(root, Durability.NONE)) {
      store.create("a");
      EventLog<Note> log = store.events("a", Note.class);
      log.append(new Note("first"));
      file = log.file();
    }
    byte[] event =
        ("{\"text\":\"" + "x".repeat(14 * 1024 * 1024) + "\"}\n").getBytes(StandardCharsets.UTF_8);
    byte[] damaged = "x\n".repeat(1024 * 1024).getBytes(StandardCharsets.UTF_8);
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.APPEND)) {
      for (int i = 0; i < 20; i++) {
        channel.write(ByteBuffer.wrap(event));
      }
      for (int i = 0; i < 2; i++) {
        channel.write(ByteBuffer.wrap(damaged));
      }
    }

    assertInASmallHeap(HugeEventReader.class, "read 21 events, 2097152 damaged lines");
  }

  /**
   * Child main: reads the event log of instance {@code a} of the root at {@code args[0]} in pages
   * of 1000 and prints how many events and damaged lines it met.
   */
  public static final class HugeEventReader {
    private HugeEventReader() {}

    public static void main(String[] args) {
      try (CounterStore store = Counters.open(Path.of(args[0]), Durability.NONE)) {
        EventLog<Note> log = store.events("a", Note.class);
        long events = 0;
        long damaged = 0;
        for (long offset = 0; ; ) {
          EventBatch<Note> batch = log.read(offset, 1000);
          events += batch.events().size();
          damaged += batch.problems().size();
          if (batch.nextOffset() == offset) {
            break;
          }
          offset = batch.nextOffset();
        }
        System.out.println("read " + events + " events, " + damaged + " damaged lines");
      }
    }
  }

  /** A document of about 14 MiB whose params map has 1.5 million entries. */
  private static byte[] huge(String id) {
    StringBuilder json =
        new StringBuilder(15 * 1024 * 1024)
            .append("{\"id\":\"")
            .append(id)
            .append("\",\"version\":1,\"createdAt\":\"2026-01-01T00:00:00Z\",")
            .append("\"updatedAt\":\"2026-01-01T00:00:00Z\",\"params\":{");
    for (int i = 0; i < 1_500_000; i++) {
      json.append(i == 0 ? "\"" : ",\"").append(Integer.toString(i, 36)).append("\":\"\"");
    }
    return json.append("}}").toString().getBytes(StandardCharsets.UTF_8);
  }

  // helpers

  private CounterStore withLeasedIds() {
    return CounterStore.open(
        StoreOptions.defaults().withDataRoot(root).withDurability(Durability.NONE));
  }

  private CounterStore listening(List<CorruptInstanceException> reported) {
    return CounterStore.open(
        Counters.options(root, Durability.NONE).withCorruptionListener(reported::add));
  }

  private void mkfifo(Path path) throws IOException {
    Files.createDirectories(path.getParent());
    Fifos.make(path);
    fifos.add(path);
  }

  private static <V> V noHang(org.junit.jupiter.api.function.ThrowingSupplier<V> action) {
    return assertTimeoutPreemptively(NO_HANG, action, "blocked on a special file");
  }

  private static void noHang(Executable action) {
    assertTimeoutPreemptively(NO_HANG, action, "blocked on a special file");
  }

  private static List<String> ids(List<Counter> counters) {
    return counters.stream().map(Counter::id).toList();
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.toList();
    }
  }

  /** The message names the link and says once that Burrow does not follow it. */
  private static void assertNamesLink(StorageException e) {
    String message = e.getMessage();
    assertTrue(message.contains("symbolic link"), message);
    assertTrue(message.contains("; Burrow never follows links inside its data root"), message);
    assertEquals(
        1, message.split("; Burrow ", -1).length - 1, "says what Burrow does once: " + message);
  }
}
