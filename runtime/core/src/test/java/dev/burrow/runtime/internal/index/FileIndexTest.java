package dev.burrow.runtime.internal.index;

import static dev.burrow.runtime.testing.CounterSchema.COUNT;
import static dev.burrow.runtime.testing.CounterSchema.STATUS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.InstanceLock;
import dev.burrow.LockTimeoutException;
import dev.burrow.MisuseException;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.Query;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.internal.lock.SharedLock;
import dev.burrow.runtime.internal.shard.Shards;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Pages;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.runtime.testing.UnlistableDirectory;
import dev.burrow.test.internal.crash.recording.RecordingFileSystem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The filesystem backend's indexes: finders, maintenance by writes, verification and repair. */
class FileIndexTest {
  private static final CounterSchema SCHEMA = CounterSchema.indexing(STATUS, COUNT);

  @TempDir Path root;
  @TempDir Path outside;

  private CounterStore open() {
    return Stores.counters(root, Durability.NONE, SCHEMA);
  }

  private Path values(String field, String key) {
    return root.resolve(".burrow/indexes")
        .resolve(IndexNames.of(field))
        .resolve(IndexNames.of(key));
  }

  /** {@code entry}, once its shard directories are made: where a planted entry goes. */
  static Path inShards(Path entry) throws IOException {
    Files.createDirectories(entry.getParent());
    return entry;
  }

  private static List<String> ids(List<Counter> counters) {
    return counters.stream().map(Counter::id).toList();
  }

  @Test
  void findsByValueNewestFirstWithTheListingsPaging() {
    try (CounterStore store = open()) {
      for (int i = 0; i < 30; i++) {
        String id = store.create().id();
        if (i % 3 == 0) {
          store.update(id, c -> c.withStatus("RUNNING"));
        }
      }
      List<Counter> expected =
          store.list().stream().filter(c -> c.status().equals("RUNNING")).toList();
      Query<Counter> running = store.where(STATUS.equalTo("RUNNING"));

      assertEquals(10, expected.size());
      assertEquals(expected, running.list());
      assertEquals(expected, Pages.walk(running::list, 4));
      assertEquals(expected, running.stream().toList());
      assertEquals(10, running.count());
      assertEquals(20, store.where(STATUS.equalTo("PENDING")).count());
      assertEquals(List.of(), store.where(STATUS.equalTo("DONE")).list());
    }
  }

  /**
   * A stream of the listing or of a query taken before the store was closed refuses its next
   * element, as every operation of a closed store is refused, even when its page is already read.
   */
  @Test
  void streamsOfAClosedStoreRefuseTheirNextElement() {
    CounterStore store = open();
    for (int i = 0; i < 3; i++) {
      store.create();
    }
    Iterator<Counter> listing = store.stream().iterator();
    Iterator<Counter> pending = store.where(STATUS.equalTo("PENDING")).stream().iterator();
    listing.next();
    pending.next();
    store.close();
    for (Iterator<Counter> stream : List.of(listing, pending)) {
      MisuseException e = assertThrows(MisuseException.class, stream::next);
      assertTrue(e.getMessage().contains("was closed"), e.getMessage());
    }
  }

  /**
   * Writers adding and removing entries of one leaf shard empty the leaf and remove it while others
   * make it again. An add that returns has made its entry: one that lost the race to make a shard
   * (made by another writer, then removed by it as it emptied, before it could be checked) took
   * that for its entry being there, and returned without making it, so the instance's write went on
   * with no entry for its new value.
   */
  @Test
  void anAddRacingWritersThatEmptyItsLeafShardNeitherFailsNorReturnsWithoutItsEntry()
      throws Exception {
    Path dataRoot = root.toRealPath();
    FieldIndex index =
        new FieldIndex(
            dataRoot, dataRoot.resolve("status"), FieldIndex.READY + "~", Durability.NONE, false);
    index.prepare();
    Path values = index.values("RUNNING");
    Queue<String> wrong = new ConcurrentLinkedQueue<>();
    AtomicBoolean stop = new AtomicBoolean();
    List<Thread> others = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      String id = "same-leaf-" + t; // every ID here shares its leaf shard's ten characters
      Thread other =
          new Thread(
              () -> {
                while (!stop.get()) {
                  try {
                    index.add(values, id);
                  } catch (IOException e) {
                    wrong.add("add of " + id + " failed: " + e);
                  }
                  index.remove(values, id);
                }
              });
      other.start();
      others.add(other);
    }
    try {
      for (int i = 0; i < 10_000; i++) {
        try {
          Path entry = index.add(values, "same-leaf-x");
          if (!Files.exists(entry, LinkOption.NOFOLLOW_LINKS)) {
            wrong.add("add " + i + " returned without its entry");
          }
        } catch (IOException e) {
          wrong.add("add " + i + " failed: " + e);
        }
        index.remove(values, "same-leaf-x");
      }
    } finally {
      stop.set(true);
      for (Thread other : others) {
        other.join();
      }
    }
    assertEquals(
        List.of(),
        wrong.stream().limit(5).toList(),
        wrong.size() + " adds racing the removal of their leaf shard went wrong; the first five");
  }

  @Test
  void andCombinesConditionsOnTwoComponents() {
    try (CounterStore store = open()) {
      for (int i = 0; i < 12; i++) {
        String id = store.create().id();
        int n = i;
        store.update(id, c -> c.withStatus(n % 2 == 0 ? "RUNNING" : "DONE"));
        for (int k = 0; k < n % 3; k++) {
          store.update(id, Counter::incremented);
        }
      }
      List<Counter> expected =
          store.list().stream()
              .filter(c -> c.status().equals("RUNNING") && c.count() == 1)
              .toList();

      Query<Counter> both = store.where(STATUS.equalTo("RUNNING")).and(COUNT.equalTo(1L));

      assertEquals(2, expected.size());
      assertEquals(expected, both.list());
      assertEquals(expected, Pages.walk(both::list, 1));
      assertEquals(2, both.count());
    }
  }

  @Test
  void writesMoveEntriesAndDeletesRemoveThem() {
    try (CounterStore store = open()) {
      String id = store.create().id();
      assertTrue(Files.exists(FieldIndex.entry(values("status", "PENDING"), id)));
      assertTrue(Files.exists(FieldIndex.entry(values("count", "0"), id)));

      store.update(id, c -> c.withStatus("RUNNING"));
      assertFalse(Files.exists(FieldIndex.entry(values("status", "PENDING"), id)));
      assertTrue(Files.exists(FieldIndex.entry(values("status", "RUNNING"), id)));
      assertTrue(Files.exists(FieldIndex.entry(values("count", "0"), id)));

      store.compareAndSet(store.get(id).incremented());
      assertFalse(Files.exists(FieldIndex.entry(values("count", "0"), id)));
      assertTrue(Files.exists(FieldIndex.entry(values("count", "1"), id)));

      assertTrue(store.delete(id));
      assertFalse(Files.exists(FieldIndex.entry(values("status", "RUNNING"), id)));
      assertFalse(Files.exists(FieldIndex.entry(values("count", "1"), id)));
    }
  }

  /**
   * A delete whose flush fails after its instance was moved to the trash may come back after a
   * power cut, so it keeps the instance's entries (stale at worst, which queries verify and remove)
   * rather than remove them at once.
   */
  @Test
  void aDeleteOfUnknownOutcomeKeepsTheEntriesOfWhatMayComeBack() throws IOException {
    Path realRoot = root.toRealPath();
    FailLeafFlush failure = new FailLeafFlush();
    RecordingFileSystem fs = RecordingFileSystem.over(realRoot, path -> true, failure);
    try (CounterStore store = Stores.counters(fs.wrap(realRoot), Durability.FSYNC, SCHEMA)) {
      String id = store.create("doomed").id();
      failure.leaf = Stores.instanceDirectory(realRoot, id).getParent();
      assertThrows(OutcomeUnknownException.class, () -> store.delete(id));
      assertTrue(failure.failed, "the flush after the move failed");
      assertTrue(Files.exists(FieldIndex.entry(values("status", "PENDING"), id)));
      assertTrue(Files.exists(FieldIndex.entry(values("count", "0"), id)));
    }
  }

  /** Fails the opening of {@link #leaf} to flush it, once something was moved into the trash. */
  private static final class FailLeafFlush implements RecordingFileSystem.Hooks {
    @Nullable Path leaf;
    boolean moved;
    boolean failed;

    @Override
    public void afterMove(Path from, Path to) {
      moved |= to.toString().contains(".burrow/trash");
    }

    @Override
    public void beforeOpen(Path real, Set<? extends OpenOption> options) throws IOException {
      if (moved && !failed && real.normalize().equals(leaf)) {
        failed = true;
        throw new IOException("injected: the flush of " + real + " fails");
      }
    }
  }

  @Test
  void pruneRemovesTheEntriesOfWhatItDeletes() {
    try (CounterStore store = open()) {
      List<String> done = new ArrayList<>();
      List<String> running = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        String status = i % 3 == 0 ? "DONE" : "RUNNING";
        (status.equals("DONE") ? done : running).add(store.create(c -> c.withStatus(status)).id());
      }

      List<String> pruned = new ArrayList<>();
      store.prune(c -> c.status().equals("DONE"), c -> pruned.add(c.id()));

      assertEquals(new HashSet<>(done), new HashSet<>(pruned));
      for (String id : done) {
        assertFalse(
            Files.exists(
                FieldIndex.entry(values("status", "DONE"), id), LinkOption.NOFOLLOW_LINKS));
        assertFalse(
            Files.exists(FieldIndex.entry(values("count", "0"), id), LinkOption.NOFOLLOW_LINKS));
      }
      assertEquals(List.of(), store.where(STATUS.equalTo("DONE")).list());
      assertEquals(
          new HashSet<>(running), new HashSet<>(ids(store.where(COUNT.equalTo(0L)).list())));
    }
  }

  /** Instances live in shards by ID prefix: a rebuild walks every shard, not only instances/. */
  @Test
  void aRebuildIndexesTheInstancesOfEveryShard() throws IOException {
    List<String> ids = List.of("0001", "42", "9999999", "a", "m-x", "zz.top", "Z_1");
    try (CounterStore store = Stores.counters(root, Durability.NONE, CounterSchema.INSTANCE)) {
      for (String id : ids) {
        store.create(id, c -> c.withStatus("RUNNING"));
      }
    }
    Set<Path> shards = new HashSet<>();
    for (String id : ids) {
      shards.add(Stores.instanceDirectory(root, id).getParent());
    }
    assertTrue(shards.size() > 1, "the instances are in more than one shard: " + shards);

    try (CounterStore store = open()) {
      assertEquals(
          new HashSet<>(ids), new HashSet<>(ids(store.where(STATUS.equalTo("RUNNING")).list())));
      for (String id : ids) {
        assertTrue(Files.exists(FieldIndex.entry(values("status", "RUNNING"), id)), id);
      }
    }
  }

  /**
   * A shard the rebuild's walk may not list leaves its instances without entries, so the index must
   * stay incomplete: marked complete, its queries would miss them for good once the shard can be
   * listed again.
   */
  @Test
  void aRebuildThatCannotListAShardLeavesTheIndexIncomplete() throws IOException {
    Path realRoot = root.toRealPath();
    String hidden;
    String seen;
    try (CounterStore store = Stores.counters(root, Durability.NONE, CounterSchema.INSTANCE)) {
      hidden = store.create("0001", c -> c.withStatus("RUNNING")).id();
      seen = store.create("zz.top", c -> c.withStatus("RUNNING")).id();
    }
    Path shard = Stores.instanceDirectory(realRoot, hidden).getParent();
    assertFalse(shard.equals(Stores.instanceDirectory(realRoot, seen).getParent()));
    AtomicBoolean denied = new AtomicBoolean(true);
    RecordingFileSystem fs = UnlistableDirectory.over(realRoot, shard, denied::get);
    try (CounterStore store = Stores.counters(fs.wrap(realRoot), Durability.NONE, SCHEMA)) {
      store.where(STATUS.equalTo("RUNNING")).list();
    }
    denied.set(false);

    try (CounterStore store = open()) {
      assertEquals(
          Set.of(hidden, seen), new HashSet<>(ids(store.where(STATUS.equalTo("RUNNING")).list())));
    }
  }

  /**
   * A query whose index is rebuilt while a shard cannot be listed reports the shard, as a listing
   * does: its instances may match and are missing from the answer. Before, the listing named it to
   * the corruption listener and the query said nothing.
   */
  @Test
  void aQueryWhoseRebuildCannotListAShardReportsItAsAListingDoes() throws IOException {
    Path realRoot = root.toRealPath();
    String hidden;
    try (CounterStore store = Stores.counters(realRoot, Durability.NONE, CounterSchema.INSTANCE)) {
      hidden = store.create("0001", c -> c.withStatus("RUNNING")).id();
      store.create("zz.top", c -> c.withStatus("RUNNING"));
    }
    Path shard = Stores.instanceDirectory(realRoot, hidden).getParent();
    RecordingFileSystem fs = UnlistableDirectory.over(realRoot, shard);
    List<String> listed = new ArrayList<>();
    StoreOptions options =
        StoreOptions.defaults()
            .withDataRoot(fs.wrap(realRoot))
            .withDurability(Durability.NONE)
            .withCorruptionListener(problem -> listed.add(problem.getMessage()));
    try (CounterStore store = new CounterStore(StoreEngine.open(SCHEMA, options))) {
      store.list();
    }
    List<String> fromQuery = new ArrayList<>();
    StoreOptions queryOptions =
        options.withCorruptionListener(problem -> fromQuery.add(problem.getMessage()));
    try (CounterStore store = new CounterStore(StoreEngine.open(SCHEMA, queryOptions))) {
      Query<Counter> running = store.where(STATUS.equalTo("RUNNING"));
      running.list();
      assertEquals(1, listed.size(), listed.toString());
      assertEquals(listed, fromQuery);

      Page<Counter> first = running.list(PageRequest.first(10));
      assertEquals(listed, first.problems().stream().map(Throwable::getMessage).toList());
      assertEquals(List.of("zz.top"), ids(first.items()));
      assertNull(first.next(), "the page holds the one instance the query can read");

      Page<Counter> ofOne = running.list(PageRequest.first(1));
      Page<Counter> second = running.list(Objects.requireNonNull(ofOne.next()));
      assertEquals(List.of(), ofOne.items(), "a page of one is filled by the report");
      assertEquals(listed, ofOne.problems().stream().map(Throwable::getMessage).toList());
      assertEquals(List.of("zz.top"), ids(second.items()), "the next page goes on after it");
      assertEquals(List.of(), second.problems(), "and does not report it again");
    }
  }

  @Test
  void aStaleEntryIsNeverAResultAndTheQueryRemovesIt() throws IOException {
    try (CounterStore store = open()) {
      String pending = store.create().id();
      String running = store.create(c -> c.withStatus("RUNNING")).id();
      Files.createFile(inShards(FieldIndex.entry(values("status", "RUNNING"), pending)));
      Files.createFile(inShards(FieldIndex.entry(values("status", "RUNNING"), "gone")));

      assertEquals(List.of(running), ids(store.where(STATUS.equalTo("RUNNING")).list()));
      assertFalse(Files.exists(FieldIndex.entry(values("status", "RUNNING"), pending)));
      assertFalse(Files.exists(FieldIndex.entry(values("status", "RUNNING"), "gone")));
      assertTrue(Files.exists(FieldIndex.entry(values("status", "PENDING"), pending)));
    }
  }

  @Test
  void aStaleEntryOfALockedInstanceIsSkippedAndLeftForALaterQuery() throws Exception {
    try (CounterStore store = open()) {
      String pending = store.create().id();
      Path stale =
          Files.createFile(inShards(FieldIndex.entry(values("status", "RUNNING"), pending)));
      CountDownLatch locked = new CountDownLatch(1);
      CountDownLatch queried = new CountDownLatch(1);
      Thread holder =
          new Thread(
              () -> {
                try (InstanceLock lock = store.lock(pending)) {
                  locked.countDown();
                  queried.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      holder.start();
      locked.await();
      try {
        assertEquals(List.of(), store.where(STATUS.equalTo("RUNNING")).list());
        assertTrue(Files.exists(stale), "a locked instance's writer may be adding this entry");
      } finally {
        queried.countDown();
        holder.join();
      }
      assertEquals(0, store.where(STATUS.equalTo("RUNNING")).count());
      assertFalse(Files.exists(stale));
    }
  }

  @Test
  void aQueryReadsOnlyTheMatchingDocuments() throws IOException {
    try (CounterStore store = open()) {
      Set<String> running = new HashSet<>();
      for (int i = 0; i < 20; i++) {
        Counter counter = store.create();
        if (i % 5 == 0) {
          running.add(store.update(counter.id(), c -> c.withStatus("RUNNING")).id());
        }
      }
      for (Counter counter : store.list()) {
        if (!running.contains(counter.id())) {
          Files.writeString(
              Stores.instanceDirectory(root, counter.id()).resolve("instance.json"),
              "not json: reading this document is an error");
        }
      }

      Page<Counter> page = store.where(STATUS.equalTo("RUNNING")).list(PageRequest.first(100));

      assertEquals(List.of(), page.problems(), "no other document was read");
      assertEquals(running, new HashSet<>(ids(page.items())));
      assertEquals(4, store.where(STATUS.equalTo("RUNNING")).count());
    }
  }

  @Test
  void aPageOfLargeDocumentsStopsWhereAListingPageDoes() {
    try (CounterStore store = open()) {
      store.create();
      String large = "x".repeat(3 * 1024 * 1024);
      for (int i = 0; i < 4; i++) {
        store.create(c -> c.withStatus("RUNNING").withParams(Map.of("blob", large)));
      }
      Query<Counter> running = store.where(STATUS.equalTo("RUNNING"));

      Page<Counter> listed = store.list(PageRequest.first(10));
      Page<Counter> found = running.list(PageRequest.first(10));

      assertEquals(3, listed.items().size(), "a listing page stops once it holds 8 MiB");
      assertEquals(ids(listed.items()), ids(found.items()));
      assertEquals(listed.next(), found.next());
      assertEquals(ids(store.list()).subList(0, 4), ids(Pages.walk(running::list, 10)));
    }
  }

  @Test
  void aDamagedMatchingDocumentIsReportedOnItsPage() throws IOException {
    try (CounterStore store = open()) {
      String damaged = store.create(c -> c.withStatus("RUNNING")).id();
      String healthy = store.create(c -> c.withStatus("RUNNING")).id();
      Files.writeString(
          Stores.instanceDirectory(root, damaged).resolve("instance.json"), "{\"id\":");

      Page<Counter> page = store.where(STATUS.equalTo("RUNNING")).list(PageRequest.first(10));

      assertEquals(List.of(healthy), ids(page.items()));
      assertEquals(1, page.problems().size());
      assertTrue(page.problems().get(0).getMessage().contains(damaged));
    }
  }

  @Test
  void aValueDirectoryReplacedByALinkIsNeverFollowedAndTheIndexIsRebuilt() throws IOException {
    Path victim = Files.writeString(outside.resolve("victim"), "keep me");
    try (CounterStore store = open()) {
      String running = store.create(c -> c.withStatus("RUNNING")).id();
      Path directory = values("status", "RUNNING");
      deleteTree(directory);
      Files.createSymbolicLink(directory, outside);

      assertEquals(List.of(running), ids(store.where(STATUS.equalTo("RUNNING")).list()));

      assertTrue(Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS));
      assertEquals(List.of(victim), list(outside));
      assertEquals("keep me", Files.readString(victim));
    }
  }

  @Test
  void aWriterMeetingAPlantedLinkRemovesItAndWritesNothingOutside() throws IOException {
    try (CounterStore store = open()) {
      String id = store.create().id();
      Path directory = values("status", "DONE");
      Files.createDirectories(directory.getParent());
      Files.createSymbolicLink(directory, outside);

      store.update(id, c -> c.withStatus("DONE"));

      assertEquals(List.of(), list(outside));
      assertTrue(Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS));
      assertEquals(List.of(id), ids(store.where(STATUS.equalTo("DONE")).list()));
    }
  }

  @Test
  void aWriterMeetingALinkPlantedInALeafShardsPlaceRemovesItAndWritesNothingOutside()
      throws IOException {
    try (CounterStore store = open()) {
      String id = store.create().id();
      Path leaf = values("status", "DONE").resolve(Shards.relativePath(id)).getParent();
      Files.createDirectories(leaf.getParent());
      Files.createSymbolicLink(leaf, outside);

      store.update(id, c -> c.withStatus("DONE"));

      assertEquals(List.of(), list(outside));
      assertTrue(Files.isDirectory(leaf, LinkOption.NOFOLLOW_LINKS));
      assertEquals(List.of(id), ids(store.where(STATUS.equalTo("DONE")).list()));
    }
  }

  /**
   * The index check of {@code burrow fsck} names a file planted in a top-level shard's place as
   * damage and the entry behind it as missing; looking for that entry through the file failed the
   * whole check ("Not a directory").
   */
  @Test
  void theIndexCheckNamesAFilePlantedInAShardsPlaceAndTheEntryItHides() throws IOException {
    String id;
    try (CounterStore store = open()) {
      id = store.create(c -> c.withStatus("RUNNING")).id();
    }
    Path entry = FieldIndex.entry(values("status", "RUNNING"), id);
    Path top = entry.getParent().getParent();
    deleteTree(top);
    Files.write(top, "junk".getBytes(StandardCharsets.UTF_8));
    byte[] json = "{\"status\":\"RUNNING\",\"count\":0}".getBytes(StandardCharsets.UTF_8);

    Path dataRoot = root.toAbsolutePath().normalize();
    IndexCheck check = IndexCheck.of(dataRoot, dataRoot.resolve(".burrow/indexes"), true);
    check.document(id, json);
    check.entries(found -> java.util.Optional.of(json));

    List<IndexCheck.Finding> findings = check.findings();
    assertTrue(
        findings.stream().anyMatch(f -> f.damage() && f.location().endsWith(entry.getFileName())),
        "the entry behind the file is missing: " + findings);
    assertTrue(
        findings.stream().anyMatch(f -> f.damage() && f.location().equals(top)),
        "the file is named: " + findings);
  }

  /**
   * A store whose schema indexes nothing, open beside one that indexes {@code status} and {@code
   * count}, marks both indexes incomplete as it writes: the check of {@code burrow fsck} then sees
   * incomplete indexes, not missing entries, and the indexing store's next query rebuilds the index
   * and finds the document; the other store's next write marks it again.
   */
  @Test
  void aStoreOfASchemaThatIndexesNothingMarksTheIndexesItWritesPast() throws IOException {
    try (CounterStore plain = Stores.counters(root, Durability.NONE, CounterSchema.INSTANCE);
        CounterStore indexing = open()) {
      String id = plain.create(c -> c.withStatus("RUNNING")).id();
      Path status = root.resolve(".burrow/indexes").resolve(IndexNames.of("status"));
      assertTrue(Files.exists(status.resolve(FieldIndex.UNMAINTAINED)));

      Path dataRoot = root.toAbsolutePath().normalize();
      IndexCheck check = IndexCheck.of(dataRoot, dataRoot.resolve(".burrow/indexes"), true);
      check.document(id, "{\"status\":\"RUNNING\",\"count\":0}".getBytes(StandardCharsets.UTF_8));
      check.entries(found -> java.util.Optional.empty());
      assertEquals(Set.of("status", "count"), Set.copyOf(check.incomplete()));
      assertEquals(List.of(), check.findings(), "no entry named missing, the mark no damage");

      assertEquals(List.of(id), ids(indexing.where(STATUS.equalTo("RUNNING")).list()));
      assertFalse(Files.exists(status.resolve(FieldIndex.UNMAINTAINED)), "the rebuild took it");

      plain.update(id, c -> c.withStatus("DONE"));
      assertTrue(Files.exists(status.resolve(FieldIndex.UNMAINTAINED)), "marked again");
      assertEquals(List.of(id), ids(indexing.where(STATUS.equalTo("DONE")).list()));
    }
  }

  /**
   * Queries of the indexing store, each rebuilding the index the other store marked, race that
   * store's writes: once the writes stop, the finders return exactly the instances whose documents
   * hold each value (a rebuild that read a document before a write is undone by the write's mark).
   */
  @Test
  void findersMissNothingWhileAStoreOfASchemaThatIndexesNothingWrites() throws Exception {
    try (CounterStore plain = Stores.counters(root, Durability.NONE, CounterSchema.INSTANCE);
        CounterStore indexing = open()) {
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        ids.add(plain.create(c -> c.withStatus("A")).id());
      }
      AtomicBoolean stop = new AtomicBoolean();
      CountDownLatch writing = new CountDownLatch(1);
      java.util.Random random = new java.util.Random(42);
      Thread writer =
          new Thread(
              () -> {
                for (int writes = 0; !stop.get() || writes < 200; writes++) {
                  String status = random.nextBoolean() ? "A" : "B";
                  plain.update(ids.get(random.nextInt(ids.size())), c -> c.withStatus(status));
                  writing.countDown();
                }
              });
      writer.start();
      writing.await();
      for (int queries = 0; queries < 100; queries++) {
        indexing.where(STATUS.equalTo(queries % 2 == 0 ? "A" : "B")).list();
      }
      stop.set(true);
      writer.join();

      for (String status : List.of("A", "B")) {
        Set<String> holding = new HashSet<>();
        plain.list().stream()
            .filter(c -> c.status().equals(status))
            .forEach(c -> holding.add(c.id()));
        assertEquals(
            holding, Set.copyOf(ids(indexing.where(STATUS.equalTo(status)).list())), status);
      }
    }
  }

  /**
   * A store whose schema indexes nothing has marked the index and not yet written its document when
   * the indexing store starts to rebuild the index. The rebuild waits for the document, so the
   * index it marks complete holds the document's entry: a writer that dies right after its write
   * leaves nothing missing. Without the wait, the rebuild read the document as it was before, and
   * only a mark after the write (lost when the writer died there) kept the index from being
   * trusted.
   */
  @Test
  void aRebuildWaitsForAWriterThatMarkedTheIndexToWriteItsDocument() throws Exception {
    try (CounterStore plain = Stores.counters(root, Durability.NONE, CounterSchema.INSTANCE);
        CounterStore indexing = open()) {
      String id = plain.create(c -> c.withStatus("A")).id();
      CountDownLatch encoding = new CountDownLatch(1);
      CountDownLatch resume = new CountDownLatch(1);
      Map<String, String> pausing = new PausingParams(encoding, resume);
      CompletableFuture<Counter> writer =
          CompletableFuture.supplyAsync(
              () -> plain.update(id, c -> c.withStatus("B").withParams(pausing)));
      encoding.await();
      SharedLock writers = InstanceLocks.forRoot(root).shared(FileIndexes.WRITERS);
      assertNull(writers.exclusive(Duration.ZERO), "the writer holds the writers' lock");

      CompletableFuture<List<Counter>> query =
          CompletableFuture.supplyAsync(() -> indexing.where(STATUS.equalTo("B")).list());
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
      while (writers.waiting() == 0 && !query.isDone()) {
        assertTrue(System.nanoTime() < deadline, "the query neither waited nor ended");
        Thread.onSpinWait();
      }
      resume.countDown();
      writer.get(1, TimeUnit.MINUTES);

      assertEquals(List.of(id), ids(query.get(1, TimeUnit.MINUTES)));
      Path status = root.resolve(".burrow/indexes").resolve(IndexNames.of("status"));
      assertFalse(Files.exists(status.resolve(FieldIndex.UNMAINTAINED)), "complete");
      assertTrue(Files.exists(FieldIndex.entry(values("status", "B"), id)), "with the entry");
    }
  }

  /**
   * A rebuild that waited the whole lock timeout for the rebuild lock (held by another process's
   * rebuild of a large root, say) answers its query from the entries it makes but marks nothing:
   * the index stays incomplete, marked by the store that does not declare it, until a rebuild under
   * the lock. It cleared the mark and marked the index complete, so a document that the other
   * rebuild read before a writer changed it could be left without its entry.
   */
  @Test
  void aRebuildWithoutTheRebuildLockAnswersItsQueryAndMarksNothing() throws Throwable {
    try (CounterStore plain = Stores.counters(root, Durability.NONE, CounterSchema.INSTANCE);
        CounterStore indexing = indexingWithShortTimeout()) {
      String id = plain.create(c -> c.withStatus("A")).id();
      Path mark =
          root.resolve(".burrow/indexes")
              .resolve(IndexNames.of("status"))
              .resolve(FieldIndex.UNMAINTAINED);
      whileAnotherThreadHoldsTheRebuildLock(
          () -> {
            assertEquals(List.of(id), ids(indexing.where(STATUS.equalTo("A")).list()));
            assertTrue(Files.exists(mark), "left for a rebuild under the lock");
          });
      assertEquals(List.of(id), ids(indexing.where(STATUS.equalTo("A")).list()));
      assertFalse(Files.exists(mark), "rebuilt under the lock");
    }
  }

  /**
   * A store whose schema no longer indexes a component removes that index at open, but only under
   * the rebuild lock: the process holding it may be rebuilding that very index for a schema that
   * declares it (a newer release beside an older one), and would mark it complete after the removal
   * took the entries it had made. It removed the index without the lock.
   */
  @Test
  void anIndexIsNotRemovedByAStoreThatCannotTakeTheRebuildLock() throws Throwable {
    String id;
    try (CounterStore indexing = indexingWithShortTimeout()) {
      id = indexing.create(c -> c.withStatus("A")).id();
    }
    Path status = root.resolve(".burrow/indexes").resolve(IndexNames.of("status"));
    whileAnotherThreadHoldsTheRebuildLock(
        () -> {
          new CounterStore(
                  StoreEngine.open(
                      CounterSchema.INSTANCE,
                      StoreOptions.defaults()
                          .withDataRoot(root)
                          .withDurability(Durability.NONE)
                          .withLockTimeout(Duration.ofMillis(100))))
              .close();

          assertTrue(
              FieldIndex.holds(root, status.resolve(IndexNames.of("A")), id), "left in place");
        });
    try (CounterStore plain = Stores.counters(root, Durability.NONE, CounterSchema.INSTANCE)) {
      assertFalse(Files.exists(status), "removed by a store holding the rebuild lock");
    }
  }

  /**
   * Runs {@code body} while another thread holds the root's rebuild lock, as another process's
   * rebuild would (a lock of this thread's own would be granted to it again).
   */
  private void whileAnotherThreadHoldsTheRebuildLock(Executable body) throws Throwable {
    whileAnotherThreadHoldsTheRebuildLock(root, body);
  }

  /** The same on the data root {@code root}. */
  static void whileAnotherThreadHoldsTheRebuildLock(Path root, Executable body) throws Throwable {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> otherRebuild =
        CompletableFuture.runAsync(
            () -> {
              try (InstanceLock lock =
                  InstanceLocks.forRoot(root)
                      .lock(FileIndexes.REBUILD_LOCK, Duration.ofSeconds(30))) {
                held.countDown();
                release.await();
              } catch (InterruptedException e) {
                throw new AssertionError(e);
              }
            });
    held.await();
    try {
      body.execute();
    } finally {
      release.countDown();
      otherRebuild.get(1, TimeUnit.MINUTES);
    }
  }

  /** The indexing store on the root, non-durable, giving up on a lock after 100 ms. */
  private CounterStore indexingWithShortTimeout() {
    return new CounterStore(
        StoreEngine.open(
            SCHEMA,
            StoreOptions.defaults()
                .withDataRoot(root)
                .withDurability(Durability.NONE)
                .withLockTimeout(Duration.ofMillis(100))));
  }

  /**
   * A writer that cannot take the writers' lock within the lock timeout waits behind a rebuild
   * holding it alone, not behind the instance's lock (which it holds): the exception says so,
   * naming the writers' lock, the rebuild and the instance. It said "could not lock instance",
   * sending users after a holder of the instance's lock that did not exist.
   */
  @Test
  void aWriterTimedOutOnTheWritersLockIsToldARebuildHoldsIt() throws Exception {
    try (CounterStore store = indexingWithShortTimeout()) {
      String id = store.create().id();
      SharedLock writers = InstanceLocks.forRoot(root).shared(FileIndexes.WRITERS);
      SharedLock.Hold rebuilding = writers.exclusive(Duration.ofSeconds(30));
      assertNotNull(rebuilding, "the writers' lock is free");
      LockTimeoutException timedOut;
      try (rebuilding) {
        CompletableFuture<Counter> update =
            CompletableFuture.supplyAsync(() -> store.update(id, c -> c.withStatus("B")));
        ExecutionException failed =
            assertThrows(ExecutionException.class, () -> update.get(1, TimeUnit.MINUTES));
        timedOut = assertInstanceOf(LockTimeoutException.class, failed.getCause());
      }

      assertEquals(id, timedOut.instanceId());
      String message = String.valueOf(timedOut.getMessage());
      assertTrue(message.contains("index writers' lock (" + FileIndexes.WRITERS + ")"), message);
      assertTrue(message.contains("an index rebuild holds it"), message);
      assertTrue(message.contains("'" + id + "'"), message);
      assertEquals("B", store.update(id, c -> c.withStatus("B")).status(), "free again");
    }
  }

  /** Parameters whose first iteration, the document's encoding, waits for {@code resume}. */
  private static final class PausingParams extends LinkedHashMap<String, String> {
    private static final long serialVersionUID = 1L;
    private final transient CountDownLatch encoding;
    private final transient CountDownLatch resume;

    PausingParams(CountDownLatch encoding, CountDownLatch resume) {
      this.encoding = encoding;
      this.resume = resume;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
      if (encoding.getCount() > 0) {
        encoding.countDown();
        try {
          resume.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
      return super.entrySet();
    }
  }

  /**
   * The indexed IDs that tools without the user's classes read ({@code burrow ls --where}) come
   * from the index as it is: a file planted in a shard's place is passed over, not removed, and the
   * index is not marked incomplete by a reader that writes nothing.
   */
  @Test
  void theIndexedIdsForToolsLeaveAFilePlantedInAShardsPlaceAsItIs() throws IOException {
    List<String> running = new ArrayList<>();
    try (CounterStore store = open()) {
      running.add(store.create(c -> c.withStatus("RUNNING")).id());
      running.add(0, store.create(c -> c.withStatus("RUNNING")).id());
    }
    Path planted = values("status", "RUNNING").resolve("zzzzzz@t");
    Files.write(planted, "junk".getBytes(StandardCharsets.UTF_8));
    Path index = root.resolve(".burrow/indexes").resolve(IndexNames.of("status"));
    String marker = FieldIndex.readyMarker(index);

    try (FileSystemBackend<Counter> files =
        FileSystemBackend.open(SCHEMA, root, Durability.NONE, Duration.ofSeconds(5))) {
      java.util.Iterator<String> found =
          files.completeIndexEntries(Map.of("status", List.of(IndexNames.of("RUNNING"))), null);
      List<String> ids = new ArrayList<>();
      assertTrue(found != null, "the index is complete");
      found.forEachRemaining(ids::add);
      assertEquals(running, ids);
    }
    assertTrue(Files.isRegularFile(planted, LinkOption.NOFOLLOW_LINKS), "left as it is");
    assertEquals(marker, FieldIndex.readyMarker(index), "still complete");
  }

  @Test
  void aValueDirectoryReplacedByAFileIsRebuilt() throws IOException {
    try (CounterStore store = open()) {
      String running = store.create(c -> c.withStatus("RUNNING")).id();
      Path directory = values("status", "RUNNING");
      deleteTree(directory);
      Files.write(directory, "junk".getBytes(StandardCharsets.UTF_8));

      assertEquals(List.of(running), ids(store.where(STATUS.equalTo("RUNNING")).list()));
      assertTrue(Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS));
    }
  }

  @Test
  void aComponentDirectoryReplacedByALinkIsRemovedAndRebuiltAtOpen() throws IOException {
    Path victim = Files.writeString(outside.resolve("victim"), "keep me");
    String running;
    try (CounterStore store = open()) {
      running = store.create(c -> c.withStatus("RUNNING")).id();
    }
    Path component = root.resolve(".burrow/indexes").resolve(IndexNames.of("status"));
    deleteTree(component);
    Files.createSymbolicLink(component, outside);

    try (CounterStore store = open()) {
      assertEquals(List.of(running), ids(store.where(STATUS.equalTo("RUNNING")).list()));
    }
    assertTrue(Files.isDirectory(component, LinkOption.NOFOLLOW_LINKS));
    assertEquals(List.of(victim), list(outside));
  }

  /**
   * Directories with entries planted where ready markers go, of this default and of another: the
   * store still opens, its finders still answer, and it never deletes what was planted (that is for
   * {@code fsck --repair} to move into the quarantine).
   */
  @Test
  void directoriesPlantedAsReadyMarkersNeitherStopTheOpenNorLoseWhatIsInThem() throws IOException {
    String running;
    try (CounterStore store = open()) {
      running = store.create(c -> c.withStatus("RUNNING")).id();
    }
    Path component = root.resolve(".burrow/indexes").resolve(IndexNames.of("status"));
    Path marker;
    try (var markers = Files.list(component)) {
      marker =
          markers.filter(m -> m.getFileName().toString().startsWith(".ready")).findFirst().get();
    }
    Files.delete(marker);
    List<Path> planted =
        List.of(
            marker, component.resolve(".ready2=.o.t.h.e.r"), component.resolve(".unmaintained"));
    for (Path directory : planted) {
      Files.createDirectory(directory);
      Files.writeString(directory.resolve("kept"), "kept");
    }

    try (CounterStore store = open()) {
      assertEquals(List.of(running), ids(store.where(STATUS.equalTo("RUNNING")).list()));
    }
    for (Path directory : planted) {
      assertEquals("kept", Files.readString(directory.resolve("kept")));
    }
  }

  /**
   * The indexes directory swapped for a link after open: the write is refused, the message says
   * which path and why in words, and no internal class name leads the cause.
   */
  @Test
  void anIndexesDirectorySwappedForALinkRefusesTheWriteInPlainWords() throws IOException {
    try (CounterStore store = open()) {
      String id = store.create().id();
      Path indexes = root.resolve(".burrow/indexes");
      Path moved = Files.move(indexes, root.resolve(".burrow/indexes-moved"));
      Files.createSymbolicLink(indexes, moved);

      StorageException refused =
          assertThrows(StorageException.class, () -> store.update(id, c -> c.withStatus("DONE")));

      String message = String.valueOf(refused.getMessage());
      assertTrue(
          message.contains("; the instance is unchanged: " + indexes + ": it is a symbolic link"),
          message);
      assertFalse(message.contains("Exception"), message);
      assertFalse(message.contains("dev.burrow.runtime.internal"), message);
      assertEquals("PENDING", store.get(id).status());
      assertEquals(
          List.of(),
          list(moved.resolve(IndexNames.of("status"))).stream()
              .filter(p -> p.getFileName().toString().equals(IndexNames.of("DONE")))
              .toList());
    }
  }

  @Test
  void anEntryThatIsALinkIsOnlyAName() throws IOException {
    Path victim = Files.writeString(outside.resolve("victim"), "keep me");
    try (CounterStore store = open()) {
      String id = store.create().id();
      Files.createSymbolicLink(
          inShards(FieldIndex.entry(values("status", "PENDING"), "planted")), victim);

      assertEquals(List.of(id), ids(store.where(STATUS.equalTo("PENDING")).list()));

      assertFalse(
          Files.exists(
              FieldIndex.entry(values("status", "PENDING"), "planted"), LinkOption.NOFOLLOW_LINKS));
      assertEquals("keep me", Files.readString(victim));
    }
  }

  private static List<Path> list(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.toList();
    }
  }

  private static void deleteTree(Path directory) throws IOException {
    try (Stream<Path> all = Files.walk(directory)) {
      for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
