package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.InstanceAlreadyExistsException;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.InvalidIdException;
import dev.burrow.Listing;
import dev.burrow.LockLostException;
import dev.burrow.LockTimeoutException;
import dev.burrow.MisuseException;
import dev.burrow.NewerFormatException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.PruneReport;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.VersionConflictException;
import dev.burrow.postgres.PostgresOptions;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.lock.InstanceLocks;
import dev.burrow.runtime.internal.store.CheckedSchema;
import dev.burrow.runtime.internal.store.NewestFirst;
import dev.burrow.runtime.internal.store.StrayEntryException;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(PostgresExtension.class)
class PostgresBackendTest {
  private static final Duration LEASE = Duration.ofSeconds(15);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static DataSource pool;

  @TempDir Path localRoot;
  private String prefix;
  private CounterStore store;

  @BeforeAll
  static void connect(LocalPostgres server) {
    pool = server.sharedPool();
  }

  @BeforeEach
  void open() {
    prefix = PgStores.freshPrefix();
    store = PgStores.counters(pool, prefix, localRoot, LEASE);
  }

  @AfterEach
  void close() {
    store.close();
  }

  /**
   * Opening a store while another transaction locks Burrow's tables, on connections whose {@code
   * lock_timeout} ends the wait, fails with a storage failure naming what was being done.
   */
  @Test
  void openingAStoreWhoseTablesAreLockedFailsNamingTheOperation(LocalPostgres server)
      throws Exception {
    String impatient = server.jdbcUrl() + "&options=-c%20lock_timeout%3D200";
    try (HikariDataSource timingOut = LocalPostgres.pool(impatient, 2);
        Connection holder = pool.getConnection()) {
      holder.setAutoCommit(false);
      try {
        try (Statement statement = holder.createStatement()) {
          statement.execute("LOCK TABLE " + prefix + "kinds IN ACCESS EXCLUSIVE MODE");
        }
        StorageException refused =
            assertThrows(
                StorageException.class,
                () -> PgStores.counters(timingOut, prefix, localRoot.resolve("second"), LEASE));
        assertTrue(refused.getMessage().contains(" failed: "), refused.getMessage());
        assertTrue(refused.getMessage().contains("55P03"), refused.getMessage());
      } finally {
        holder.rollback();
        holder.setAutoCommit(true);
      }
    }
  }

  /** Another host: a second backend on the same tables, with its own lock timeout. */
  private CounterStore otherHost(Duration lockTimeout) {
    return PgStores.counters(
        pool,
        prefix,
        localRoot.resolve("other-host"),
        LEASE,
        StoreOptions.defaults().withLockTimeout(lockTimeout));
  }

  private String document(String id) {
    return Sql.column(pool, "SELECT document FROM " + prefix + "instances WHERE id = ?", id).get(0);
  }

  private String location(String printableId) {
    return prefix + "instances row (kind 'counters', id '" + printableId + "')";
  }

  private void plant(String id, long version, String document) {
    Sql.update(
        pool,
        "INSERT INTO "
            + prefix
            + "instances (kind, id, version, document)"
            + " VALUES ('counters', ?, ?, ?)",
        id,
        version,
        document);
  }

  /**
   * Opens the store again with a listener that collects the damage it reports, and returns those.
   */
  private List<CorruptInstanceException> reopenReportingCorruption() {
    List<CorruptInstanceException> reported = new ArrayList<>();
    store.close();
    store =
        PgStores.counters(
            pool,
            prefix,
            localRoot,
            LEASE,
            StoreOptions.defaults().withCorruptionListener(reported::add));
    return reported;
  }

  private static String json(Counter counter) {
    return new String(
        CounterSchema.INSTANCE.encode(counter), java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Counter counter(String id, long version, Instant createdAt) {
    return new Counter(id, version, createdAt, createdAt, "PENDING", 0, Map.of());
  }

  /**
   * A row whose document is over the store's limit, written behind Burrow's back, is reported as
   * damage naming its size, and the statements that read it (a listing page, a read by ID, an
   * update's row lock, on Burrow's connections or in the caller's transaction) return the row
   * without its document: the server never sends it. A healthy document past the page's byte bound
   * is not sent either; the page ends before it.
   */
  @Test
  void anOversizedDocumentIsReportedWithoutBeingSent() throws Exception {
    store.create("small");
    store.create("huge");
    Sql.update(
        pool,
        "UPDATE " + prefix + "instances SET document = document || repeat(' ', ?) WHERE id = ?",
        17 * 1024 * 1024,
        "huge");
    int stored =
        Integer.parseInt(
            Sql.column(
                    pool,
                    "SELECT octet_length(document) FROM " + prefix + "instances WHERE id = ?",
                    "huge")
                .get(0));

    CorruptInstanceException e =
        assertThrows(CorruptInstanceException.class, () -> store.get("huge"));
    assertEquals(
        location("huge")
            + ": it is "
            + stored
            + " bytes, more than the limit of "
            + CheckedSchema.MAX_DOCUMENT_BYTES,
        e.getMessage());
    Listing<Counter> scan = store.scan();
    assertEquals(List.of("small"), scan.items().stream().map(Counter::id).toList());
    assertEquals(List.of(location("huge")), locations(scan.problems()));

    Statements statements = new Statements(new Tables(prefix));
    try (Connection connection = pool.getConnection()) {
      assertEquals(
          List.of("small " + document("small").length() + " sent", "huge " + stored + " not sent"),
          Database.query(
              connection,
              statements.firstPage,
              row -> sent(row, 1, 4, 5),
              "counters",
              10,
              FileSystemBackend.MAX_PAGE_BYTES,
              CheckedSchema.MAX_DOCUMENT_BYTES));
      assertNotSent(connection, stored, statements.find);
      assertNotSent(connection, stored, statements.lockRow, "1000", "15000");
      assertNotSent(connection, stored, statements.lockRowJoined);
    }
  }

  /**
   * Asserts that {@code sql}, a read of one row by kind and ID, finds the counter "huge" ({@code
   * stored} bytes) and does not send its document; {@code more} are its parameters after those.
   */
  private static void assertNotSent(Connection connection, int stored, String sql, Object... more)
      throws SQLException {
    List<Object> parameters =
        new ArrayList<>(List.of(CheckedSchema.MAX_DOCUMENT_BYTES, "counters", "huge"));
    parameters.addAll(List.of(more));
    assertEquals(
        List.of("huge " + stored + " not sent"),
        Database.query(connection, sql, row -> "huge " + sent(row, 0, 2, 3), parameters.toArray()),
        sql);
  }

  /** Column {@code id} (none if 0), the stored size and whether the document came. */
  private static String sent(ResultSet row, int id, int document, int stored) throws SQLException {
    String head = id == 0 ? "" : row.getString(id) + " ";
    String text = row.getString(document);
    return head + row.getInt(stored) + (text == null ? " not sent" : " sent");
  }

  private static List<String> locations(List<CorruptInstanceException> problems) {
    return problems.stream().map(CorruptInstanceException::location).toList();
  }

  @Test
  void createReadUpdateAndCompareAndSetKeepVersions() {
    Counter created = store.create("run-1");
    assertEquals(1, created.version());
    assertEquals(created, store.get("run-1"));

    Counter updated = store.update("run-1", Counter::incremented);
    assertEquals(2, updated.version());
    assertEquals(created.createdAt(), updated.createdAt());
    assertEquals(updated, store.get("run-1"));

    Counter swapped = store.compareAndSet(updated.withStatus("RUNNING"));
    VersionConflictException stale =
        assertThrows(
            VersionConflictException.class, () -> store.compareAndSet(updated.withStatus("LOST")));
    assertEquals(3, stale.actualVersion());
    assertEquals(swapped, store.get("run-1"));
    assertEquals("3", Sql.column(pool, "SELECT version FROM " + prefix + "instances").get(0));
    assertThrows(InstanceNotFoundException.class, () -> store.update("ghost", c -> c));
    assertTrue(store.find("ghost").isEmpty());
  }

  @Test
  void createOfAnExistingIdFailsAndLeavesTheRowUntouched() {
    store.create("taken");
    store.update("taken", Counter::incremented);
    String before = document("taken");

    InstanceAlreadyExistsException e =
        assertThrows(InstanceAlreadyExistsException.class, () -> store.create("taken"));

    assertEquals("taken", e.instanceId());
    assertEquals(before, document("taken"));
    assertEquals(2, store.get("taken").version());
  }

  @Test
  void theDocumentIsStoredAsTheCodecWroteIt() {
    Counter created = store.create("exact");
    assertEquals(json(created), document("exact"));
  }

  @Test
  void hostileIdsAreRejectedBeforeTheDatabaseIsTouched() {
    List<String> hostile =
        List.of(
            "..",
            "../escape",
            "a/b",
            "a\\b",
            "nul\0byte",
            "",
            "/abs",
            "x".repeat(129),
            "CON",
            "line\nbreak",
            "-rf",
            "it's");
    for (String id : hostile) {
      List<Runnable> uses =
          List.of(
              () -> store.create(id),
              () -> store.get(id),
              () -> store.find(id),
              () -> store.update(id, c -> c),
              () -> store.delete(id),
              () -> store.lock(id),
              () -> store.dirs(id),
              () -> store.lockAll(List.of("fine", id)),
              () -> store.compareAndSet(counter(id, 1, T0)));
      for (Runnable use : uses) {
        assertThrows(InvalidIdException.class, use::run, "id " + id);
      }
    }
    assertEquals(List.of("0"), Sql.column(pool, "SELECT count(*) FROM " + prefix + "instances"));
    assertEquals(List.of("0"), Sql.column(pool, "SELECT count(*) FROM " + prefix + "leases"));
    assertFalse(Files.exists(localRoot.resolve("instances")));
  }

  @Test
  void damagedRowsAreReportedNamingTheRowAndNeverHideHealthyOnes() {
    List<CorruptInstanceException> reported = reopenReportingCorruption();
    store.create("healthy");
    plant("truncated", 1, "{\"id\": \"truncated\", \"version\": ");
    plant("empty", 1, "");
    plant("not-json", 1, "<xml/>");
    plant("other-id", 1, json(counter("someone-else", 1, T0)));
    plant("version-skew", 5, json(counter("version-skew", 1, T0)));
    plant("../escape", 1, json(counter("../escape", 1, T0)));
    plant("bad\u0001id", 1, json(counter("bad\u0001id", 1, T0)));

    for (String id : List.of("truncated", "empty", "not-json", "other-id", "version-skew")) {
      CorruptInstanceException e =
          assertThrows(CorruptInstanceException.class, () -> store.get(id));
      assertEquals(location(id), e.location());
      assertTrue(e.getMessage().startsWith(location(id) + ": "), e.getMessage());
    }
    assertTrue(
        assertThrows(CorruptInstanceException.class, () -> store.get("version-skew"))
            .getMessage()
            .contains("version column says 5"));

    assertEquals(List.of("healthy"), store.list().stream().map(Counter::id).toList());
    assertEquals(
        List.of(
            location("../escape"),
            location("bad\\u0001id"),
            location("empty"),
            location("not-json"),
            location("other-id"),
            location("truncated"),
            location("version-skew")),
        reported.stream().map(CorruptInstanceException::location).sorted().toList());
    assertTrue(reported.stream().anyMatch(e -> e.getMessage().contains("not a valid instance id")));
    assertFalse(Files.exists(localRoot.resolve("escape")));
  }

  /**
   * A row whose ID is no valid ID hides no instance (no store can hold that ID, nor delete it by
   * ID): it is a stray entry, reported to the listener but not counted as a damaged instance, as
   * the filesystem backend reports an entry named so in a shard. Before, a prune counted it in
   * {@code PruneReport.damaged} on PostgreSQL only.
   */
  @Test
  void aRowWithAnInvalidIdIsAStrayEntryThatAPruneDoesNotCountAsDamaged() {
    List<CorruptInstanceException> reported = reopenReportingCorruption();
    store.create("healthy");
    plant("bad\u0001id", 1, json(counter("bad\u0001id", 1, T0)));

    PruneReport report = store.prune(c -> false, c -> {});

    assertEquals(1, report.examined());
    assertEquals(0, report.damaged(), report::toString);
    assertEquals(
        List.of(location("bad\\u0001id")), reported.stream().map(e -> e.location()).toList());
    assertInstanceOf(StrayEntryException.class, reported.get(0));
  }

  @Test
  void listingIsNewestFirstAndPagedByKeyset() {
    PostgresStorage<Counter> backend = PgStores.backend(store);
    List<Counter> all = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      all.add(counter("run-" + i, 1, T0.plusSeconds(i * 7 % 6).plusNanos(i)));
    }
    all.add(counter("9", 1, T0.plusSeconds(60)));
    all.add(counter("10", 1, T0.plusSeconds(60)));
    all.add(counter("b-same", 1, T0.plusSeconds(50)));
    all.add(counter("a-same", 1, T0.plusSeconds(50)));
    List<Counter> shuffled = new ArrayList<>(all);
    Collections.shuffle(shuffled, new java.util.Random(42));
    shuffled.forEach(backend::insert);
    List<String> expected =
        all.stream().sorted(NewestFirst.of(CounterSchema.INSTANCE)).map(Counter::id).toList();

    List<String> paged = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    PageRequest request = PageRequest.first(3);
    do {
      Page<Counter> page = backend.list(request);
      page.items().forEach(c -> paged.add(c.id()));
      sizes.add(page.items().size());
      request = page.next();
    } while (request != null);

    assertEquals(expected, paged);
    assertEquals(List.of(3, 3, 3, 1), sizes);
    assertEquals(List.of("10", "9", "run-5", "run-4"), expected.subList(0, 4));
    assertEquals(expected, store.list().stream().map(Counter::id).toList());
  }

  /**
   * Rows written behind Burrow's back, one whose ID is no valid ID and one whose {@code id_rank} is
   * not its ID's, each ending a page: the walk goes on right after each, reports each once and
   * lists every other instance once. Before, the first made a cursor every next page refused
   * (IllegalArgumentException), and the second one whose next page started over, for ever.
   */
  @Test
  void pagesEndingWithARowWrittenBehindBurrowsBackGoOnRightAfterIt() {
    for (String id : List.of("b", "a", "0x")) {
      store.create(id);
    }
    String kind = Sql.column(pool, "SELECT kind FROM " + prefix + "instances LIMIT 1").get(0);
    String plant =
        "INSERT INTO "
            + prefix
            + "instances (kind, id, version, id_rank, document) VALUES (?, ?, 1, 0, '{}')";
    Sql.update(pool, plant, kind, "aa bad");
    Sql.update(pool, plant, kind, "123");

    List<String> ids = new ArrayList<>();
    List<String> damaged = new ArrayList<>();
    PageRequest request = PageRequest.first(1);
    for (int pages = 0; request != null; pages++) {
      assertTrue(pages < 10, "still paging after " + pages + " pages: " + ids);
      Page<Counter> page = store.list(request);
      page.items().forEach(c -> ids.add(c.id()));
      page.problems().forEach(p -> damaged.add(p.location()));
      request = page.next();
    }

    assertEquals(List.of("b", "a", "0x"), ids);
    assertEquals(2, damaged.size(), damaged::toString);
    assertTrue(damaged.get(0).contains("aa bad"), damaged::toString);
    assertTrue(damaged.get(1).contains("123"), damaged::toString);
  }

  /**
   * A cursor is caller input (often round-tripped through a client): one naming a position with a
   * NUL character, which no PostgreSQL text can hold and so no row has, is refused as no cursor, as
   * other forged cursors are, not sent to the server to fail there as a storage failure.
   */
  @Test
  void aForgedCursorNamingAPositionNoRowCanHaveIsRefusedAsNoCursor() {
    store.create("a1");
    String forged =
        Base64.getUrlEncoder().encodeToString("r1:5:a\0".getBytes(StandardCharsets.UTF_8));
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class, () -> store.list(PageRequest.after(forged, 10)));
    assertTrue(refused.getMessage().contains("not a cursor"), refused.getMessage());
  }

  @Test
  void aPageBoundaryNeverMovesWhenRowsAreAddedOrRemovedBetweenPages() {
    PostgresStorage<Counter> backend = PgStores.backend(store);
    for (int i = 0; i < 6; i++) {
      backend.insert(counter("r" + i, 1, T0.plusSeconds(i)));
    }
    Page<Counter> first = backend.list(PageRequest.first(3));
    backend.insert(counter("newer", 1, T0.plusSeconds(100)));
    backend.delete("r5");
    Page<Counter> second = backend.list(Objects.requireNonNull(first.next()));

    assertEquals(List.of("r5", "r4", "r3"), first.items().stream().map(Counter::id).toList());
    assertEquals(List.of("r2", "r1", "r0"), second.items().stream().map(Counter::id).toList());
  }

  @Test
  void deleteRemovesTheRowAndThisHostsDirectory() {
    store.create("doomed");
    Path dir = store.dirs("doomed").root();
    assertEquals(localRoot.resolve("instances/doomed"), dir);
    assertTrue(Files.isDirectory(store.dirs("doomed").subdirectory("workspace")));
    assertTrue(Files.isDirectory(dir.resolve("logs")));

    assertTrue(store.delete("doomed"));

    assertFalse(Files.exists(dir));
    assertTrue(store.find("doomed").isEmpty());
    assertThrows(InstanceNotFoundException.class, () -> store.dirs("doomed"));
    assertFalse(store.delete("doomed"));
    assertEquals(List.of(), store.list());
    assertEquals(1, store.create("doomed").version());
  }

  /**
   * Making an instance's directory waits for another holder of its lock on this host (another store
   * making or removing it) as long as the store's lock timeout, as a filesystem store waits for an
   * instance's lock, not a fixed 30 s.
   */
  @Test
  void aBusyInstanceDirectoryIsWaitedForAsLongAsTheLockTimeout() throws Exception {
    Duration lockTimeout = Duration.ofMillis(200);
    try (CounterStore other = otherHost(lockTimeout)) {
      other.create("busy");
      try (HeldLock making = HeldLock.take(localRoot.resolve("other-host"), "directory:busy")) {
        LockTimeoutException busy =
            assertThrows(LockTimeoutException.class, () -> other.dirs("busy"));
        assertEquals(lockTimeout, busy.timeout());
        assertEquals("busy", busy.instanceId());
        Path directory = localRoot.resolve("other-host").resolve("instances").resolve("busy");
        assertTrue(busy.getMessage().contains(directory.toString()), busy.getMessage());
      }
      assertTrue(Files.isDirectory(other.dirs("busy").root()));
    }
  }

  /**
   * A directory looked up while a removal on this host is under way (another store's delete or
   * sweep, which holds the host's lock on the directory: here it has moved the directory into the
   * trash and not yet removed its record) is made only once that removal is done, under the lock,
   * with a record of its own: a directory is never made without one, which the next instance of the
   * ID would be handed, files and all. Before the fix the lookup found the record still there and
   * made the directory at once, without the lock; the removal then took the record away, and the
   * instance created again with the ID saw the old one's files.
   */
  @Test
  void aDirectoryLookedUpWhileItIsRemovedIsMadeWithItsRecordAfterTheRemoval() throws Exception {
    store.create("reborn");
    Path directory = store.dirs("reborn").root();
    long incarnation =
        Long.parseLong(
            Sql.column(pool, "SELECT incarnation FROM " + prefix + "instances WHERE id = 'reborn'")
                .get(0));
    assertEquals(1, Sql.update(pool, "DELETE FROM " + prefix + "instances WHERE id = 'reborn'"));
    LocalDirectories sameHost =
        new LocalDirectories(
            localRoot,
            CounterSchema.INSTANCE.layout().subdirectories(),
            Durability.NONE,
            new Incarnations(new Database(pool), new Statements(new Tables(prefix)), "counters"),
            LEASE);
    InstanceLocks locks = InstanceLocks.forRoot(localRoot);
    ExecutorService lookup = Executors.newSingleThreadExecutor();
    try {
      Future<Path> handedOut;
      try (HeldLock removal = HeldLock.take(localRoot, "directory:reborn")) {
        Files.move(directory, localRoot.resolve("trashed"));
        // a lookup that read the row's incarnation before the delete
        handedOut = lookup.submit(() -> sameHost.open("reborn", incarnation, null));
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (locks.waitingFor("directory:reborn") == 0 && !handedOut.isDone()) {
          assertTrue(System.nanoTime() < deadline, "the lookup never queued for the lock");
          Thread.onSpinWait();
        }
        Files.delete(localRoot.resolve(".burrow/incarnations/reborn"));
      }
      Files.writeString(
          handedOut.get(1, TimeUnit.MINUTES).resolve("workspace").resolve("old.txt"), "old");
    } finally {
      lookup.shutdown();
    }

    store.create("reborn");

    assertFalse(
        Files.exists(store.dirs("reborn").subdirectory("workspace").resolve("old.txt")),
        "the new instance sees none of the old one's files");
  }

  /**
   * A delete that finds no row but a directory left on this host, whose lock another holder keeps
   * past the lock timeout, changed nothing: it says so with a retriable exception, and the same
   * delete removes the directory once the lock is free.
   */
  @Test
  void aDeleteThatFindsALeftDirectoryBusyChangesNothingAndIsRetriable() throws Exception {
    try (CounterStore other = otherHost(Duration.ofMillis(200))) {
      other.create("ghost");
      Path left = other.dirs("ghost").root();
      assertTrue(store.delete("ghost"));
      try (HeldLock removing = HeldLock.take(localRoot.resolve("other-host"), "directory:ghost")) {
        LockTimeoutException busy =
            assertThrows(LockTimeoutException.class, () -> other.delete("ghost"));
        assertEquals("ghost", busy.instanceId());
      }
      assertTrue(Files.isDirectory(left));
      assertFalse(other.delete("ghost"));
      assertFalse(Files.exists(left));
    }
  }

  @Test
  void instanceDirectoriesAreCreatedOnDemandOnEachHost() {
    store.create("shared");
    try (CounterStore other = otherHost(LEASE)) {
      Path here = store.dirs("shared").root();
      Path there = other.dirs("shared").root();
      assertTrue(Files.isDirectory(here));
      assertTrue(Files.isDirectory(there.resolve("workspace")));
      assertFalse(here.equals(there));
      assertThrows(InstanceNotFoundException.class, () -> other.dirs("missing"));
      assertFalse(Files.exists(there.resolveSibling("missing")));
    }
  }

  @Test
  void locksAreReentrantAndExcludeOtherHostsUntilTheLastRelease() {
    store.create("held");
    try (CounterStore other = otherHost(LEASE)) {
      LeaseLock outer = (LeaseLock) store.lock("held");
      LeaseLock inner = (LeaseLock) store.lock("held");
      assertEquals(outer.fencingToken().getAsLong(), inner.fencingToken().getAsLong());
      inner.close();

      LockTimeoutException e =
          assertThrows(
              LockTimeoutException.class, () -> other.lock("held", Duration.ofMillis(100)));
      assertEquals("held", e.instanceId());
      assertTrue(e.getMessage().contains("'held'"), e.getMessage());

      outer.close();
      try (LeaseLock next = (LeaseLock) other.lock("held", Duration.ofSeconds(10))) {
        assertTrue(next.fencingToken().getAsLong() > outer.fencingToken().getAsLong());
      }
    }
  }

  @Test
  void writesFromOutsideTheLockWaitForTheLeaseAndTimeOutNamingTheInstance() throws Exception {
    store.create("busy");
    ExecutorService thread = Executors.newSingleThreadExecutor();
    Future<Counter> sameHostOtherThread;
    try (CounterStore other = otherHost(Duration.ofMillis(150))) {
      try (InstanceLock lock = store.lock("busy")) {
        Counter current = store.get("busy");
        assertThrows(LockTimeoutException.class, () -> other.compareAndSet(current.incremented()));
        assertThrows(LockTimeoutException.class, () -> other.update("busy", Counter::incremented));
        assertThrows(LockTimeoutException.class, () -> other.delete("busy"));
        sameHostOtherThread = thread.submit(() -> store.compareAndSet(current.incremented()));
        assertEquals(
            1,
            store.update("busy", Counter::incremented).count(),
            "the holder writes under its own lock: " + lock.instanceIds());
      }
      ExecutionException late =
          assertThrows(
              ExecutionException.class, () -> sameHostOtherThread.get(30, TimeUnit.SECONDS));
      assertTrue(late.getCause() instanceof VersionConflictException, late.toString());
      thread.shutdown();
      assertEquals(3, other.compareAndSet(store.get("busy").incremented()).version());
    }
  }

  @Test
  void aWriteUnderAnExpiredOrTakenOverLeaseIsRejectedAndWritesNothing() {
    store.create("fenced");
    try (CounterStore other = otherHost(Duration.ofSeconds(10))) {
      LeaseLock stale = (LeaseLock) store.lock("fenced");
      Sql.update(
          pool,
          "UPDATE "
              + prefix
              + "leases SET expires_at = clock_timestamp()"
              + " - interval '1 second' WHERE id = 'fenced'");
      LockLostException expired =
          assertThrows(LockLostException.class, () -> store.update("fenced", Counter::incremented));
      assertTrue(expired.getMessage().contains("expired"), expired.getMessage());
      assertEquals(stale.fencingToken().getAsLong(), expired.epoch());

      try (LeaseLock taken = (LeaseLock) other.lock("fenced")) {
        assertTrue(taken.fencingToken().getAsLong() > stale.fencingToken().getAsLong());
        LockLostException overtaken =
            assertThrows(
                LockLostException.class, () -> store.update("fenced", Counter::incremented));
        assertTrue(overtaken.getMessage().contains("another holder"), overtaken.getMessage());
        assertThrows(LockLostException.class, () -> store.delete("fenced"));
        stale.close();
        assertEquals(2, other.update("fenced", Counter::incremented).version());
      }
      assertEquals(1, store.get("fenced").count());
    }
  }

  @Test
  void aHeldLeaseIsRenewedPastItsFirstExpiry() {
    store.close();
    store = PgStores.counters(pool, prefix, localRoot, Duration.ofMillis(1500));
    store.create("long-job");
    try (LeaseLock lock = (LeaseLock) store.lock("long-job")) {
      String firstExpiry = Sql.column(pool, "SELECT expires_at FROM " + prefix + "leases").get(0);
      awaitDatabaseClockPast(firstExpiry);

      assertEquals(2, store.update("long-job", Counter::incremented).version());
      assertEquals(
          List.of(Long.toString(lock.fencingToken().getAsLong())),
          Sql.column(pool, "SELECT epoch FROM " + prefix + "leases"));
    }
    assertEquals(List.of("t"), Sql.column(pool, "SELECT holder IS NULL FROM " + prefix + "leases"));
  }

  /** Polls the database's clock until it passes {@code moment}; no fixed sleep. */
  private static void awaitDatabaseClockPast(String moment) {
    while (Sql.column(pool, "SELECT clock_timestamp() > ?::timestamptz", moment)
        .get(0)
        .equals("f")) {
      Sql.column(pool, "SELECT pg_sleep(0.05)");
    }
  }

  @Test
  void updateTakesNoLeaseAndFreeLeaseRowsArePrunedAtOpen() {
    store.create("gone");
    store.update("gone", Counter::incremented);
    assertEquals(List.of("0"), Sql.column(pool, "SELECT count(*) FROM " + prefix + "leases"));
    try (InstanceLock lock = store.lock("never-created")) {
      assertEquals(List.of("never-created"), lock.instanceIds());
    }
    try (InstanceLock held = store.lock("gone")) {
      assertEquals(List.of("2"), Sql.column(pool, "SELECT count(*) FROM " + prefix + "leases"));
      otherHost(LEASE).close();
      assertEquals(List.of("gone"), Sql.column(pool, "SELECT id FROM " + prefix + "leases"));
    }
    assertTrue(store.delete("gone"));
    assertEquals(List.of("0"), Sql.column(pool, "SELECT count(*) FROM " + prefix + "leases"));
  }

  @Test
  void manyHostsStartingAtOnceApplyEachMigrationOnce() throws Exception {
    String fresh = PgStores.freshPrefix();
    int hosts = 4;
    CyclicBarrier start = new CyclicBarrier(hosts);
    ExecutorService pool4 = Executors.newFixedThreadPool(hosts);
    List<Future<PostgresStorage<Counter>>> opened = new ArrayList<>();
    for (int i = 0; i < hosts; i++) {
      Path root = localRoot.resolve("host-" + i);
      opened.add(
          pool4.submit(
              () -> {
                start.await();
                return PostgresStorage.open(
                    CounterSchema.INSTANCE,
                    pool,
                    root,
                    Durability.NONE,
                    LEASE,
                    PgStores.options(fresh, LEASE));
              }));
    }
    for (Future<PostgresStorage<Counter>> backend : opened) {
      backend.get(60, TimeUnit.SECONDS).close();
    }
    pool4.shutdown();
    List<String> expected =
        IntStream.rangeClosed(1, Migrations.latest()).mapToObj(Integer::toString).toList();
    assertEquals(
        expected,
        Sql.column(pool, "SELECT version FROM " + fresh + "schema_version ORDER BY version"));
  }

  @Test
  void tablesFromANewerBurrowAreRefused() {
    Sql.update(
        pool,
        "INSERT INTO "
            + prefix
            + "schema_version (version, description)"
            + " VALUES (99, 'from the future')");
    NewerFormatException e = assertThrows(NewerFormatException.class, () -> otherHost(LEASE));
    assertTrue(e.getMessage().contains("version 99"), e.getMessage());
    assertTrue(e.getMessage().contains("upgrade Burrow"), e.getMessage());
    assertEquals(
        "99",
        Sql.column(pool, "SELECT max(version) FROM " + prefix + "schema_version").get(0),
        "nothing was changed");
  }

  /**
   * A database whose encoding is not UTF-8 cannot hold every document: the store refuses to open
   * with a misuse naming the encoding and the fix, and makes no table.
   */
  @Test
  void aDatabaseNotInUtf8IsAMisuseAndGetsNoTables(LocalPostgres server) {
    String database = "latin1_" + prefix.replaceAll("[^a-z0-9]", "");
    Sql.update(
        pool,
        "CREATE DATABASE "
            + database
            + " ENCODING 'LATIN1' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0");
    try {
      String url = server.jdbcUrl().replace("/postgres?", "/" + database + "?");
      try (HikariDataSource latin1 = LocalPostgres.pool(url, 2)) {
        MisuseException e =
            assertThrows(
                MisuseException.class,
                () -> PgStores.counters(latin1, prefix, localRoot.resolve("latin1"), LEASE));
        assertTrue(e.getMessage().contains("encoding is LATIN1"), e.getMessage());
        assertTrue(e.getMessage().contains("ENCODING 'UTF8'"), e.getMessage());
        assertEquals(
            List.of("0"),
            Sql.column(
                latin1,
                "SELECT count(*) FROM information_schema.tables WHERE table_name LIKE ?",
                prefix + "%"),
            "no table was made");
      }
    } finally {
      Sql.update(pool, "DROP DATABASE " + database);
    }
  }

  @Test
  void badOptionsAreRejectedNamingTheField() {
    BiConsumer<String, Runnable> rejects =
        (field, use) -> {
          String message = assertThrows(IllegalArgumentException.class, use::run).getMessage();
          assertTrue(message.startsWith("PostgresOptions." + field + " "), message);
        };
    PostgresOptions options = PostgresOptions.defaults();
    rejects.accept("tablePrefix", () -> options.withTablePrefix("Robert'); DROP TABLE x;--"));
    rejects.accept("tablePrefix", () -> options.withTablePrefix(""));
    rejects.accept("tablePrefix", () -> options.withTablePrefix(null));
    rejects.accept("leaseDuration", () -> options.withLeaseDuration(Duration.ofMillis(10)));
  }

  @Test
  void everyLeaseDurationOutsidePostgresqlsRangeIsRefusedNamingTheField() {
    for (Duration lease :
        Arrays.asList(
            null,
            Duration.ofMillis(299),
            Duration.ofMillis(Integer.MAX_VALUE + 1L),
            ChronoUnit.FOREVER.getDuration())) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> PostgresOptions.defaults().withLeaseDuration(lease));
      assertTrue(
          e.getMessage().startsWith("PostgresOptions.leaseDuration must be from "), e.getMessage());
    }
    Duration longest = Duration.ofMillis(Integer.MAX_VALUE);
    assertEquals(longest, PostgresOptions.defaults().withLeaseDuration(longest).leaseDuration());
  }

  @Test
  void scanReturnsEveryInstanceAcrossPagesWithItsProblems() {
    for (int i = 0; i < 5; i++) {
      store.create("n" + i);
    }
    plant("broken", 1, "{");
    Listing<Counter> listing = store.scan();
    assertEquals(5, listing.items().size());
    assertEquals(
        List.of(location("broken")),
        listing.problems().stream().map(CorruptInstanceException::location).toList());
  }
}
