package dev.burrow.runtime.internal.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.CorruptJsonFileException;
import dev.burrow.Durability;
import dev.burrow.InstanceFiles;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.InterruptedOperationException;
import dev.burrow.MisuseException;
import dev.burrow.StorageException;
import dev.burrow.UnsafePathException;
import dev.burrow.runtime.internal.json.JsonFile;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.FailingFlush;
import dev.burrow.runtime.testing.Interrupts;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.runtime.testing.Unreadable.Circle;
import dev.burrow.runtime.testing.Unreadable.KotlinNote;
import dev.burrow.runtime.testing.Unreadable.Shipment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InstanceFilesTest {
  record Checkpoint(int step, List<String> done, Map<String, Long> sizes) {}

  @TempDir Path dir;
  private CounterStore store;
  private InstanceFiles files;

  @BeforeEach
  void open() {
    store = Stores.counters(dir.resolve("root"), Durability.FSYNC);
    store.create("run-1");
    files = store.files("run-1");
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void aTypedFileRoundTripsAndIsReplacedAtomically() throws IOException {
    assertEquals(Optional.empty(), files.read("logs/checkpoint.json", Checkpoint.class));
    Checkpoint first = new Checkpoint(1, List.of("fetch"), Map.of("a", 3L));
    files.write("logs/checkpoint.json", first);
    Checkpoint second = new Checkpoint(2, List.of("fetch", "build"), Map.of("a", 3L, "b", 9L));
    files.write("logs/checkpoint.json", second);
    assertEquals(Optional.of(second), files.read("logs/checkpoint.json", Checkpoint.class));
    Path logs = store.dirs("run-1").subdirectory("logs");
    try (var entries = Files.list(logs)) {
      assertEquals(List.of(logs.resolve("checkpoint.json")), entries.toList(), "no temp file left");
    }
  }

  @Test
  void aNullPathIsANullPointerNamingTheParameter() {
    List<Executable> calls =
        List.of(
            () -> files.file(null),
            () -> files.read(null, Checkpoint.class),
            () -> files.write(null, new Checkpoint(1, List.of(), Map.of())));
    for (Executable call : calls) {
      assertEquals("relativePath", assertThrows(NullPointerException.class, call).getMessage());
    }
  }

  @Test
  void aNullTypeIsANullPointerNamingTheParameter() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> files.read("logs/a.json", null));
    assertEquals("type", e.getMessage());
  }

  @Test
  void aNullValueIsANullPointerNamingTheParameter() {
    NullPointerException e =
        assertThrows(NullPointerException.class, () -> files.write("logs/a.json", null));
    assertEquals("value", e.getMessage());
  }

  @Test
  void aWriteOnAnInterruptedThreadWritesNothingAndSaysItWasInterrupted() {
    Checkpoint first = new Checkpoint(1, List.of("fetch"), Map.of());
    files.write("logs/checkpoint.json", first);

    InterruptedOperationException e =
        Interrupts.onInterruptedThread(
            () -> files.write("logs/checkpoint.json", new Checkpoint(2, List.of(), Map.of())));

    assertTrue(e.getMessage().contains("checkpoint.json"), e.getMessage());
    assertEquals(Optional.of(first), files.read("logs/checkpoint.json", Checkpoint.class));
  }

  /**
   * The interrupt closes the channel that flushes a directory the write makes on its way (the event
   * log's {@code events/}, a new folder of shared files): that is an interrupted call, not a
   * failing disk.
   */
  @Test
  void makingADirectoryOnAnInterruptedThreadSaysItWasInterrupted() {
    List<Executable> calls =
        List.of(
            () -> files.write("logs/new/checkpoint.json", new Checkpoint(1, List.of(), Map.of())),
            () ->
                store
                    .events("run-1", Checkpoint.class)
                    .append(new Checkpoint(1, List.of(), Map.of())),
            () -> store.shared().createUnique("inbox", new Checkpoint(1, List.of(), Map.of())));
    for (Executable call : calls) {
      Thread.currentThread().interrupt();
      try {
        InterruptedOperationException e = assertThrows(InterruptedOperationException.class, call);
        assertTrue(Thread.currentThread().isInterrupted(), "the interrupt status is kept");
        assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
      } finally {
        Thread.interrupted();
      }
    }
  }

  /**
   * In a folder that exists already the interrupt closes the channel that writes the new file: an
   * interrupted call too, which leaves no file.
   */
  @Test
  void aCreateUniqueInAnExistingFolderOnAnInterruptedThreadSaysItWasInterrupted() {
    Checkpoint content = new Checkpoint(1, List.of(), Map.of());
    List<String> before = List.of(store.shared().createUnique("inbox", content));

    InterruptedOperationException e =
        Interrupts.onInterruptedThread(() -> store.shared().createUnique("inbox", content));

    assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
    assertEquals(before, store.shared().listUnique("inbox"));
  }

  @Test
  void aFileLargerThanAReadTakesIsRefusedAndNothingIsWritten() {
    String big = "x".repeat(JsonFile.MAX_BYTES);
    MisuseException refused =
        assertThrows(MisuseException.class, () -> files.write("logs/big.json", List.of(big)));
    assertTrue(refused.getMessage().contains("a JSON file may hold"), refused.getMessage());
    assertFalse(Files.exists(store.dirs("run-1").subdirectory("logs").resolve("big.json")));
    MisuseException shared =
        assertThrows(
            MisuseException.class,
            () -> store.shared().document("big", String.class, () -> "").update(old -> big));
    assertTrue(shared.getMessage().contains("a JSON file may hold"), shared.getMessage());
    assertEquals("", store.shared().document("big", String.class, () -> "").read());
  }

  @Test
  void aRefusedWriteNamesATypeTheUserRecognises() {
    MisuseException map =
        assertThrows(
            MisuseException.class,
            () -> files.write("a.json", Map.of("k", "x".repeat(JsonFile.MAX_BYTES))));
    assertTrue(
        map.getMessage().startsWith("a java.util.ImmutableCollections$Map1 for "),
        map.getMessage());
    Object anonymous = new Object() {};
    MisuseException named =
        assertThrows(MisuseException.class, () -> files.write("b.json", anonymous));
    assertTrue(
        named.getMessage().startsWith("a " + anonymous.getClass().getName() + " for "),
        named.getMessage());
  }

  @Test
  void aRefusedWriteGivesNoAdviceAboutJacksonsOwnApi() {
    Object anonymous = new Object() {};
    MisuseException e = assertThrows(MisuseException.class, () -> files.write("a.json", anonymous));
    assertFalse(e.getMessage().contains("readerForUpdating"), e.getMessage());
    assertTrue(e.getMessage().contains("use a named class"), e.getMessage());
  }

  /**
   * An anonymous class can have no constructor annotated @JsonCreator, nor be a record, and Jackson
   * creates none: the advice is a named class. A named class without a creator is advised to get
   * one.
   */
  @Test
  void aRefusedWriteOfAnAnonymousClassAdvisesANamedClass() {
    Object anonymous = new Object() {};
    MisuseException e = assertThrows(MisuseException.class, () -> files.write("a.json", anonymous));
    assertTrue(e.getMessage().contains("use a named class"), e.getMessage());
    assertFalse(e.getMessage().contains("Give its type a creator"), e.getMessage());

    MisuseException named =
        assertThrows(MisuseException.class, () -> files.write("b.json", new Creatorless(1)));
    assertTrue(named.getMessage().contains("annotated @JsonCreator"), named.getMessage());
    assertFalse(named.getMessage().contains("named class"), named.getMessage());
  }

  /** A named class Jackson writes but cannot create: no creator it can use. */
  public static final class Creatorless {
    private final int count;

    Creatorless(int count) {
      this.count = count;
    }

    public int getCount() {
      return count;
    }
  }

  @Test
  void missingDirectoriesInsideTheInstanceAreCreated() {
    files.write("output/reports/2024/summary.json", Map.of("ok", true));
    Path file = store.dirs("run-1").root().resolve("output/reports/2024/summary.json");
    assertTrue(Files.isRegularFile(file));
    assertEquals(
        Optional.of(Map.of("ok", true)), files.read("output/reports/2024/summary.json", Map.class));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "../escape.json",
        "logs/../../escape.json",
        "/etc/passwd",
        "\\x.json",
        "C:/x.json",
        "",
        "logs//x.json",
        "./x.json",
        "logs/",
        "logs/.hidden.json",
        "a\\..\\b.json",
        "logs/x\u0000.json"
      })
  void pathsThatCouldLeaveTheInstanceAreRefusedBeforeAnythingIsTouched(String path) {
    UnsafePathException e =
        assertThrows(UnsafePathException.class, () -> files.write(path, Map.of("x", 1)));
    assertTrue(e.getMessage().contains("'run-1'"), e.getMessage());
    assertFalse(Files.exists(dir.resolve("escape.json")));
    assertFalse(Files.exists(dir.resolve("root/instances/escape.json")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "instance.json",
        "Instance.JSON",
        "events",
        "events/events.jsonl",
        "events/other.json",
        "EVENTS/events.jsonl"
      })
  void whatTheStoreOwnsIsRefusedForReadingAndWritingAndStaysIntact(String path) throws IOException {
    store.events("run-1", Map.class).append(Map.of("step", 1));
    Path instance = store.dirs("run-1").root();
    byte[] document = Files.readAllBytes(instance.resolve("instance.json"));
    byte[] log = Files.readAllBytes(instance.resolve("events/events.jsonl"));

    List<Executable> uses =
        List.of(
            () -> files.write(path, Map.of("x", 1)),
            () -> files.read(path, Map.class),
            () -> files.file(path));
    for (Executable use : uses) {
      UnsafePathException e = assertThrows(UnsafePathException.class, use);
      assertTrue(e.getMessage().contains("\"" + path + "\""), e.getMessage());
      assertTrue(e.getMessage().contains("the store owns"), e.getMessage());
    }

    assertArrayEquals(document, Files.readAllBytes(instance.resolve("instance.json")));
    assertArrayEquals(log, Files.readAllBytes(instance.resolve("events/events.jsonl")));
    assertEquals(1, store.get("run-1").version());
    assertEquals(1, store.events("run-1", Map.class).read(0).values().size());
  }

  @Test
  void theStoresNamesAreTheApplicationsBelowTheTopOfTheInstance() {
    files.write("logs/instance.json", Map.of("a", 1));
    files.write("logs/events/events.jsonl", Map.of("b", 2));
    files.write("instance.json.bak", Map.of("c", 3));

    assertEquals(Optional.of(Map.of("a", 1)), files.read("logs/instance.json", Map.class));
    assertEquals(Optional.of(Map.of("b", 2)), files.read("logs/events/events.jsonl", Map.class));
    assertEquals(Optional.of(Map.of("c", 3)), files.read("instance.json.bak", Map.class));
    assertEquals(1, store.get("run-1").version());
  }

  @Test
  void aSymbolicLinkOnTheWayIsRefused() throws IOException {
    Path outside = Files.createDirectory(dir.resolve("outside"));
    Path workspace = store.dirs("run-1").subdirectory("workspace");
    Files.createSymbolicLink(workspace.resolve("out"), outside);
    Files.createSymbolicLink(workspace.resolve("file.json"), outside.resolve("target.json"));
    assertThrows(UnsafePathException.class, () -> files.write("workspace/out/x.json", Map.of()));
    assertThrows(UnsafePathException.class, () -> files.write("workspace/file.json", Map.of()));
    try (var entries = Files.list(outside)) {
      assertEquals(0, entries.count());
    }
  }

  @Test
  void aFileWithADuplicateKeyIsReportedAsDamagedAsADocumentIs() throws IOException {
    Path file = files.file("logs/checkpoint.json");
    Files.writeString(file, "{\"step\": 1, \"done\": [], \"sizes\": {}, \"step\": 2}");
    CorruptJsonFileException e =
        assertThrows(
            CorruptJsonFileException.class,
            () -> files.read("logs/checkpoint.json", Checkpoint.class));
    assertTrue(e.getMessage().contains("step"), e.getMessage());
  }

  @Test
  void aDamagedFileIsReportedWithItsPath() throws IOException {
    Path file = files.file("logs/checkpoint.json");
    Files.writeString(file, "{\"step\": ");
    CorruptJsonFileException e =
        assertThrows(
            CorruptJsonFileException.class,
            () -> files.read("logs/checkpoint.json", Checkpoint.class));
    assertEquals(file.toString(), e.location());
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
  }

  @Test
  void filesOfADeletedInstanceNeverBringItBack() {
    store.delete("run-1");
    assertThrows(InstanceNotFoundException.class, () -> files.write("logs/new/x.json", Map.of()));
    assertFalse(Files.exists(Stores.instanceDirectory(dir.resolve("root"), "run-1")));
    assertThrows(InstanceNotFoundException.class, () -> store.files("run-1"));
  }

  @Test
  void aValueThatWouldNotReadBackIsRefusedAndTheOldFileKept() {
    files.write("shipment.json", new Shipment("empty", null));

    MisuseException e =
        assertThrows(
            MisuseException.class,
            () -> files.write("shipment.json", new Shipment("full", new Circle(2))));
    assertTrue(e.getMessage().contains("cannot be read back"), e.getMessage());
    assertThrows(MisuseException.class, () -> files.write("thread.json", new Thread(() -> {})));
    MisuseException kotlin =
        assertThrows(MisuseException.class, () -> files.write("note.json", new KotlinNote()));
    assertTrue(kotlin.getMessage().contains("jackson-module-kotlin"), kotlin.getMessage());

    assertEquals(
        Optional.of(new Shipment("empty", null)), files.read("shipment.json", Shipment.class));
    assertFalse(Files.exists(store.dirs("run-1").root().resolve("thread.json")));
    assertFalse(Files.exists(store.dirs("run-1").root().resolve("note.json")));
  }

  /**
   * A write that makes a directory in the instance, whose flush of the instance directory (which
   * makes the new directory's name durable) fails, is refused; the next write there must flush that
   * name before it is acknowledged, or a power cut loses the directory with the acknowledged file.
   * The flush failure is injected by the recording file system; every state a power cut after the
   * acknowledged write could leave is checked. Before the fix the new directory stayed, the second
   * write found it and flushed nothing but its own file, and states without the file were found.
   */
  @Test
  void aDirectoryWhoseNameCouldNotBeFlushedIsFlushedBeforeAWriteInItIsAcknowledged()
      throws IOException {
    FailingFlush flush = FailingFlush.of(dir, root -> Stores.instanceDirectory(root, "run-2"));
    Checkpoint checkpoint = new Checkpoint(1, List.of("fetch"), Map.of());
    try (CounterStore recorded = Stores.counters(flush.dataRoot(), Durability.FSYNC)) {
      recorded.create("run-2");
      InstanceFiles recordedFiles = recorded.files("run-2");
      flush.arm();
      assertThrows(
          StorageException.class, () -> recordedFiles.write("output/summary.json", checkpoint));
      assertTrue(flush.failed(), "the flush failed");
      recordedFiles.write("output/summary.json", checkpoint);
    }

    List<String> lost =
        flush.statesNotHolding(
            root -> {
              try (CounterStore recovered = Stores.counters(root, Durability.NONE)) {
                return recovered
                    .files("run-2")
                    .read("output/summary.json", Checkpoint.class)
                    .equals(Optional.of(checkpoint));
              }
            });
    assertEquals(List.of(), lost, "states without the acknowledged file");
  }
}
