package dev.burrow.runtime.internal.index;

import static dev.burrow.runtime.testing.CounterSchema.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.transfer.Exporter;
import dev.burrow.runtime.internal.transfer.Importer;
import dev.burrow.runtime.internal.transfer.KindDescription;
import dev.burrow.runtime.internal.transfer.RawDocument;
import dev.burrow.runtime.internal.transfer.RawSchema;
import dev.burrow.runtime.internal.transfer.TransferView;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data root opened by a tool without the user's classes (a {@link RawSchema}, which cannot say
 * which components are indexed) keeps the indexes, and documents it writes are found afterwards.
 */
class RawSchemaIndexTest {
  private static final CounterSchema SCHEMA = CounterSchema.indexing(STATUS);

  @TempDir Path root;
  @TempDir Path source;
  @TempDir Path scratch;

  private Path statusIndex() {
    return root.resolve(".burrow/indexes").resolve(IndexNames.of(STATUS.name()));
  }

  /** Whether the status index is complete: marked ready, and not marked unmaintained. */
  private boolean ready() throws Exception {
    if (Files.exists(statusIndex().resolve(FieldIndex.UNMAINTAINED), LinkOption.NOFOLLOW_LINKS)) {
      return false;
    }
    try (var markers = Files.list(statusIndex())) {
      return markers.anyMatch(m -> m.getFileName().toString().startsWith(".ready"));
    }
  }

  /** Imports {@code exported} into the root through the kind's raw schema, as tools do. */
  private void importRaw(ByteArrayOutputStream exported) {
    RawSchema raw = raw();
    try (FileSystemBackend<RawDocument> backend =
        FileSystemBackend.open(raw, root, StoreOptions.defaults())) {
      Importer.importInto(
          new TransferView<>(raw, backend, Stores.host(scratch)),
          new ByteArrayInputStream(exported.toByteArray()),
          null,
          skipped -> {});
    }
  }

  private RawSchema raw() {
    return new RawSchema(Objects.requireNonNull(FileSystemBackend.describedKind(root)));
  }

  @Test
  void openingRawKeepsTheIndexesAndReadingLeavesThemComplete() throws Exception {
    try (CounterStore store = Stores.counters(root, Durability.NONE, SCHEMA)) {
      store.update(store.create().id(), c -> c.withStatus("RUNNING"));
    }
    RawSchema raw = raw();
    try (FileSystemBackend<RawDocument> backend =
        FileSystemBackend.open(raw, root, StoreOptions.defaults())) {
      Exporter.export(
          new TransferView<>(raw, backend, Stores.host(scratch)),
          new ByteArrayOutputStream(),
          null,
          p -> {},
          null);
    }
    assertTrue(Files.isDirectory(statusIndex(), LinkOption.NOFOLLOW_LINKS));
    assertTrue(ready());
  }

  @Test
  void documentsImportedRawAreFoundByTheNextStoreThatKnowsTheIndexes() throws Exception {
    List<String> running;
    try (CounterStore store = Stores.counters(root, Durability.NONE, SCHEMA)) {
      store.update(store.create().id(), c -> c.withStatus("RUNNING"));
      running = List.of(store.where(STATUS.equalTo("RUNNING")).list().get(0).id());
    }
    ByteArrayOutputStream exported = new ByteArrayOutputStream();
    List<String> imported;
    try (CounterStore other = Stores.counters(source, Durability.NONE, SCHEMA)) {
      for (int i = 0; i < 3; i++) {
        other.update(other.create().id(), c -> c.withStatus("RUNNING"));
      }
      imported = other.list().stream().map(Counter::id).toList();
      other.engine().exportTo(exported, null);
    }
    assertEquals(KindDescription.of(SCHEMA), FileSystemBackend.describedKind(root));

    importRaw(exported);
    assertFalse(ready());

    try (CounterStore store = Stores.counters(root, Durability.NONE, SCHEMA)) {
      List<String> found =
          store.where(STATUS.equalTo("RUNNING")).list().stream().map(Counter::id).toList();
      assertEquals(4, found.size());
      assertTrue(found.containsAll(imported));
      assertTrue(found.containsAll(running));
    }
    assertTrue(ready());
  }

  /**
   * An index a raw import marked unmaintained keeps its ready marker, so the repair of tools
   * without the user's classes ({@code burrow fsck --repair}) rebuilds it with the default the
   * marker names: it was left incomplete, reported as such.
   */
  @Test
  void theRepairOfToolsRebuildsAnIndexARawImportMarked() throws Exception {
    ByteArrayOutputStream exported = new ByteArrayOutputStream();
    try (CounterStore store = Stores.counters(root, Durability.NONE, SCHEMA)) {
      store.update(store.create().id(), c -> c.withStatus("RUNNING"));
    }
    List<String> imported;
    try (CounterStore other = Stores.counters(source, Durability.NONE, SCHEMA)) {
      other.update(other.create().id(), c -> c.withStatus("RUNNING"));
      imported = other.list().stream().map(Counter::id).toList();
      other.engine().exportTo(exported, null);
    }
    importRaw(exported);
    assertFalse(ready());

    try (FileSystemBackend<RawDocument> backend =
        FileSystemBackend.open(raw(), root, StoreOptions.defaults())) {
      FileIndexes.Repair repair = backend.maintenance().repairIndexes();
      assertEquals(List.of("status"), repair.rebuilt());
      assertEquals(List.of(), repair.leftIncomplete());
    }
    assertTrue(ready());
    assertTrue(
        FieldIndex.holds(
            root, statusIndex().resolve(IndexNames.ofKey("RUNNING")), imported.get(0)));
  }
}
