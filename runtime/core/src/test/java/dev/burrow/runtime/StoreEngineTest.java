package dev.burrow.runtime;

import static java.util.stream.Collectors.toSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Backend;
import dev.burrow.CorruptInstanceException;
import dev.burrow.CorruptJsonFileException;
import dev.burrow.Durability;
import dev.burrow.InstanceAlreadyExistsException;
import dev.burrow.InstanceDirectory;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.MisuseException;
import dev.burrow.NewerFormatException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.VersionConflictException;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.fs.OwnerOnly;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.runtime.testing.Stores;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.StorageBackend;
import dev.burrow.spi.StorageBackendFactory;
import dev.burrow.test.internal.Prerequisites;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

class StoreEngineTest {
  @TempDir Path root;

  private CounterStore store() {
    return Stores.counters(root, Durability.NONE);
  }

  private CounterStore storeAt(@Nullable Instant... times) {
    StoreOptions options =
        StoreOptions.defaults()
            .withDataRoot(root)
            .withDurability(Durability.NONE)
            .withIdGenerator(() -> "generated")
            .withClock(new SteppingClock(times));
    return new CounterStore(StoreEngine.open(CounterSchema.INSTANCE, options));
  }

  @Test
  void createStoresVersionOneWithFreshDefaultsAndDirectories() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    try (CounterStore store = storeAt(t0)) {
      Counter created = store.create("run-1");

      assertEquals(new Counter("run-1", 1, t0, t0, "PENDING", 0, Map.of()), created);
      assertEquals(created, store.get("run-1"));
      InstanceDirectory dirs = store.dirs("run-1");
      assertEquals(Stores.instanceDirectory(root, "run-1"), dirs.root());
      assertTrue(Files.isDirectory(dirs.subdirectory("workspace")));
      assertTrue(Files.isDirectory(dirs.subdirectory("logs")));
      assertTrue(Files.isRegularFile(dirs.root().resolve("instance.json")));
      assertThrows(IllegalArgumentException.class, () -> dirs.subdirectory("output"));
    }
  }

  @Test
  void aDataRootReachedThroughASymbolicLinkOpensAndCreatesWithGeneratedIds() throws IOException {
    Path real = Files.createDirectory(root.resolve("real"));
    Path link = Files.createSymbolicLink(root.resolve("link"), real);
    String id;
    StoreOptions throughTheLink =
        StoreOptions.defaults().withDataRoot(link).withDurability(Durability.NONE);
    try (CounterStore store =
        new CounterStore(StoreEngine.open(CounterSchema.INSTANCE, throughTheLink))) {
      id = store.create().id(); // a Snowflake ID: leases a worker number under the root
      assertEquals(id, store.get(id).id());
    }
    try (CounterStore store = Stores.counters(real, Durability.NONE)) {
      assertEquals(List.of(id), store.list().stream().map(Counter::id).toList());
    }
  }

  @Test
  void createOfAnExistingIdFailsAndLeavesTheStoredDocumentUntouched() throws IOException {
    try (CounterStore store = store()) {
      store.create("taken");
      store.update("taken", Counter::incremented);
      byte[] before =
          Files.readAllBytes(Stores.instanceDirectory(root, "taken").resolve("instance.json"));

      InstanceAlreadyExistsException e =
          assertThrows(InstanceAlreadyExistsException.class, () -> store.create("taken"));

      assertEquals("taken", e.instanceId());
      assertTrue(e.getMessage().contains("'taken'"));
      assertEquals(
          new String(before),
          Files.readString(Stores.instanceDirectory(root, "taken").resolve("instance.json")));
      assertEquals(1, store.get("taken").count());
    }
  }

  @Test
  void createWithoutIdUsesTheGenerator() {
    try (CounterStore store = storeAt(Instant.EPOCH)) {
      assertEquals("generated", store.create().id());
    }
  }

  @Test
  void createWithoutAConfiguredGeneratorUsesLeasedSnowflakeIdsThatAreTimeOrdered() {
    StoreOptions options =
        StoreOptions.defaults().withDataRoot(root).withDurability(Durability.NONE);
    try (CounterStore store = new CounterStore(StoreEngine.open(CounterSchema.INSTANCE, options))) {
      long first = Long.parseLong(store.create().id());
      long second = Long.parseLong(store.create().id());
      assertTrue(second > first, first + " then " + second);
      assertTrue(Files.isDirectory(root.resolve(".burrow/workers")));
    }
  }

  @Test
  void updateIncrementsVersionKeepsCreatedAtAndSetsUpdatedAt() {
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    Instant t1 = t0.plusSeconds(5);
    try (CounterStore store = storeAt(t0, t1)) {
      store.create("u");
      Counter updated = store.update("u", c -> c.incremented().withStatus("RUNNING"));

      assertEquals(2, updated.version());
      assertEquals(t0, updated.createdAt());
      assertEquals(t1, updated.updatedAt());
      assertEquals("RUNNING", updated.status());
      assertEquals(updated, store.get("u"));
    }
  }

  @Test
  void updateOfAMissingInstanceThrowsNotFound() {
    try (CounterStore store = store()) {
      InstanceNotFoundException e =
          assertThrows(
              InstanceNotFoundException.class, () -> store.update("ghost", Counter::incremented));
      assertEquals("ghost", e.instanceId());
      assertFalse(Files.exists(Stores.instanceDirectory(root, "ghost")));
    }
  }

  @Test
  void updateMayNotChangeTheId() {
    try (CounterStore store = store()) {
      Counter original = store.create("keep");
      assertThrows(
          MisuseException.class,
          () ->
              store.update(
                  "keep",
                  c ->
                      new Counter(
                          "other", c.version(), c.createdAt(), c.updatedAt(), "X", 9, Map.of())));
      assertEquals(original, store.get("keep"));
    }
  }

  @Test
  void aChangeReturningNullIsAMisuseThatWritesNothing() {
    try (CounterStore store = store()) {
      Counter original = store.create("kept");
      MisuseException refused =
          assertThrows(MisuseException.class, () -> store.update("kept", c -> null));
      assertEquals(
          "the change for instance 'kept' returned null; return the changed value",
          refused.getMessage());
      assertEquals(original, store.get("kept"));
    }
  }

  @Test
  void compareAndSetSucceedsOnTheCurrentVersionAndFailsOnAStaleOne() {
    try (CounterStore store = store()) {
      Counter v1 = store.create("cas");
      Counter v2 = store.compareAndSet(v1.incremented());
      assertEquals(2, v2.version());
      assertEquals(1, v2.count());

      VersionConflictException e =
          assertThrows(
              VersionConflictException.class, () -> store.compareAndSet(v1.withStatus("LOST")));

      assertEquals(1, e.expectedVersion());
      assertEquals(2, e.actualVersion());
      assertEquals("cas", e.instanceId());
      assertEquals(v2, store.get("cas"));
    }
  }

  @Test
  void concurrentUpdatesFromManyThreadsAreNeverLost() throws Exception {
    try (CounterStore store = store()) {
      store.create("shared");
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < 250; i++) {
                    store.update("shared", Counter::incremented);
                  }
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
      pool.shutdown();
      Counter result = store.get("shared");
      assertEquals(2000, result.count());
      assertEquals(2001, result.version());
    }
  }

  @Test
  void aThreadHoldingOneInstanceLockNeverBlocksWritesToAnother() throws Exception {
    try (CounterStore store = store()) {
      store.create("a");
      store.create("b");
      CountDownLatch aLocked = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      Future<?> holder =
          pool.submit(
              () -> {
                try (InstanceLock lock = store.lock("a")) {
                  aLocked.countDown();
                  release.await();
                }
                return null;
              });
      aLocked.await();
      Future<Counter> writer = pool.submit(() -> store.update("b", Counter::incremented));

      assertEquals(1, writer.get(30, TimeUnit.SECONDS).count());
      assertEquals(1, store.get("a").version());
      release.countDown();
      holder.get();
      pool.shutdown();
    }
  }

  @Test
  void listIsInIdOrderNewestFirstForTimeOrderedIds() {
    try (CounterStore store = store()) {
      store.create("1000");
      store.create("1002");
      store.create("1001");
      store.create("b-named");
      assertEquals(
          List.of("1002", "1001", "1000", "b-named"),
          store.list().stream().map(Counter::id).toList());
    }
  }

  @Test
  void pagesWalkTheListingOnceEvenWithADamagedDocumentAmongThem() throws IOException {
    try (CounterStore store = store()) {
      for (int i = 10; i < 17; i++) {
        store.create(Integer.toString(i));
      }
      Files.writeString(Stores.instanceDirectory(root, "13").resolve("instance.json"), "{");
      List<String> seen = new ArrayList<>();
      List<String> reported = new ArrayList<>();
      PageRequest request = PageRequest.first(2);
      while (request != null) {
        Page<Counter> page = store.list(request);
        page.items().forEach(c -> seen.add(c.id()));
        page.problems().forEach(p -> reported.add(p.location()));
        request = page.next();
      }
      assertEquals(List.of("16", "15", "14", "12", "11", "10"), seen);
      assertEquals(
          List.of(Stores.instanceDirectory(root, "13").resolve("instance.json").toString()),
          reported);
    }
  }

  /**
   * A shard replaced by a link is reported as the link it is, at the top and at the leaf level (it
   * was called a name that is no shard, though its name was right).
   */
  @Test
  void aShardReplacedByALinkIsReportedAsALink(@TempDir Path outside) throws IOException {
    try (CounterStore store = store()) {
      store.create("healthy");
      store.create("leaf-victim");
      store.create("top-victim");
      Path leaf = Stores.instanceDirectory(root, "leaf-victim").getParent();
      Path top = Stores.instanceDirectory(root, "top-victim").getParent().getParent();
      assertNotEquals(top, leaf.getParent(), "the victims must not share a top shard");
      Files.move(leaf, outside.resolve("leaf"));
      Files.createSymbolicLink(leaf, outside.resolve("leaf"));
      Files.move(top, outside.resolve("top"));
      Files.createSymbolicLink(top, outside.resolve("top"));

      Page<Counter> page = store.list(PageRequest.first(10));

      assertEquals(List.of("healthy"), page.items().stream().map(Counter::id).toList());
      assertEquals(
          Set.of(leaf.toString(), top.toString()),
          page.problems().stream().map(CorruptInstanceException::location).collect(toSet()));
      for (CorruptInstanceException problem : page.problems()) {
        assertTrue(
            problem.getMessage().contains("it is a symbolic link but must be a directory"),
            problem.getMessage());
      }
    }
  }

  @Test
  void corruptDocumentIsReportedByGetAndSkippedByList() throws IOException {
    List<CorruptInstanceException> reported = new ArrayList<>();
    StoreOptions options =
        StoreOptions.defaults()
            .withDataRoot(root)
            .withDurability(Durability.NONE)
            .withCorruptionListener(reported::add);
    try (CounterStore store = new CounterStore(StoreEngine.open(CounterSchema.INSTANCE, options))) {
      store.create("healthy");
      store.create("damaged");
      Path document = Stores.instanceDirectory(root, "damaged").resolve("instance.json");
      Files.writeString(document, "{\"id\": \"damaged\", \"version\": ");

      CorruptInstanceException e =
          assertThrows(CorruptInstanceException.class, () -> store.get("damaged"));
      assertEquals(document.toString(), e.location());
      assertTrue(e.getMessage().contains(document.toString()), e.getMessage());

      assertEquals(List.of("healthy"), store.list().stream().map(Counter::id).toList());
      assertEquals(1, reported.size());
      assertEquals(document.toString(), reported.get(0).location());
    }
  }

  @Test
  void deleteRemovesTheWholeInstanceAtOnce() {
    try (CounterStore store = store()) {
      store.create("doomed");
      Path dir = store.dirs("doomed").root();

      assertTrue(store.delete("doomed"));

      assertFalse(Files.exists(dir));
      assertTrue(store.find("doomed").isEmpty());
      assertThrows(InstanceNotFoundException.class, () -> store.dirs("doomed"));
      assertFalse(store.delete("doomed"));
      assertEquals(List.of(), store.list());
      store.create("doomed");
      assertEquals(1, store.get("doomed").version());
    }
  }

  @Test
  void bookkeepingIsNeverListedAsAnInstance() {
    try (CounterStore store = store()) {
      store.create("only");
      store.delete("only");
      store.create("one");
      assertTrue(Files.isDirectory(root.resolve(".burrow/locks")));
      assertEquals(List.of("one"), store.list().stream().map(Counter::id).toList());
    }
  }

  @Test
  void everyFileAndDirectoryBurrowCreatesIsOwnerOnly() throws IOException {
    Prerequisites.require(
        OwnerOnly.isPosix(), "no POSIX permissions: owner-only modes were not checked", "POSIX");
    Path fresh = root.resolve("fresh/nested/root");
    try (CounterStore store = Stores.counters(fresh, Durability.FSYNC)) {
      store.create("private");
      store.update("private", Counter::incremented);
      Counter current = store.get("private");
      store.compareAndSet(current.incremented());
      store.events("private", String.class).append("started");
      store.create("doomed");
      store.lock("doomed").close();
      store.delete("doomed");
      store.list();
    }
    int checked = 0;
    try (Stream<Path> all = Files.walk(root.resolve("fresh"))) {
      for (Path p : all.toList()) {
        String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
        assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", perms, p.toString());
        checked++;
      }
    }
    assertTrue(
        checked >= 16,
        "the root, its layout, the lock file, the kind marker, an instance"
            + " with its subdirectories and event log: "
            + checked);
  }

  @Test
  void aBackendWithoutTheSpiIsRefusedWithWhatToImplementAndNothingOnDisk() throws IOException {
    Backend handleOnly = new Backend() {};
    StoreOptions options = StoreOptions.defaults().withDataRoot(root.resolve("data"));

    MisuseException refused =
        assertThrows(
            MisuseException.class,
            () -> StoreEngine.open(CounterSchema.INSTANCE, handleOnly, options));

    assertTrue(
        refused.getMessage().contains("must implement dev.burrow.spi.StorageBackendFactory"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("kind 'counters'"), refused.getMessage());
    try (Stream<Path> left = Files.list(root)) {
      assertEquals(List.of(), left.toList());
    }
  }

  /**
   * A store whose open fails after its backend opened (here: {@code .burrow/tmp} is a file, which
   * the sweep refuses) closes that backend, so that the backend's threads, such as PostgreSQL's
   * lease renewer, do not outlive the failed open.
   */
  @Test
  void anOpenThatFailsAfterItsBackendOpenedClosesTheBackend() throws IOException {
    Files.createDirectories(root.resolve(".burrow"));
    Files.writeString(root.resolve(".burrow/tmp"), "in the way");
    AtomicInteger closed = new AtomicInteger();
    StorageBackendFactory backend = backendCountingCloses(closed, null);

    assertThrows(
        StorageException.class,
        () ->
            StoreEngine.open(
                CounterSchema.INSTANCE, backend, StoreOptions.defaults().withDataRoot(root)));
    assertEquals(1, closed.get(), "the backend was closed");
  }

  /**
   * A store whose open fails because its backend's ID generator cannot start (no worker number
   * free, a lease folder that cannot be written) closes that backend, so that its index journal and
   * threads are released.
   */
  @Test
  void anOpenWhoseIdGeneratorCannotStartClosesTheBackend() {
    AtomicInteger closed = new AtomicInteger();
    StorageException noLease = new StorageException("no lease folder", null);
    StorageBackendFactory backend = backendCountingCloses(closed, noLease);

    StorageException thrown =
        assertThrows(
            StorageException.class,
            () ->
                StoreEngine.open(
                    CounterSchema.INSTANCE, backend, StoreOptions.defaults().withDataRoot(root)));
    assertEquals(noLease, thrown);
    assertEquals(1, closed.get(), "the backend was closed");
  }

  /**
   * A backend that does nothing but count its closes in {@code closed}, and whose {@code
   * idGenerator} throws {@code idFailure} if given.
   */
  private static StorageBackendFactory backendCountingCloses(
      AtomicInteger closed, @Nullable RuntimeException idFailure) {
    return new StorageBackendFactory() {
      @Override
      public <T> StorageBackend<T> open(
          InstanceSchema<T> schema, Path localRoot, StoreOptions options) {
        @SuppressWarnings("unchecked") // a proxy of the interface it is cast to
        StorageBackend<T> recording =
            (StorageBackend<T>)
                Proxy.newProxyInstance(
                    StoreEngineTest.class.getClassLoader(),
                    new Class<?>[] {StorageBackend.class},
                    (proxy, method, arguments) -> {
                      if (idFailure != null && method.getName().equals("idGenerator")) {
                        throw idFailure;
                      }
                      if (method.getName().equals("close")) {
                        closed.incrementAndGet();
                      }
                      return null;
                    });
        return recording;
      }
    };
  }

  @Test
  void aDocumentLargerThanAStoreReadsIsRefusedAndNothingIsWritten() {
    String big = "x".repeat(FileSystemBackend.MAX_DOCUMENT_BYTES);
    try (CounterStore store = store()) {
      MisuseException refused =
          assertThrows(MisuseException.class, () -> store.create("big", c -> c.withStatus(big)));
      assertTrue(
          refused.getMessage().contains("more than the 16777216 a document may hold"),
          refused.getMessage());
      assertFalse(store.find("big").isPresent(), "nothing created");
      store.create("small");
      assertThrows(MisuseException.class, () -> store.update("small", c -> c.withStatus(big)));
      assertEquals(1, store.get("small").version(), "nothing updated");
    }
  }

  /** The kind marker of the root, once a store made it and created one instance. */
  /**
   * The marker of a store with one instance, then made to name the unknown ID kind {@code ULID}.
   */
  private Path kindMarkerNamingAnUnknownIdKind() throws IOException {
    Path marker = kindMarkerOfAStoreWithOneInstance();
    Files.writeString(
        marker,
        Files.readString(marker)
            .replaceFirst("\"idKind\"\\s*:\\s*\"[A-Z_0-9]+\"", "\"idKind\":\"ULID\""));
    return marker;
  }

  private Path kindMarkerOfAStoreWithOneInstance() {
    try (CounterStore store = store()) {
      store.create("x");
    }
    return root.resolve(".burrow/store.json");
  }

  @Test
  void aRootMadeForAnotherKindIsRefused() throws IOException {
    Path marker = kindMarkerOfAStoreWithOneInstance();
    Files.writeString(marker, Files.readString(marker).replace("counters", "sessions"));
    MisuseException e = assertThrows(MisuseException.class, this::store);
    assertTrue(e.getMessage().contains("'sessions'"), e.getMessage());
    assertTrue(e.getMessage().contains("give each kind its own data root"), e.getMessage());
  }

  /**
   * A root in the layout of a newer Burrow is not damaged: it is refused with its own type, which
   * says to upgrade, and left as it was.
   */
  @Test
  void aRootInTheLayoutOfANewerBurrowIsRefusedAndLeftAsItWas() throws IOException {
    Path marker = kindMarkerOfAStoreWithOneInstance();
    Files.writeString(
        marker, Files.readString(marker).replaceFirst("\"layout\"\\s*:\\s*\\d", "\"layout\":4"));
    String newer = Files.readString(marker);
    assertTrue(newer.contains("\"layout\":4"), newer);
    clearTemporaryArea();
    List<String> before = tree();

    NewerFormatException e = assertThrows(NewerFormatException.class, this::store);

    assertTrue(e.getMessage().contains("layout 4"), e.getMessage());
    assertEquals(newer, Files.readString(marker), "the marker is untouched");
    assertEquals(
        before, tree(), "nothing in the root is made or changed, no temporary area either");
  }

  /**
   * A data root that is a file is refused naming it as such: the look at its layout, before
   * anything is made, says nothing of the way to a marker that cannot be there (it said "cannot
   * read …/.burrow/store.json: java.nio.file.FileSystemException: …: Not a directory").
   */
  @Test
  void aDataRootThatIsAFileIsRefusedNamingIt() throws IOException {
    Path file = Files.writeString(root.resolve("data"), "a file\n");

    StorageException e =
        assertThrows(StorageException.class, () -> Stores.counters(file, Durability.NONE));

    assertEquals(file + " exists and is not a directory", e.getMessage());
    assertEquals("a file\n", Files.readString(file));
  }

  /**
   * Removes every session of the temporary area, this JVM's too (it starts a new one when needed).
   */
  private void clearTemporaryArea() throws IOException {
    try (Stream<Path> sessions = Files.list(root.resolve(".burrow/tmp"))) {
      for (Path session : sessions.toList()) {
        try (Stream<Path> tree = Files.walk(session)) {
          for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
    }
  }

  /** Every path under the root with its modification time, in order. */
  private List<String> tree() throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      List<String> listed = new ArrayList<>();
      for (Path path : paths.sorted().toList()) {
        listed.add(
            root.relativize(path)
                + " "
                + Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS));
      }
      return listed;
    }
  }

  /**
   * A root of layout 2 (index entries only in leaf shards) stays in layout 2 for stores that never
   * keep an entry in a top-level shard (this one has no index), and is recorded in layout 3 by the
   * first store with indexes under {@code FSYNC}, so that a Burrow of layout 2, which would remove
   * such entries as strays, refuses it from then on.
   */
  @Test
  void aRootOfLayoutTwoIsRecordedInLayoutThreeByTheFirstStoreThatMayKeepEntriesInTopShards()
      throws IOException {
    Path marker = kindMarkerOfAStoreWithOneInstance();
    assertTrue(Files.readString(marker).contains("\"layout\":2"), Files.readString(marker));

    try (CounterStore indexing =
        Stores.counters(root, Durability.NONE, CounterSchema.indexing(CounterSchema.STATUS))) {
      assertEquals("x", indexing.get("x").id());
    }
    assertTrue(Files.readString(marker).contains("\"layout\":2"), "not without flushes");

    try (CounterStore durable =
        Stores.counters(root, Durability.FSYNC, CounterSchema.indexing(CounterSchema.STATUS))) {
      assertEquals("x", durable.get("x").id());
    }
    assertTrue(Files.readString(marker).contains("\"layout\":3"), Files.readString(marker));
    try (CounterStore store = store()) {
      assertEquals("x", store.get("x").id());
    }
    assertTrue(Files.readString(marker).contains("\"layout\":3"), "kept by other stores");
  }

  /** A damaged marker of layout 2 is reported, as one of layout 3 is, not written over. */
  @Test
  void aDamagedMarkerOfLayoutTwoIsReportedNotRecordedAgain() throws Exception {
    Path marker = kindMarkerNamingAnUnknownIdKind();
    String damaged = Files.readString(marker);
    assertTrue(damaged.contains("\"layout\":2"), damaged);

    assertThrows(
        CorruptJsonFileException.class,
        () ->
            Stores.counters(root, Durability.FSYNC, CounterSchema.indexing(CounterSchema.STATUS)));
    assertEquals(damaged, Files.readString(marker), "the marker is untouched");
  }

  @Test
  void aMarkerNamingAnUnknownIdKindIsDamagedDataNamingTheFile() throws Exception {
    kindMarkerNamingAnUnknownIdKind();
    CorruptJsonFileException e = assertThrows(CorruptJsonFileException.class, this::store);
    assertTrue(e.getMessage().contains("store.json"), e.getMessage());
    assertTrue(e.getMessage().contains("'ULID'"), e.getMessage());
  }

  @Test
  void lockTimeoutNamesTheInstance() throws Exception {
    StoreOptions options =
        StoreOptions.defaults()
            .withDataRoot(root)
            .withDurability(Durability.NONE)
            .withLockTimeout(Duration.ofMillis(50));
    try (CounterStore store = new CounterStore(StoreEngine.open(CounterSchema.INSTANCE, options))) {
      store.create("held");
      try (InstanceLock lock = store.lock("held")) {
        ExecutorService other = Executors.newSingleThreadExecutor();
        Future<?> update = other.submit(() -> store.update("held", Counter::incremented));
        Exception e = assertThrows(Exception.class, update::get);
        other.shutdown();
        assertTrue(e.getCause().getMessage().contains("'held'"), e.getCause().getMessage());
        assertEquals(List.of("held"), lock.instanceIds());
      }
      assertEquals(1, store.get("held").version());
    }
  }

  @Test
  void readsOldDocumentsWrittenByHand() throws IOException {
    try (CounterStore store = store()) {
      store.create("hand");
      Files.writeString(
          Stores.instanceDirectory(root, "hand").resolve("instance.json"),
          "{\"id\":\"hand\",\"version\":\"7\",\"createdAt\":\"2020-01-01T00:00:00Z\","
              + "\"updatedAt\":\"2020-01-02T00:00:00Z\",\"extra\":[1,2]}");
      Counter read = store.get("hand");
      assertEquals(7, read.version());
      assertEquals("PENDING", read.status());
      assertNotEquals(null, read.params());
    }
  }

  /**
   * The hand-written schema reads as strictly as a generated one: the overlong form {@code C0 AF}
   * of {@code /}, which a lenient UTF-8 decoder reads as {@code /}, is damage.
   */
  @Test
  void aDocumentWithOverlongUtf8IsReportedAsDamaged() throws IOException {
    try (CounterStore store = store()) {
      store.create("overlong");
      Path document = Stores.instanceDirectory(root, "overlong").resolve("instance.json");
      String valid = new String(Files.readAllBytes(document), StandardCharsets.UTF_8);
      String[] parts = valid.split("\"PENDING\"");
      assertEquals(2, parts.length, valid);
      try (ByteArrayOutputStream planted = new ByteArrayOutputStream()) {
        planted.writeBytes(parts[0].getBytes(StandardCharsets.UTF_8));
        planted.writeBytes(new byte[] {'"', 'a', (byte) 0xC0, (byte) 0xAF, 'b', '"'});
        planted.writeBytes(parts[1].getBytes(StandardCharsets.UTF_8));
        Files.write(document, planted.toByteArray());
      }

      CorruptInstanceException e =
          assertThrows(CorruptInstanceException.class, () -> store.get("overlong"));
      assertTrue(e.getMessage().contains("overlong byte sequence"), e.getMessage());
    }
  }

  private static void join(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** A clock that returns the given instants in turn, then repeats the last. */
  private static final class SteppingClock extends Clock {
    private final @Nullable Instant[] times;
    private int next;

    SteppingClock(@Nullable Instant... times) {
      this.times = times.clone();
    }

    @Override
    public synchronized Instant instant() {
      return times[Math.min(next++, times.length - 1)];
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  /**
   * A clock that answers null is refused as the ID generator's null is: by every write that stamps
   * a time, and by a prune by age, before anything is written or deleted.
   */
  @Test
  void aClockThatReturnsNullIsRefusedNamingItAndNothingIsWritten() {
    try (CounterStore store = storeAt(Instant.parse("2026-01-01T00:00:00Z"), null)) {
      Counter stored = store.create("run-1");
      List<Executable> calls =
          List.of(
              () -> store.create("run-2"),
              () -> store.update("run-1", c -> c),
              () -> store.updateOptimistic("run-1", c -> c),
              () -> store.compareAndSet(stored),
              () -> store.deleteOlderThan(Duration.ZERO, c -> {}));
      for (Executable call : calls) {
        MisuseException e = assertThrows(MisuseException.class, call);
        assertTrue(e.getMessage().contains("StoreOptions.withClock"), e.getMessage());
      }
      assertEquals(List.of(stored), store.list());
    }
  }

  @Test
  void anIdTheGeneratorReturnsIsCheckedBeforeAnythingIsWritten() throws IOException {
    List<String> generated = new ArrayList<>();
    generated.add(null);
    generated.addAll(List.of("bad\nid", "CON", "", "..", "a/b", "../../outside"));
    Path generatedRoot = root.resolve("generated");
    for (String id : generated) {
      try (CounterStore store =
          new CounterStore(
              StoreEngine.open(
                  CounterSchema.INSTANCE,
                  StoreOptions.defaults()
                      .withDataRoot(generatedRoot)
                      .withDurability(Durability.NONE)
                      .withIdGenerator(() -> id)))) {
        MisuseException refused = assertThrows(MisuseException.class, store::create, id);
        assertTrue(
            refused.getMessage().startsWith("the store's ID generator"), refused.getMessage());
        assertEquals(List.of(), store.list(), id);
      }
      try (Stream<Path> made = Files.walk(generatedRoot.resolve("instances"))) {
        assertEquals(List.of(generatedRoot.resolve("instances")), made.toList(), id);
      }
    }
  }
}
