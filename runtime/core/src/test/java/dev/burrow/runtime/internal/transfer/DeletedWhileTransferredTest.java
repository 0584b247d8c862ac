package dev.burrow.runtime.internal.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.ExportSummary;
import dev.burrow.ImportSummary;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.spi.StorageBackend;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An instance deleted by a writer after an export or a copy read its page, before its directory was
 * reached (the delete runs exactly then, from the source's lookup of the directory): the transfer
 * does not fail; the export leaves the instance out, and every other instance and file arrives.
 */
class DeletedWhileTransferredTest {
  private static final String VICTIM = "b-deleted";

  @TempDir Path work;
  private Path sourceRoot = Path.of("unset");

  @BeforeEach
  void threeInstancesWithAFileEach() throws Exception {
    sourceRoot = work.resolve("source");
    try (CounterStore source = Stores.counters(sourceRoot, Durability.NONE)) {
      for (String id : List.of("a-kept", VICTIM, "c-kept")) {
        source.create(id);
        Files.writeString(source.dirs(id).root().resolve("note.txt"), id, StandardCharsets.UTF_8);
      }
    }
  }

  /**
   * The writer deletes the instance when the export looks up its directory (before its files are
   * archived), or when the export reads its document again (after they are): either way the
   * instance is left out, and the summary counts it, so 2 exported are told from 2 of 3 listed.
   */
  @ParameterizedTest
  @ValueSource(strings = {"existingInstanceDirectory", "find"})
  void anExportLeavesOutAnInstanceDeletedMeanwhileCountsItAndDoesNotFail(String deletingOn)
      throws Exception {
    ByteArrayOutputStream lines = new ByteArrayOutputStream();
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    long archived = deletingOn.equals("find") ? 3 : 2; // its file, if archived before the delete
    try (FileSystemBackend<Counter> backend = openSource()) {
      ExportSummary exported =
          Exporter.export(
              view(deletingOn(deletingOn, backend), sourceRoot),
              lines,
              tar,
              problem -> {
                throw new AssertionError("nothing is damaged: " + problem);
              },
              null);
      assertEquals(new ExportSummary(2, 0, archived, 1), exported);
      assertTrue(backend.find(VICTIM).isEmpty(), "the writer deleted it during the export");
    }
    String written = lines.toString(StandardCharsets.UTF_8);
    assertFalse(written.contains(VICTIM), "no line names the deleted instance: " + written);
    assertTrue(written.contains("{\"end\":true,\"instances\":2,\"damaged\":0}"), written);

    try (CounterStore target = Stores.counters(work.resolve("target"), Durability.NONE)) {
      ImportSummary imported =
          target
              .engine()
              .importFrom(
                  new ByteArrayInputStream(lines.toByteArray()),
                  new ByteArrayInputStream(tar.toByteArray()));
      // the deleted instance's file, if archived, is skipped and counted: no line names it
      assertEquals(new ImportSummary(2, 0, 0, 0, 2, 0, archived - 2), imported);
      assertEquals(List.of("c-kept", "a-kept"), target.list().stream().map(Counter::id).toList());
      assertEquals("a-kept", Files.readString(target.dirs("a-kept").root().resolve("note.txt")));
    }
  }

  @Test
  void aCopyOfAnInstanceDeletedBeforeItsFilesDoesNotFail() throws Exception {
    Path targetRoot = work.resolve("target");
    try (CounterStore described = Stores.counters(targetRoot, Durability.NONE)) {
      described.list();
    }
    try (FileSystemBackend<Counter> backend = openSource();
        FileSystemBackend<Counter> target =
            FileSystemBackend.open(CounterSchema.INSTANCE, targetRoot, options())) {
      ImportSummary copied =
          Copier.copy(
              view(deletingOn("existingInstanceDirectory", backend), sourceRoot),
              view(target, targetRoot),
              true,
              problem -> {
                throw new AssertionError("nothing is damaged: " + problem);
              },
              () -> {});
      assertEquals(new ImportSummary(3, 0, 0, 0, 2, 0), copied);
      assertEquals(
          "c-kept",
          Files.readString(target.instanceDirectory("c-kept").resolve("note.txt")),
          "the files of the others are copied");
      assertFalse(
          Files.exists(target.instanceDirectory(VICTIM).resolve("note.txt")),
          "the deleted instance's files were gone before the copy reached them");
    }
  }

  private FileSystemBackend<Counter> openSource() {
    return FileSystemBackend.open(CounterSchema.INSTANCE, sourceRoot, options());
  }

  private static StoreOptions options() {
    return StoreOptions.defaults().withDurability(Durability.NONE);
  }

  private static TransferView<Counter> view(StorageBackend<Counter> backend, Path root) {
    return new TransferView<>(CounterSchema.INSTANCE, backend, Stores.host(root));
  }

  /**
   * {@code backend}, deleting {@link #VICTIM} (as a writer would) when the transfer calls {@code
   * method} for it: {@code existingInstanceDirectory} after its page was read, before its files
   * are; {@code find} after its files are, before its document is read again.
   */
  private static StorageBackend<Counter> deletingOn(
      String method, StorageBackend<Counter> backend) {
    Object proxy =
        Proxy.newProxyInstance(
            StorageBackend.class.getClassLoader(),
            new Class<?>[] {StorageBackend.class},
            (self, called, args) -> {
              if (called.getName().equals(method) && VICTIM.equals(args[0])) {
                assertTrue(backend.delete(VICTIM), "the writer's delete");
              }
              try {
                return called.invoke(backend, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
    @SuppressWarnings("unchecked") // a proxy of StorageBackend over a StorageBackend<Counter>
    StorageBackend<Counter> deleting = (StorageBackend<Counter>) proxy;
    return deleting;
  }
}
