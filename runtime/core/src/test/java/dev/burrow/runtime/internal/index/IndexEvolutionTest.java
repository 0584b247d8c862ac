package dev.burrow.runtime.internal.index;

import static dev.burrow.runtime.testing.CounterSchema.COUNT;
import static dev.burrow.runtime.testing.CounterSchema.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.IndexedField;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.store.IndexDefault;
import dev.burrow.runtime.internal.transfer.RawDocument;
import dev.burrow.runtime.internal.transfer.RawSchema;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterSchemaVariant;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.StatusDefaultSchema;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.spi.InstanceSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Schema evolution: an index appears when a component becomes indexed and goes when it stops. */
class IndexEvolutionTest {
  @TempDir Path root;

  private CounterStore open(InstanceSchema<Counter> schema) {
    return Stores.counters(root, Durability.FSYNC, schema);
  }

  private Set<String> indexDirectories() throws IOException {
    try (Stream<Path> entries = Files.list(root.resolve(".burrow/indexes"))) {
      return entries.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
    }
  }

  private List<String> running(CounterStore store) {
    return store.where(STATUS.equalTo("RUNNING")).list().stream().map(Counter::id).toList();
  }

  @Test
  void indexingAnExistingComponentBuildsTheIndexFromTheDocuments() throws IOException {
    List<String> expected;
    try (CounterStore store = open(CounterSchema.INSTANCE)) {
      for (int i = 0; i < 10; i++) {
        int n = i;
        store.create(c -> c.withStatus(n % 2 == 0 ? "RUNNING" : "DONE"));
      }
      expected =
          store.list().stream().filter(c -> c.status().equals("RUNNING")).map(Counter::id).toList();
      assertEquals(Set.of(), indexDirectories());
    }
    try (CounterStore store = open(CounterSchema.indexing(STATUS))) {
      assertEquals(Set.of(IndexNames.of("status")), indexDirectories());
      assertEquals(expected, running(store));
    }
  }

  @Test
  void droppingAnIndexRemovesItAndAddingItBackRebuildsItFromScratch() throws IOException {
    String id;
    try (CounterStore store = open(CounterSchema.indexing(STATUS, COUNT))) {
      id = store.create(c -> c.withStatus("RUNNING")).id();
      assertEquals(Set.of(IndexNames.of("status"), IndexNames.of("count")), indexDirectories());
    }
    try (CounterStore store = open(CounterSchema.indexing(COUNT))) {
      assertEquals(Set.of(IndexNames.of("count")), indexDirectories());
      store.update(id, c -> c.withStatus("DONE"));
    }
    try (CounterStore store = open(CounterSchema.INSTANCE)) {
      assertEquals(Set.of(), indexDirectories());
      store.update(id, c -> c.withStatus("RUNNING").incremented());
    }
    try (CounterStore store = open(CounterSchema.indexing(STATUS, COUNT))) {
      assertEquals(List.of(id), running(store));
      assertEquals(List.of(), store.where(STATUS.equalTo("DONE")).list());
      assertEquals(1, store.where(COUNT.equalTo(1L)).count());
      assertEquals(0, store.where(COUNT.equalTo(0L)).count());
    }
  }

  @Test
  void aDefaultWithoutOneKeyGivesOneMarkerThatLaterOpensKeep() throws IOException {
    IndexedField<Counter, String> perInstance = IndexedField.of("echo", Counter::id, id -> id);
    assertEquals(
        new IndexDefault(true, "PENDING"), IndexDefault.of(CounterSchema.INSTANCE, STATUS));
    assertEquals(
        new IndexDefault(false, null), IndexDefault.of(CounterSchema.INSTANCE, perInstance));

    String id;
    try (CounterStore store = open(CounterSchema.indexing(perInstance))) {
      id = store.create().id();
    }
    Path echo = root.resolve(".burrow/indexes").resolve(IndexNames.of("echo"));
    Path marker = echo.resolve(FieldIndex.READY + "~");
    FileTime made = Files.getLastModifiedTime(marker);
    try (CounterStore store = open(CounterSchema.indexing(perInstance))) {
      assertEquals(1, store.where(perInstance.equalTo(id)).count());
    }
    assertEquals(made, Files.getLastModifiedTime(marker), "not rebuilt by the second open");
  }

  /**
   * A component added with a default computed anew for each value (a Kotlin {@code =
   * UUID.randomUUID()}): a document written before it existed reads with a new value each time,
   * until an update writes the value it was read as into it. From then on it holds that value for
   * good, and its finder returns it, though the update did not change the value it read.
   */
  @Test
  void aDocumentWrittenAgainAfterAComponentWithoutOneDefaultKeyWasAddedIsFoundByItsValue()
      throws IOException {
    String id;
    try (CounterStore store = open(CounterSchema.INSTANCE)) {
      id = store.create().id();
    }
    try (CounterStore store = open(new TokenSchema())) {
      String token = store.update(id, c -> c.withStatus("DONE")).params().get(TokenSchema.TOKEN);

      assertEquals(token, store.get(id).params().get(TokenSchema.TOKEN), "held for good");
      assertEquals(
          List.of(id),
          store.where(TokenSchema.INDEXED.equalTo(token)).list().stream()
              .map(Counter::id)
              .toList());
      assertEquals(1, store.where(TokenSchema.INDEXED.equalTo(token)).count());
    }
  }

  /**
   * A component added with a default computed from the version (a Kotlin {@code val status: String
   * = "v$version"}): a document written before it existed reads as its own version's value, which
   * two fresh values of one version do not show. The repair of tools without the user's classes
   * ({@code burrow fsck --repair}) placed such documents by the default the ready marker named
   * ({@code v0}), removed their entries as stale and marked the index complete: the finder of the
   * value they read as missed them.
   */
  @Test
  void aToolsRepairKeepsTheEntryOfADocumentWhoseDefaultIsComputedFromItsVersion()
      throws IOException {
    String id;
    try (CounterStore store = open(StatusDefaultSchema.BEFORE)) {
      id = store.create().id();
      store.update(id, Counter::incremented);
    }
    try (CounterStore store = open(StatusDefaultSchema.fromVersion())) {
      assertEquals("v2", store.get(id).status());
      assertEquals(List.of(id), ids(store.where(STATUS.equalTo("v2")).list()));
    }
    RawSchema raw = new RawSchema(Objects.requireNonNull(FileSystemBackend.describedKind(root)));
    try (FileSystemBackend<RawDocument> tool =
        FileSystemBackend.open(raw, root, StoreOptions.defaults())) {
      tool.maintenance().repairIndexes();
    }

    try (CounterStore store = open(StatusDefaultSchema.fromVersion())) {
      assertEquals(List.of(id), ids(store.where(STATUS.equalTo("v2")).list()));
      assertEquals(1, store.where(STATUS.equalTo("v2")).count());
    }
  }

  /**
   * Two releases at once whose defaults of an indexed component differ (a rolling upgrade that
   * changes it), over a document written before the component existed, which each reads as its own
   * default. The older store rebuilds its index with its default and removes the newer default's
   * entry as stale; the newer store then writes the document, holding the value it read it as,
   * which it took for no change, so it made no entry: the older store's index stayed marked
   * complete without the entry of the value the document now holds, and its finder missed it.
   */
  @Test
  void aStoreOfAnotherDefaultThatWritesADocumentWithoutTheComponentMakesItsEntry()
      throws IOException {
    String id;
    try (CounterStore store = open(StatusDefaultSchema.BEFORE)) {
      id = store.create().id();
    }
    try (CounterStore older = open(StatusDefaultSchema.constant("PENDING"));
        CounterStore newer = open(StatusDefaultSchema.constant("QUEUED"))) {
      assertEquals(List.of(id), ids(older.where(STATUS.equalTo("PENDING")).list()));
      assertEquals(List.of(), older.where(STATUS.equalTo("QUEUED")).list());

      newer.update(id, Counter::incremented);

      assertEquals(List.of(id), ids(older.where(STATUS.equalTo("QUEUED")).list()));
      assertEquals(List.of(id), ids(newer.where(STATUS.equalTo("QUEUED")).list()));
    }
  }

  private static List<String> ids(List<Counter> counters) {
    return counters.stream().map(Counter::id).toList();
  }

  /**
   * The counter schema with a param {@code token} indexed, which a document without one reads with
   * a random value: a component whose default has no one key.
   */
  private static final class TokenSchema extends CounterSchemaVariant {
    static final String TOKEN = "token";
    static final IndexedField<Counter, String> INDEXED =
        IndexedField.of(TOKEN, c -> c.params().get(TOKEN), token -> token);

    TokenSchema() {
      super(CounterSchema.INSTANCE);
    }

    private static Counter withToken(Counter counter) {
      if (counter.params().containsKey(TOKEN)) {
        return counter;
      }
      Map<String, String> params = new LinkedHashMap<>(counter.params());
      params.put(TOKEN, UUID.randomUUID().toString());
      return counter.withParams(params);
    }

    @Override
    public Counter fresh(String id) {
      return withToken(super.fresh(id));
    }

    @Override
    public List<IndexedField<Counter, ?>> indexes() {
      return List.of(INDEXED);
    }

    @Override
    public Counter decode(byte[] json) {
      return withToken(super.decode(json));
    }
  }

  @Test
  void anIndexLeftIncompleteByACrashedRebuildIsRebuiltAtOpen() throws IOException {
    String id;
    try (CounterStore store = open(CounterSchema.indexing(STATUS))) {
      id = store.create(c -> c.withStatus("RUNNING")).id();
    }
    Path status = root.resolve(".burrow/indexes").resolve(IndexNames.of("status"));
    try (Stream<Path> markers = Files.list(status)) {
      for (Path marker :
          markers.filter(p -> p.getFileName().toString().startsWith(".ready")).toList()) {
        Files.delete(marker);
      }
    }
    Files.delete(located(status.resolve(IndexNames.of("RUNNING")), id));

    try (CounterStore store = open(CounterSchema.indexing(STATUS))) {
      assertTrue(FieldIndex.holds(root, status.resolve(IndexNames.of("RUNNING")), id));
      assertEquals(List.of(id), running(store));
    }
  }

  @Test
  void aQueryRebuildsAnIndexMarkedIncompleteWhileTheStoreIsOpen() throws IOException {
    try (CounterStore store = open(CounterSchema.indexing(STATUS))) {
      String id = store.create(c -> c.withStatus("RUNNING")).id();
      Path status = root.resolve(".burrow/indexes").resolve(IndexNames.of("status"));
      try (Stream<Path> markers = Files.list(status)) {
        for (Path marker :
            markers.filter(p -> p.getFileName().toString().startsWith(".ready")).toList()) {
          Files.delete(marker);
        }
      }
      Path running = status.resolve(IndexNames.of("RUNNING"));
      Files.delete(located(running, id));

      assertEquals(List.of(id), running(store));
      assertTrue(FieldIndex.holds(root, running, id));
    }
  }

  /** Where the entry of {@code id} in {@code values} is; fails if it is in neither place. */
  private Path located(Path values, String id) {
    Path entry = FieldIndex.located(root, values, id);
    assertNotNull(entry, "an entry of " + id + " in " + values);
    return entry;
  }
}
