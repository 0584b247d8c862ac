package dev.burrow.runtime.internal.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptJsonFileException;
import dev.burrow.Durability;
import dev.burrow.IdGenerator;
import dev.burrow.InvalidIdException;
import dev.burrow.MisuseException;
import dev.burrow.SharedDocument;
import dev.burrow.SharedFileExistsException;
import dev.burrow.SharedFiles;
import dev.burrow.StorageException;
import dev.burrow.runtime.testing.ChildJvm;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.SharedIncrementer;
import dev.burrow.runtime.testing.SharedIncrementer.Tally;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.runtime.testing.Strace;
import dev.burrow.runtime.testing.UniqueFileProbe;
import dev.burrow.runtime.testing.Unreadable.Circle;
import dev.burrow.runtime.testing.Unreadable.KotlinNote;
import dev.burrow.runtime.testing.Unreadable.Shipment;
import dev.burrow.test.internal.Prerequisites;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class SharedFilesTest {
  record Config(String mode, List<String> tags) {}

  @TempDir Path dir;
  private CounterStore store;
  private SharedFiles shared;

  /**
   * The shared files of the same data root as their own class, for {@code createUnique} with chosen
   * IDs: the store hands out {@link #shared} bound to itself, not as this class.
   */
  private LocalSharedFiles local;

  @BeforeEach
  void open() {
    store = Stores.counters(dir, Durability.NONE);
    shared = store.shared();
    local = LocalSharedFiles.of(Stores.host(dir));
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aMissingDocumentReadsAsAFreshDefaultAndTheFirstUpdateStartsFromIt() {
    SharedDocument<Config> config =
        shared.document("config", Config.class, () -> new Config("safe", new ArrayList<>()));
    assertEquals(new Config("safe", List.of()), config.read());
    assertNotSame(config.read().tags(), config.read().tags(), "each default is a new value");
    assertFalse(Files.exists(config.path()));
    Config stored = config.update(c -> new Config("fast", List.of("x")));
    assertEquals(new Config("fast", List.of("x")), stored);
    assertEquals(stored, config.read());
    assertEquals(dir.resolve("shared/config.json"), config.path());
  }

  @Test
  void aDefaultValueSupplierReturningNullIsAMisuseNamingTheDocument() {
    SharedDocument<Config> config = shared.document("config", Config.class, () -> null);
    MisuseException read = assertThrows(MisuseException.class, config::read);
    assertTrue(read.getMessage().contains("shared document 'config'"), read.getMessage());
    assertThrows(MisuseException.class, () -> config.update(c -> new Config("x", List.of())));
    assertFalse(Files.exists(config.path()), "nothing written");
  }

  /**
   * The document's lock is reentrant, so an update of the document inside a change of it, through
   * any handle of it, would be written and then overwritten by the change's own result: it is
   * refused, and the outer update stores its change alone.
   */
  @Test
  void anUpdateInsideAChangeOfTheSameDocumentIsRefusedAndNothingIsLost() {
    SharedDocument<Tally> tally = shared.document("Tally", Tally.class, () -> new Tally(0));
    for (SharedDocument<Tally> inner :
        List.of(tally, shared.document("Tally", Tally.class, () -> new Tally(0)))) {
      List<MisuseException> refused = new ArrayList<>();
      Tally stored =
          tally.update(
              t -> {
                refused.add(
                    assertThrows(MisuseException.class, () -> inner.update(Tally::plusOne)));
                return t.plusOne();
              });

      assertEquals(stored, tally.read());
      assertTrue(
          refused.get(0).getMessage().contains("inside a change of that same document"),
          refused.get(0).getMessage());
    }
    assertEquals(new Tally(2), tally.read());
  }

  /**
   * A null argument is refused at the call naming it, as everywhere in the API, never later (a null
   * default value supplier only at the first read) or as a failure of Jackson's.
   */
  @Test
  void aNullArgumentIsANullPointerNamingTheParameter() {
    Map<String, Executable> calls =
        Map.of(
            "name", () -> shared.document(null, Config.class, () -> new Config("x", List.of())),
            "type", () -> shared.document("config", null, () -> new Config("x", List.of())),
            "defaultValue", () -> shared.document("config", Config.class, null),
            "folder", () -> shared.createUnique(null, "x"),
            "content", () -> shared.createUnique("inbox", null),
            "id", () -> shared.readUnique("inbox", null, String.class));
    calls.forEach(
        (parameter, call) ->
            assertEquals(
                parameter, assertThrows(NullPointerException.class, call).getMessage(), parameter));
    assertEquals(
        "type",
        assertThrows(NullPointerException.class, () -> shared.readUnique("inbox", "x", null))
            .getMessage());
    assertEquals(
        "name", assertThrows(NullPointerException.class, () -> shared.lock(null)).getMessage());
  }

  @Test
  void updatesFromThreadsAndProcessesAreNeverLost() throws Exception {
    int perChild = 300;
    int threads = 2;
    int perThread = 300;
    SharedDocument<Tally> tally = shared.document("tally", Tally.class, () -> new Tally(0));
    try (ChildJvm first =
            ChildJvm.start(
                SharedIncrementer.class, dir.toString(), "tally", Integer.toString(perChild));
        ChildJvm second =
            ChildJvm.start(
                SharedIncrementer.class, dir.toString(), "tally", Integer.toString(perChild))) {
      first.awaitLine("ready");
      second.awaitLine("ready");
      CyclicBarrier start =
          new CyclicBarrier(
              threads,
              () -> {
                first.send("go");
                second.send("go");
              });
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < perThread; i++) {
                    tally.update(Tally::plusOne);
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(2, TimeUnit.MINUTES);
      }
      pool.shutdown();
      first.awaitLine("done");
      second.awaitLine("done");
      first.awaitSuccess();
      second.awaitSuccess();
    }
    assertEquals(2L * perChild + (long) threads * perThread, tally.read().count());
  }

  @Test
  void aDocumentWithOverlongUtf8IsReportedAsDamaged() throws IOException {
    SharedDocument<Tally> tally = shared.document("tally", Tally.class, () -> new Tally(0));
    tally.update(Tally::plusOne);
    // {"count":1} with the overlong form C0 B1 of '1'
    Files.write(
        tally.path(),
        new byte[] {
          '{', '"', 'c', 'o', 'u', 'n', 't', '"', ':', '"', (byte) 0xc0, (byte) 0xb1, '"', '}'
        });

    CorruptJsonFileException e = assertThrows(CorruptJsonFileException.class, tally::read);

    assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
  }

  /**
   * A case-insensitive file system (macOS, Windows) stores {@code Tally} and {@code tally} as one
   * file: their updates must exclude each other, or one of two concurrent updates is lost.
   */
  @Test
  void documentsWhoseNamesDifferOnlyInCaseAreUpdatedOneAfterAnother() throws Exception {
    SharedDocument<Tally> upper = shared.document("Tally", Tally.class, () -> new Tally(0));
    SharedDocument<Tally> lower = shared.document("tally", Tally.class, () -> new Tally(0));
    ExecutorService other = Executors.newSingleThreadExecutor();
    try {
      List<Future<Tally>> second = new ArrayList<>();
      upper.update(
          t -> {
            second.add(other.submit(() -> lower.update(Tally::plusOne)));
            try {
              Thread.sleep(300);
            } catch (InterruptedException e) {
              throw new AssertionError(e);
            }
            assertFalse(second.get(0).isDone(), "'tally' was updated while 'Tally' was");
            return t.plusOne();
          });
      second.get(0).get(10, TimeUnit.SECONDS);
    } finally {
      other.shutdownNow();
    }
  }

  @Test
  void documentNamesMustBeSafe() {
    assertThrows(
        InvalidIdException.class,
        () -> shared.document("../escape", Tally.class, () -> new Tally(0)));
    assertThrows(
        InvalidIdException.class, () -> shared.document("a/b", Tally.class, () -> new Tally(0)));
  }

  @Test
  void aRefusedNameIsNamedForWhatItIs() {
    Map<String, Executable> uses =
        Map.of(
            "invalid shared document name \"../x\": ",
            () -> shared.document("../x", Tally.class, () -> new Tally(0)),
            "invalid shared lock name \"../x\": ",
            () -> shared.lock("../x").close(),
            "invalid shared folder \"../up\": ",
            () -> shared.createUnique("../up", Map.of()),
            "invalid create-unique id \"../x\": ",
            () -> shared.readUnique("inbox", "../x", Map.class));
    uses.forEach(
        (message, use) -> {
          InvalidIdException e = assertThrows(InvalidIdException.class, use);
          assertTrue(e.getMessage().startsWith(message), e.getMessage());
          assertTrue(e.getMessage().endsWith(e.rule()), e.getMessage());
        });
  }

  @Test
  void createUniqueStoresEachValueUnderAFreshIdAndListsThemInOrder() {
    AtomicLong next = new AtomicLong(100);
    IdGenerator ids = () -> "msg-" + next.incrementAndGet();
    String first = local.createUnique("inbox", new Config("a", List.of()), ids);
    String second = local.createUnique("inbox", new Config("b", List.of("t")), ids);
    assertEquals("msg-101", first);
    assertEquals("msg-102", second);
    assertEquals(List.of("msg-101", "msg-102"), shared.listUnique("inbox"));
    assertEquals(
        Optional.of(new Config("b", List.of("t"))),
        shared.readUnique("inbox", second, Config.class));
    assertEquals(Optional.empty(), shared.readUnique("inbox", "msg-999", Config.class));
    assertEquals(List.of(), shared.listUnique("empty"));
  }

  @Test
  void createUniqueNeverOverwritesAndLeavesNoTemporaryFile() throws IOException {
    IdGenerator stuck = () -> "same";
    local.createUnique("inbox", Map.of("v", 1), stuck);
    assertThrows(
        SharedFileExistsException.class, () -> local.createUnique("inbox", Map.of("v", 2), stuck));
    assertEquals(Optional.of(Map.of("v", 1)), shared.readUnique("inbox", "same", Map.class));
    try (var entries = Files.list(dir.resolve("shared/inbox"))) {
      assertEquals(List.of(dir.resolve("shared/inbox/same.json")), entries.toList());
    }
  }

  /**
   * The folder's flush fails (EIO, injected by strace at the first {@code fsync} of the folder,
   * which follows the link that puts the file in place): the file is there for every reader, so the
   * outcome is unknown and names its ID, never a failure that says no file appears (a caller who
   * retried would write a second file, and the first would be orphaned).
   */
  @Test
  void aCreateUniqueWhoseFolderFlushFailsIsOutcomeUnknownNamingTheFileInPlace() {
    Prerequisites.requireStrace("the check of a create-unique whose folder flush fails");
    Path root = dir.resolve("durable").toAbsolutePath();
    Path folder = root.resolve("shared").resolve("inbox");
    String outcome;
    try (ChildJvm writer =
        ChildJvm.start(
            Strace.injecting(folder, "fsync", "inject=fsync:error=EIO:when=1"),
            System.getProperty("java.class.path"),
            UniqueFileProbe.class,
            root.toString(),
            "inbox")) {
      outcome = writer.nextLine();
      writer.awaitSuccess();
    }
    assertTrue(outcome.startsWith("unknown "), outcome);
    assertTrue(outcome.contains("Input/output error"), outcome);
    String id = outcome.substring("unknown ".length(), outcome.indexOf(':'));
    try (CounterStore durable = Stores.counters(root, Durability.NONE)) {
      assertEquals(List.of(id), durable.shared().listUnique("inbox"));
      assertEquals(
          Optional.of(Map.of("v", 1)), durable.shared().readUnique("inbox", id, Map.class));
    }
  }

  @Test
  void createUniqueRefusesUnsafeFoldersAndIds() {
    assertThrows(InvalidIdException.class, () -> local.createUnique("..", Map.of(), () -> "x"));
    assertThrows(
        InvalidIdException.class,
        () -> local.createUnique("inbox", Map.of(), () -> "../../escape"));
    assertFalse(Files.exists(dir.resolve("escape.json")));
  }

  /** A planted folder is refused, naming it once (before, "cannot make X: X: it is ..."). */
  @Test
  void aFolderThatIsASymbolicLinkIsRefused() throws IOException {
    Path outside = Files.createDirectory(dir.resolve("outside"));
    Path planted = Files.createSymbolicLink(dir.resolve("shared/planted"), outside);
    StorageException created =
        assertThrows(
            StorageException.class, () -> local.createUnique("planted", Map.of(), () -> "x"));
    StorageException listed =
        assertThrows(StorageException.class, () -> shared.listUnique("planted"));

    assertEquals(
        "cannot make "
            + planted
            + ": it is a symbolic link but must be a directory; Burrow never follows links inside"
            + " its data root",
        created.getMessage());
    assertEquals(
        "cannot list "
            + planted
            + ": it is a symbolic link but must be a directory; Burrow never follows links inside"
            + " its data root",
        listed.getMessage());
    try (var entries = Files.list(outside)) {
      assertEquals(0, entries.count());
    }
  }

  /**
   * A read through a planted folder is refused naming the file and the folder, saying Burrow's rule
   * once (before, "; Burrow never follows links in its root" followed the rule the refusal says).
   */
  @Test
  void aReadThroughAPlantedFolderSaysBurrowsRuleOnce() throws IOException {
    Path outside = Files.createDirectory(dir.resolve("outside"));
    Files.writeString(outside.resolve("x.json"), "{}");
    Path planted = Files.createSymbolicLink(dir.resolve("shared/planted"), outside);

    StorageException read =
        assertThrows(StorageException.class, () -> shared.readUnique("planted", "x", Map.class));

    assertEquals(
        "cannot use "
            + planted.resolve("x.json")
            + ": "
            + planted
            + ": it is a symbolic link but must be a directory; Burrow never follows links inside"
            + " its data root",
        read.getMessage());
  }

  @Test
  void theSharedDirectorySwappedForALinkAfterOpenIsNeitherWrittenNorListedThrough()
      throws IOException {
    Path outside = Files.createDirectory(dir.resolve("outside"));
    Path moved = Files.move(dir.resolve("shared"), outside.resolve("shared"));
    Files.createSymbolicLink(dir.resolve("shared"), moved);
    Files.createDirectory(moved.resolve("jobs"));
    Files.writeString(moved.resolve("jobs/planted.json"), "{}");

    assertThrows(StorageException.class, () -> local.createUnique("fresh", Map.of(), () -> "x"));
    StorageException listed = assertThrows(StorageException.class, () -> shared.listUnique("jobs"));

    assertTrue(listed.getMessage().contains("symbolic link"), listed.getMessage());
    try (var entries = Files.list(moved)) {
      assertEquals(List.of(moved.resolve("jobs")), entries.toList(), "nothing made outside");
    }
  }

  @Test
  void manyThreadsCreateUniqueFilesWithoutALock() throws Exception {
    AtomicLong next = new AtomicLong();
    IdGenerator ids = () -> String.format("id-%06d", next.incrementAndGet());
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<String>> created = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      created.add(pool.submit(() -> local.createUnique("jobs", Map.of("n", n), ids)));
    }
    for (Future<String> f : created) {
      f.get(1, TimeUnit.MINUTES);
    }
    pool.shutdown();
    List<String> listed = shared.listUnique("jobs");
    assertEquals(200, listed.size());
    assertTrue(
        listed.stream().allMatch(id -> shared.readUnique("jobs", id, Map.class).isPresent()));
  }

  @Test
  void aValueThatWouldNotReadBackIsNeverStored() {
    SharedDocument<Shipment> document =
        shared.document("shipment", Shipment.class, () -> new Shipment("empty", null));
    document.update(s -> new Shipment("kept", null));

    MisuseException e =
        assertThrows(
            MisuseException.class, () -> document.update(s -> new Shipment("full", new Circle(2))));
    assertTrue(e.getMessage().contains("cannot be read back"), e.getMessage());
    assertEquals(new Shipment("kept", null), document.read());

    assertThrows(
        MisuseException.class,
        () -> shared.createUnique("shipments", new Shipment("full", new Circle(2))));
    assertThrows(MisuseException.class, () -> shared.createUnique("notes", new KotlinNote()));
    assertEquals(List.of(), shared.listUnique("shipments"));
    assertEquals(List.of(), shared.listUnique("notes"));
  }
}
