package dev.burrow.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.burrow.BackendUnavailableException;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.LockTimeoutException;
import dev.burrow.MisuseException;
import dev.burrow.PageRequest;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.postgres.PostgresBackend;
import dev.burrow.postgres.PostgresOptions;
import dev.burrow.runtime.StoreEngine;
import dev.burrow.runtime.testing.Counter;
import dev.burrow.runtime.testing.CounterSchema;
import dev.burrow.runtime.testing.CounterStore;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.postgresql.core.BaseConnection;
import org.postgresql.core.TransactionState;

/** The caller's connections and transactions (issue 15, item 2). */
@ExtendWith(PostgresExtension.class)
class PostgresCallerTransactionsTest {
  private static final Duration LEASE = Duration.ofSeconds(15);

  /** Far longer than any lock timeout here: a create still waiting then waits for good. */
  private static final Duration NO_HANG = Duration.ofSeconds(30);

  @TempDir Path localRoot;
  private DataSource pool;
  private String prefix;
  private CounterStore store;
  private Connection caller;

  @BeforeEach
  void open(LocalPostgres server) throws SQLException {
    pool = server.sharedPool();
    prefix = PgStores.freshPrefix();
    store = PgStores.counters(pool, prefix, localRoot, LEASE);
    Sql.update(pool, "CREATE TABLE " + prefix + "orders (id text PRIMARY KEY)");
    caller = pool.getConnection();
    caller.setAutoCommit(false);
  }

  @AfterEach
  void close() throws SQLException {
    caller.rollback();
    caller.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
    caller.setAutoCommit(true);
    caller.close();
    store.close();
  }

  private void insertOrder(String id) throws SQLException {
    try (var statement =
        caller.prepareStatement("INSERT INTO " + prefix + "orders (id) VALUES (?)")) {
      statement.setString(1, id);
      statement.executeUpdate();
    }
  }

  private List<String> orders() {
    return Sql.column(pool, "SELECT id FROM " + prefix + "orders ORDER BY id");
  }

  /**
   * A transaction-aware data source hands Burrow the caller's open transaction: Burrow refuses it
   * before sending anything and touches nothing, so the caller's rollback still undoes its work.
   */
  @Test
  void aConnectionCarryingTheCallersTransactionIsNeverCommittedOrSwitched() throws Exception {
    store.create("run");
    Tap tap = Tap.of(pool);
    try (CounterStore onCallersConnection =
        PgStores.counters(tap.dataSource(), prefix, localRoot, LEASE)) {
      insertOrder("order-1");
      tap.events.clear();
      tap.bound.set(caller);
      MisuseException refused =
          assertThrows(
              MisuseException.class, () -> onCallersConnection.update("run", Counter::incremented));
      assertTrue(refused.getMessage().contains("auto-commit off"), refused.getMessage());
      assertThrows(MisuseException.class, () -> onCallersConnection.get("run"));
      assertEquals(List.of(), tap.events, "no commit, rollback or auto-commit switch");
      tap.bound.set(null);
      caller.rollback();
      assertEquals(List.of(), orders(), "the caller's rollback undid its work");
      assertEquals(1, store.get("run").version());
    }
  }

  /**
   * Burrow's own transactions are begun and ended by statements, on connections whose settings it
   * never changes: no auto-commit switch and no commit or rollback call, and the connection goes
   * back to the pool outside any transaction, after updates that commit and updates that fail (also
   * when the change throws an error or a checked exception, which reaches the caller as it is);
   * with statements prepared on the server at their first use, and after pgjdbc's default five.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 5})
  void ownTransactionsNeverChangeTheBorrowedConnection(int prepareThreshold, LocalPostgres server)
      throws SQLException {
    HikariConfig config = new HikariConfig();
    String url = server.jdbcUrl();
    config.setJdbcUrl(
        url + (url.contains("?") ? "&" : "?") + "prepareThreshold=" + prepareThreshold);
    config.setMaximumPoolSize(1);
    try (HikariDataSource one = new HikariDataSource(config)) {
      Tap tap = Tap.of(one);
      try (CounterStore tapped = PgStores.counters(tap.dataSource(), prefix, localRoot, LEASE)) {
        tapped.create("run");
        tap.events.clear();
        for (int i = 0; i < 10; i++) {
          tapped.update("run", Counter::incremented);
        }
        for (Throwable failure :
            List.of(
                new IllegalStateException("the change fails"),
                new AssertionError("the change fails with an error"),
                new IOException("the change throws a checked exception, as Kotlin may"))) {
          Throwable thrown =
              assertThrows(
                  Throwable.class,
                  () ->
                      tapped.update(
                          "run",
                          counter -> {
                            throw PostgresCallerTransactionsTest.<RuntimeException>sneaky(failure);
                          }));
          assertSame(failure, thrown);
          assertIdle(one);
        }
        assertThrows(
            InstanceNotFoundException.class, () -> tapped.update("missing", Counter::incremented));
        assertIdle(one);
        tapped.update("run", Counter::incremented);
        assertIdle(one);
        tapped.compareAndSet(tapped.get("run").incremented());
        tapped.create("gone");
        tapped.delete("gone");
        try (InstanceLock lock = tapped.lock("run")) {
          tapped.update("run", Counter::incremented);
        }
        assertIdle(one);

        assertEquals(
            List.of(),
            tap.events.stream().filter(event -> !event.equals("execute")).toList(),
            "no auto-commit switch, commit or rollback call");
        assertEquals(14, tapped.get("run").version());
      }
    }
  }

  /** Throws {@code failure}, checked or not, as Kotlin code may. */
  @SuppressWarnings("unchecked")
  private static <E extends Throwable> E sneaky(Throwable failure) throws E {
    throw (E) failure;
  }

  /**
   * The pool's one connection is in auto-commit mode, outside any transaction, with the server's
   * own settings: the timeouts Burrow sets for its statements and transactions are gone with them.
   */
  private static void assertIdle(DataSource one) throws SQLException {
    try (Connection connection = one.getConnection()) {
      assertTrue(connection.getAutoCommit());
      assertEquals(
          TransactionState.IDLE,
          connection.unwrap(BaseConnection.class).getTransactionState(),
          "no transaction left open on the connection");
      for (String setting : List.of("lock_timeout", "idle_in_transaction_session_timeout")) {
        try (Statement statement = connection.createStatement();
            java.sql.ResultSet shown = statement.executeQuery("SHOW " + setting)) {
          assertTrue(shown.next());
          assertEquals("0", shown.getString(1), setting + " is the server's default again");
        }
      }
    }
  }

  /**
   * One schema per tenant, each store on a pool whose connections work in its tenant's schema, with
   * the same table prefix: a caller's connection of another schema than the store's is refused when
   * the view is made. Burrow's statements name tables without a schema, so before, the write went
   * to the other schema's tables, silently.
   */
  @Test
  void aConnectionOfAnotherSchemaIsRefusedAndWritesNothingThere(
      LocalPostgres server, @TempDir Path tenantRoot) throws Exception {
    String tenant = prefix + "tenant";
    Sql.update(pool, "CREATE SCHEMA " + tenant);
    try (HikariDataSource tenantPool =
            LocalPostgres.pool(server.jdbcUrl() + "&currentSchema=" + tenant, 2);
        CounterStore tenantStore = PgStores.counters(tenantPool, prefix, tenantRoot, LEASE)) {
      MisuseException refused =
          assertThrows(
              MisuseException.class,
              () ->
                  new CounterStore(PostgresBackend.inTransaction(tenantStore.engine(), caller))
                      .create("misplaced"));
      caller.commit();

      assertTrue(
          refused
              .getMessage()
              .contains(
                  "the connection works in database 'postgres', schema 'public', but the store's"
                      + " tables "
                      + prefix
                      + "* are in database 'postgres', schema '"
                      + tenant
                      + "'"),
          refused.getMessage());
      assertTrue(store.find("misplaced").isEmpty(), "nothing in the public schema's tables");
      assertTrue(tenantStore.find("misplaced").isEmpty(), "nor in the tenant's");
    }
  }

  @Test
  void writesInTheCallersTransactionAreUndoneByItsRollback() throws Exception {
    CounterStore joined = new CounterStore(PostgresBackend.inTransaction(store.engine(), caller));
    store.create("kept");
    insertOrder("order-1");
    joined.create("new");
    joined.update("kept", Counter::incremented);
    assertEquals(1, joined.get("new").version(), "the transaction reads its own writes");
    assertTrue(store.find("new").isEmpty(), "nobody else sees them before the commit");
    assertEquals(1, store.get("kept").version());

    caller.rollback();
    assertTrue(store.find("new").isEmpty());
    assertEquals(1, store.get("kept").version());
    assertEquals(List.of(), orders());
  }

  /**
   * A view in the caller's transaction made from a store that was closed since refuses every
   * operation as the closed store does, with the same message (before, only a create that drew an
   * ID refused, because the store had given its worker number back; the rest went on): a store used
   * after close is a misuse, and nothing is read or written.
   */
  @Test
  void aViewOfAClosedStoreRefusesEveryOperationAsAMisuse() throws Exception {
    StoreEngine<Counter> engine =
        StoreEngine.open(
            CounterSchema.INSTANCE,
            PostgresBackend.of(pool, PostgresOptions.defaults().withTablePrefix(prefix)),
            StoreOptions.defaults().withDataRoot(localRoot.resolve("closed")));
    CounterStore opened = new CounterStore(engine);
    Counter kept = opened.create("kept");
    CounterStore joined = new CounterStore(PostgresBackend.inTransaction(engine, caller));
    opened.close();
    MisuseException closed = assertThrows(MisuseException.class, () -> opened.get("kept"));

    Map<String, Executable> operations = new LinkedHashMap<>();
    operations.put("create()", joined::create);
    operations.put("create(id)", () -> joined.create("new"));
    operations.put("get", () -> joined.get("kept"));
    operations.put("find", () -> joined.find("kept"));
    operations.put("update", () -> joined.update("kept", Counter::incremented));
    operations.put("updateOptimistic", () -> joined.updateOptimistic("kept", Counter::incremented));
    operations.put("compareAndSet", () -> joined.compareAndSet(kept.incremented()));
    operations.put("delete", () -> joined.delete("kept"));
    operations.put("list()", joined::list);
    operations.put("list(page)", () -> joined.list(PageRequest.first(10)));
    operations.put("stream", joined::stream);
    operations.put("scan", joined::scan);
    operations.put("prune", () -> joined.prune(counter -> true, counter -> {}));
    operations.put("deleteOlderThan", () -> joined.deleteOlderThan(Duration.ZERO, counter -> {}));
    operations.put("dirs", () -> joined.dirs("kept"));
    operations.put("files", () -> joined.files("kept"));
    operations.put("events", () -> joined.events("kept", String.class));
    operations.put("shared", joined::shared);
    operations.put("lock", () -> joined.lock("kept"));
    operations.put("lockAll", () -> joined.lockAll(List.of("kept")));
    operations.put("sessions", () -> joined.sessions(() -> "prepared"));
    operations.forEach(
        (name, operation) -> {
          MisuseException refused = assertThrows(MisuseException.class, operation, name);
          assertEquals(closed.getMessage(), refused.getMessage(), name);
        });

    caller.commit();
    assertEquals(List.of("kept"), Sql.column(pool, "SELECT id FROM " + prefix + "instances"));
    assertEquals(kept, store.get("kept"), "nothing was written");
    assertFalse(
        Files.exists(localRoot.resolve("closed/instances/kept"), LinkOption.NOFOLLOW_LINKS),
        "no directory was made");
  }

  @Test
  void writesInTheCallersTransactionCommitWithIt() throws Exception {
    CounterStore joined = new CounterStore(PostgresBackend.inTransaction(store.engine(), caller));
    store.create("kept");
    insertOrder("order-1");
    joined.update("kept", Counter::incremented);
    joined.compareAndSet(joined.get("kept").incremented());
    assertTrue(joined.delete("kept"));
    joined.create("new");
    caller.commit();
    assertEquals(List.of("order-1"), orders());
    assertTrue(store.find("kept").isEmpty());
    assertEquals(1, store.get("new").version());
  }

  /**
   * A delete in the caller's transaction keeps this host's instance directory while the transaction
   * is open (its files are not transactional), and the store removes it once the commit is known:
   * at its next create, delete, directory lookup or close.
   */
  @Test
  void aDeleteInTheCallersTransactionRemovesTheDirectoryOnceCommitted() throws Exception {
    CounterStore joined = new CounterStore(PostgresBackend.inTransaction(store.engine(), caller));
    Path directory = createdWithNotes("gone");

    assertTrue(joined.delete("gone"));
    store.create("while-open");
    assertTrue(Files.exists(directory.resolve("notes.txt")), "kept while the transaction is open");

    caller.commit();
    store.create("after-commit");
    assertFalse(Files.exists(directory, LinkOption.NOFOLLOW_LINKS), "removed after the commit");
    assertEquals(List.of(), trash(), "nothing left in the trash");
  }

  /** The same delete rolled back: the row is back, and so are its directory and files. */
  @Test
  void aDeleteInTheCallersTransactionThatIsRolledBackKeepsTheDirectory() throws Exception {
    CounterStore joined = new CounterStore(PostgresBackend.inTransaction(store.engine(), caller));
    Path directory = createdWithNotes("kept");

    assertTrue(joined.delete("kept"));
    caller.rollback();
    store.create("after-rollback");
    store.close();

    assertEquals("notes", Files.readString(directory.resolve("notes.txt")));
    try (CounterStore reopened = PgStores.counters(pool, prefix, localRoot, LEASE)) {
      assertEquals(1, reopened.get("kept").version());
      assertEquals(directory, reopened.dirs("kept").root());
    }
  }

  /**
   * A directory whose instance's row is already gone (a committed delete whose outcome this store
   * never learned, as when its process ended first) is removed by a later delete of the ID outside
   * a transaction, which reports that there was no instance.
   */
  @Test
  void aDeleteOutsideATransactionRemovesTheDirectoryOfARowAlreadyGone() throws Exception {
    Path directory = createdWithNotes("gone");
    Sql.update(pool, "DELETE FROM " + prefix + "instances WHERE id = 'gone'");

    assertFalse(store.delete("gone"));
    assertFalse(Files.exists(directory, LinkOption.NOFOLLOW_LINKS));
  }

  /**
   * A delete committed in the caller's transaction, then, before this store learns the commit, the
   * ID created again and its directory made and written by another store on this host: the store
   * never removes the new instance's directory, and the new instance never saw the old one's files.
   */
  @Test
  void aCommittedDeleteNeverRemovesTheDirectoryOfTheInstanceCreatedAgainSince() throws Exception {
    CounterStore joined = new CounterStore(PostgresBackend.inTransaction(store.engine(), caller));
    Path directory = createdWithNotes("job");
    assertTrue(joined.delete("job"));
    caller.commit();
    try (CounterStore other = PgStores.counters(pool, prefix, localRoot, LEASE)) {
      other.create("job");
      assertEquals(directory, other.dirs("job").root());
      Files.writeString(directory.resolve("new.txt"), "the new job's");
    }

    store.create("settles-the-delete");

    assertEquals("the new job's", Files.readString(directory.resolve("new.txt")));
    assertFalse(Files.exists(directory.resolve("notes.txt")), "the old job's files are gone");
    assertEquals(directory, store.dirs("job").root());
    assertEquals("the new job's", Files.readString(directory.resolve("new.txt")));
  }

  /**
   * A directory made in the caller's transaction for a row it created and has not committed: no
   * other connection sees the row yet, but neither another store opening on this host (its sweep)
   * nor a delete of the ID outside the transaction removes the directory while the transaction is
   * open (they did before); after the commit the instance has it, files and all.
   */
  @Test
  void aDirectoryMadeForARowCreatedInTheCallersOpenTransactionIsKeptUntilItCommits()
      throws Exception {
    CounterStore joined = new CounterStore(PostgresBackend.inTransaction(store.engine(), caller));
    joined.create("new");
    Path directory = joined.dirs("new").root();
    Files.writeString(directory.resolve("notes.txt"), "notes");

    try (CounterStore other = PgStores.counters(pool, prefix, localRoot, LEASE)) {
      assertFalse(other.delete("new"), "no other connection sees the instance yet");
    }
    assertEquals("notes", Files.readString(directory.resolve("notes.txt")), "kept while open");

    caller.commit();
    try (CounterStore reopened = PgStores.counters(pool, prefix, localRoot, LEASE)) {
      assertEquals(directory, reopened.dirs("new").root());
      assertEquals("notes", Files.readString(directory.resolve("notes.txt")));
    }
  }

  /**
   * The same directory after the caller rolls back: there never was such an instance, and the next
   * store opening on this host removes the directory.
   */
  @Test
  void aDirectoryMadeForARowCreatedInARolledBackTransactionIsRemovedAtTheNextOpen()
      throws Exception {
    CounterStore joined = new CounterStore(PostgresBackend.inTransaction(store.engine(), caller));
    joined.create("never");
    Path directory = joined.dirs("never").root();
    Files.writeString(directory.resolve("notes.txt"), "notes");
    caller.rollback();

    try (CounterStore other = PgStores.counters(pool, prefix, localRoot, LEASE)) {
      assertFalse(Files.exists(directory, LinkOption.NOFOLLOW_LINKS), "removed by the open");
      assertTrue(other.find("never").isEmpty());
    }
  }

  /**
   * A lock is a lease taken on the store's own connection, and its grant first waits for any write
   * of the instance under way: after your transaction has written an instance, locking it (or a
   * delete through a store with a provisioner, which locks) waits for your own transaction, so it
   * times out naming the instance instead of hanging, and your transaction stays usable.
   */
  @Test
  void lockingAnInstanceYourTransactionWroteWaitsForItAndTimesOutNamingIt() throws Exception {
    StoreOptions quick = StoreOptions.defaults().withLockTimeout(Duration.ofMillis(300));
    try (CounterStore shortWait = PgStores.counters(pool, prefix, localRoot, LEASE, quick)) {
      CounterStore joined =
          new CounterStore(PostgresBackend.inTransaction(shortWait.engine(), caller));
      store.create("written");
      joined.update("written", Counter::incremented);
      LockTimeoutException timedOut =
          assertThrows(LockTimeoutException.class, () -> joined.lock("written"));
      assertEquals("written", timedOut.instanceId());
      assertEquals(3, joined.update("written", Counter::incremented).version());
      caller.commit();
      try (InstanceLock lock = joined.lock("written")) {
        assertEquals(3, store.get("written").version(), "granted once the transaction ended");
      }
    }
  }

  /**
   * An update in your transaction whose wait for a row another transaction locked ends at your
   * {@code lock_timeout} is rolled back to its own savepoint: the message says your transaction
   * stays usable (it said PostgreSQL had aborted it), and it does.
   */
  @Test
  void anUpdateWhoseRowWaitTimesOutSaysYourTransactionStaysUsable() throws Exception {
    store.create("contended");
    try (Connection other = pool.getConnection()) {
      other.setAutoCommit(false);
      try {
        new CounterStore(PostgresBackend.inTransaction(store.engine(), other))
            .update("contended", Counter::incremented);
        try (Statement statement = caller.createStatement()) {
          statement.execute("SET LOCAL lock_timeout = '200ms'");
        }
        CounterStore joined =
            new CounterStore(PostgresBackend.inTransaction(store.engine(), caller));
        LockTimeoutException timedOut =
            assertThrows(
                LockTimeoutException.class, () -> joined.update("contended", Counter::incremented));
        assertTrue(timedOut.getMessage().contains("stays usable"), timedOut.getMessage());
        assertFalse(timedOut.getMessage().contains("aborted"), timedOut.getMessage());
        assertEquals(1, joined.create("after").version(), "the transaction is usable");
      } finally {
        other.rollback();
        other.setAutoCommit(true);
      }
    }
  }

  /** Creates {@code id} and writes {@code notes.txt} into its directory on this host. */
  private Path createdWithNotes(String id) throws IOException {
    store.create(id);
    Path directory = store.dirs(id).root();
    Files.writeString(directory.resolve("notes.txt"), "notes");
    return directory;
  }

  private List<Path> trash() throws IOException {
    Path trash = localRoot.resolve(".burrow/trash");
    if (!Files.exists(trash)) {
      return List.of();
    }
    try (Stream<Path> entries = Files.walk(trash)) {
      return entries.filter(path -> !Files.isDirectory(path)).toList();
    }
  }

  /**
   * A failed Burrow call inside the caller's transaction undoes only its own statements: the
   * transaction stays usable, and an update whose change threw (even an error) keeps no row lock.
   * An update waits for another holder's lease without keeping the row locked (the holder can still
   * write), and times out naming the instance.
   */
  @Test
  void aFailedCallLeavesTheCallersTransactionUsable() throws Exception {
    StoreOptions quick = StoreOptions.defaults().withLockTimeout(Duration.ofMillis(300));
    try (CounterStore shortWait = PgStores.counters(pool, prefix, localRoot, LEASE, quick)) {
      CounterStore joined =
          new CounterStore(PostgresBackend.inTransaction(shortWait.engine(), caller));
      store.create("held");
      insertOrder("order-1");
      assertThrows(InstanceNotFoundException.class, () -> joined.update("ghost", c -> c));
      AssertionError failure = new AssertionError("the change fails with an error");
      assertSame(
          failure,
          assertThrows(
              AssertionError.class,
              () ->
                  joined.update(
                      "held",
                      c -> {
                        throw failure;
                      })));
      assertEquals(2, shortWait.update("held", Counter::incremented).version());
      try (InstanceLock lock = store.lock("held")) {
        assertThrows(LockTimeoutException.class, () -> joined.update("held", Counter::incremented));
        assertEquals(3, store.update("held", Counter::incremented).version());
        assertTrue(lock.fencingToken().isPresent());
      }
      assertEquals(4, joined.update("held", Counter::incremented).version());
      caller.commit();
      assertEquals(List.of("order-1"), orders());
      assertEquals(4, store.get("held").version());
    }
  }

  /**
   * A holder's create in its {@code REPEATABLE READ} transaction, whose snapshot was taken before
   * the lock: the fenced insert sees no lease and writes nothing, yet the lease is live. The create
   * is refused as a serialization failure (SQLState 40001: run the transaction again, taking the
   * lock first), not as a lost lock; the lease is not taken for lost, so it is still renewed, and
   * the holder's create outside the transaction, past the lease duration, goes through.
   */
  @Test
  void aFencedCreateUnderRepeatableReadLockedAfterItsSnapshotIsASerializationFailure()
      throws Exception {
    caller.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try (CounterStore shortLease =
        PgStores.counters(pool, prefix, localRoot.resolve("short"), Duration.ofSeconds(2))) {
      CounterStore joined =
          new CounterStore(PostgresBackend.inTransaction(shortLease.engine(), caller));
      try (InstanceLock lock = shortLease.lock("reserved")) {
        StorageException refused =
            assertThrows(StorageException.class, () -> joined.create("reserved"));

        assertEquals("40001", ((SQLException) refused.getCause()).getSQLState());
        assertTrue(
            refused.getMessage().contains("after your transaction's snapshot"),
            refused.getMessage());
        caller.rollback();
        Thread.sleep(3_000); // past the lease duration: renewed meanwhile, as it was not lost
        assertEquals(1, shortLease.create("reserved").version());
      }
    }
  }

  /** The same for a compare-and-set of an existing instance. */
  @Test
  void aFencedCompareAndSetUnderRepeatableReadLockedAfterItsSnapshotIsASerializationFailure()
      throws Exception {
    Counter stored = store.create("held");
    caller.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    CounterStore joined = new CounterStore(PostgresBackend.inTransaction(store.engine(), caller));
    try (InstanceLock lock = store.lock("held")) {
      StorageException refused =
          assertThrows(StorageException.class, () -> joined.compareAndSet(stored.incremented()));

      assertEquals("40001", ((SQLException) refused.getCause()).getSQLState());
      caller.rollback();
      assertEquals(2, store.compareAndSet(stored.incremented()).version());
    }
  }

  /**
   * A create in a {@code REPEATABLE READ} transaction whose snapshot was taken before another
   * holder locked the ID: no row exists for the grant to mark, so the insert's guard, read from the
   * snapshot, would miss the lease; the lease is read as it is now, and waited out up to the lock
   * timeout, as under {@code READ COMMITTED}. Nothing failed in the transaction: once the lock is
   * released, the create goes through in it.
   */
  @Test
  void aCreateUnderRepeatableReadWaitsForALeaseGrantedAfterItsSnapshot() throws Exception {
    StoreOptions quick = StoreOptions.defaults().withLockTimeout(Duration.ofMillis(300));
    caller.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try (CounterStore shortWait = PgStores.counters(pool, prefix, localRoot, LEASE, quick);
        CounterStore holder = PgStores.counters(pool, prefix, localRoot.resolve("holder"), LEASE)) {
      CounterStore joined =
          new CounterStore(PostgresBackend.inTransaction(shortWait.engine(), caller));
      try (InstanceLock lock = holder.lock("reserved")) {
        assertThrows(LockTimeoutException.class, () -> joined.create("reserved"));
      }
      assertEquals(1, joined.create("reserved").version());
      caller.commit();
      assertEquals(1, store.get("reserved").version());
    }
  }

  /**
   * A write in a {@code REPEATABLE READ} transaction from no lease holder, while another holder's
   * lease is live: the transaction's snapshot holds the lease as it was before its last renewal, so
   * once the expiry it shows has passed, a guard read from the snapshot finds no live lease (and
   * the renewal marks nothing on the row). The lease is read as it is now and waited out up to the
   * lock timeout, as under {@code READ COMMITTED}; nothing is written under it. Before, the write
   * went through as soon as the snapshot's expiry passed (within the lease duration, so with the
   * default 30 s lock timeout and 15 s lease, every such write that waited long enough).
   */
  @ParameterizedTest
  @ValueSource(strings = {"update", "compareAndSet", "delete"})
  void aWriteUnderRepeatableReadWaitsForALeaseRenewedAfterItsSnapshot(String write)
      throws Exception {
    Counter stored = store.create("held");
    StoreOptions quick = StoreOptions.defaults().withLockTimeout(Duration.ofMillis(500));
    caller.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try (CounterStore shortWait =
            PgStores.counters(pool, prefix, localRoot.resolve("waiting"), LEASE, quick);
        CounterStore holder = PgStores.counters(pool, prefix, localRoot.resolve("holder"), LEASE);
        InstanceLock lock = holder.lock("held")) {
      String lease = "UPDATE " + prefix + "leases SET expires_at = clock_timestamp() + ?::interval";
      Sql.update(pool, lease + " WHERE id = 'held'", "200 milliseconds"); // due for renewal
      String expiry = "SELECT expires_at > clock_timestamp() FROM " + prefix + "leases";
      assertEquals(List.of("t"), column(caller, expiry + " WHERE id = 'held'")); // the snapshot
      Sql.update(pool, lease + " WHERE id = 'held'", "15 seconds"); // renewed
      while (!column(caller, expiry + " WHERE id = 'held'").equals(List.of("f"))) {
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // the snapshot's expiry passes
      }
      CounterStore joined =
          new CounterStore(PostgresBackend.inTransaction(shortWait.engine(), caller));
      Executable writing =
          switch (write) {
            case "update" -> () -> joined.update("held", Counter::incremented);
            case "compareAndSet" -> () -> joined.compareAndSet(stored.incremented());
            default -> () -> joined.delete("held");
          };

      assertThrows(LockTimeoutException.class, writing);
      caller.commit();
      assertEquals(1, store.get("held").version(), "nothing written under the live lease");
      assertEquals(List.of("t"), Sql.column(pool, expiry + " WHERE id = 'held'"), "still held");
    }
  }

  /**
   * A write in a {@code REPEATABLE READ} transaction from no lease holder, where another holder's
   * lease, live when the transaction's snapshot was taken, has been released since: the snapshot
   * keeps showing the lease live (its expiry is 15 s away), so waiting cannot end it. The write
   * fails at once as a serialization failure (nothing written, the transaction usable), to be run
   * again in a new transaction. Before, it waited out the whole lock timeout and threw {@link
   * LockTimeoutException}, although no one held the lock.
   */
  @ParameterizedTest
  @ValueSource(strings = {"create", "update", "compareAndSet", "delete"})
  void aWriteUnderRepeatableReadFailsAsASerializationFailureForALeaseReleasedAfterItsSnapshot(
      String write) throws Exception {
    Counter stored = store.create("held");
    String id = write.equals("create") ? "reserved" : "held";
    StoreOptions waits = StoreOptions.defaults().withLockTimeout(Duration.ofSeconds(2));
    caller.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try (CounterStore waiting =
            PgStores.counters(pool, prefix, localRoot.resolve("waiting"), LEASE, waits);
        CounterStore holder = PgStores.counters(pool, prefix, localRoot.resolve("holder"), LEASE)) {
      InstanceLock lock = holder.lock(id);
      String live =
          "SELECT holder IS NOT NULL AND expires_at > clock_timestamp() FROM "
              + prefix
              + "leases WHERE id = '"
              + id
              + "'";
      assertEquals(List.of("t"), column(caller, live)); // the snapshot
      lock.close();
      assertEquals(List.of("f"), Sql.column(pool, live), "released");
      CounterStore joined =
          new CounterStore(PostgresBackend.inTransaction(waiting.engine(), caller));
      Executable writing =
          switch (write) {
            case "create" -> () -> joined.create(id);
            case "update" -> () -> joined.update(id, Counter::incremented);
            case "compareAndSet" -> () -> joined.compareAndSet(stored.incremented());
            default -> () -> joined.delete(id);
          };

      StorageException refused = assertThrows(StorageException.class, writing);
      assertEquals("40001", ((SQLException) refused.getCause()).getSQLState());
      assertEquals(List.of("t"), column(caller, live), "the snapshot still shows the lease");
      caller.commit();
      assertEquals(1, store.get("held").version(), "nothing written");
      assertFalse(store.find("reserved").isPresent(), "nothing created");
    }
  }

  private static List<String> column(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      List<String> values = new java.util.ArrayList<>();
      while (rows.next()) {
        values.add(rows.getString(1));
      }
      return values;
    }
  }

  /**
   * A write in a {@code REPEATABLE READ} transaction meets its store's own stale lease (a release
   * that failed), which the transaction's snapshot holds: the lease is released inside the
   * transaction, so the write's next try sees it gone and writes, rather than releasing it again
   * and again on the store's own connection, unseen by the snapshot, until the lease expires.
   */
  @Test
  void aWriteUnderRepeatableReadReleasesItsOwnStaleLeaseWhereItSeesIt() throws Exception {
    StoreOptions quick = StoreOptions.defaults().withLockTimeout(Duration.ofMillis(300));
    Tap tap = Tap.of(pool);
    caller.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
    try (CounterStore tapped =
        PgStores.counters(
            tap.dataSource(), prefix, localRoot.resolve("tapped"), Duration.ofSeconds(4), quick)) {
      Counter stored = tapped.create("stale");
      InstanceLock lock = tapped.lock("stale");
      tap.down.set(true);
      lock.close(); // the release fails: a stale lease of the store's own
      tap.down.set(false);
      CounterStore joined =
          new CounterStore(PostgresBackend.inTransaction(tapped.engine(), caller));
      tap.statements.clear();
      long started = System.nanoTime();
      String outcome;
      try {
        outcome = "written v" + joined.compareAndSet(stored.incremented()).version();
      } catch (RuntimeException e) {
        outcome = e.toString();
      }
      long millis = (System.nanoTime() - started) / 1_000_000;
      long releases =
          tap.statements.stream().filter(sql -> sql.contains("SET holder = NULL")).count();
      assertTrue(
          millis < 1500 && releases < 10,
          outcome + " after " + millis + " ms and " + releases + " lease releases");
      assertEquals("written v2", outcome);
      caller.commit();
      assertEquals(
          List.of("0"),
          Sql.column(
              pool,
              "SELECT count(*) FROM "
                  + prefix
                  + "leases WHERE id = 'stale' AND holder IS NOT NULL"),
          "the release committed with the transaction");
    }
  }

  /**
   * An update in the caller's transaction that waits for another holder's lease tries again, each
   * time inside a savepoint of its own; each is released (after being rolled back to), so a long
   * wait nests no savepoints in the caller's transaction, and the update lands once the lease is
   * released.
   */
  @Test
  void aWaitingUpdateLeavesNoSavepointPerRetryInTheCallersTransaction() throws Exception {
    int retries = 20;
    store.create("held");
    Tap tap = Tap.of(pool);
    tap.bound.set(caller);
    ExecutorService updater = Executors.newSingleThreadExecutor();
    try (CounterStore holder = PgStores.counters(pool, prefix, localRoot.resolve("holder"), LEASE);
        Connection tapped = tap.dataSource().getConnection()) {
      CounterStore joined = new CounterStore(PostgresBackend.inTransaction(store.engine(), tapped));
      Future<Counter> update;
      try (InstanceLock lock = holder.lock("held")) {
        update = updater.submit(() -> joined.update("held", Counter::incremented));
        assertTrue(
            tap.executed.tryAcquire(retries, NO_HANG.toSeconds(), TimeUnit.SECONDS),
            "the update never tried " + retries + " times");
      }
      assertEquals(2, update.get(NO_HANG.toSeconds(), TimeUnit.SECONDS).version());
      long set = tap.events.stream().filter("setSavepoint"::equals).count();
      // The try whose statement was the last one counted may have run it after the release, and
      // written: so at least that many tries, each in a savepoint, all but the last rolled back.
      assertTrue(set >= retries, "one savepoint per try: " + tap.events);
      assertEquals(
          set - 1,
          tap.events.stream().filter("rollback"::equals).count(),
          "every try but the last rolled back to its savepoint: " + tap.events);
      assertEquals(
          set,
          tap.events.stream().filter("releaseSavepoint"::equals).count(),
          "every savepoint released: " + tap.events);
      caller.commit();
      assertEquals(2, store.get("held").version());
    } finally {
      updater.shutdownNow();
    }
  }

  /**
   * Creating an ID that another open transaction has inserted waits for that transaction; when the
   * caller's {@code lock_timeout} ends the wait, the caller gets a lock timeout naming the
   * instance, and the other transaction's create still commits.
   */
  @Test
  void aCreateWaitingForAnotherTransactionsInsertTimesOutNamingTheInstance() throws Exception {
    CounterStore first = new CounterStore(PostgresBackend.inTransaction(store.engine(), caller));
    first.create("contested");
    try (Connection second = pool.getConnection()) {
      second.setAutoCommit(false);
      try {
        try (Statement statement = second.createStatement()) {
          statement.execute("SET LOCAL lock_timeout = '200ms'");
        }
        CounterStore waiting =
            new CounterStore(PostgresBackend.inTransaction(store.engine(), second));
        LockTimeoutException timedOut =
            assertThrows(LockTimeoutException.class, () -> waiting.create("contested"));
        assertEquals("contested", timedOut.instanceId());
        assertTrue(timedOut.getMessage().startsWith("creating "), timedOut.getMessage());
        assertTrue(timedOut.getMessage().contains("'contested'"), timedOut.getMessage());
      } finally {
        second.rollback();
        second.setAutoCommit(true);
      }
    }
    caller.commit();
    assertEquals(1, store.get("contested").version());
  }

  /**
   * On the store's own connection, a create of an ID another open transaction has inserted waits
   * for that transaction at most the store's lock timeout, never for as long as the transaction
   * stays open: a timeout of zero or under a millisecond does not wait, and never becomes
   * PostgreSQL's {@code lock_timeout = 0}, which waits without limit.
   */
  @ParameterizedTest
  @ValueSource(longs = {200_000_000, 500_000, 0})
  void aCreateOnTheStoresOwnConnectionWaitsForAnotherTransactionsInsertAtMostTheLockTimeout(
      long timeoutNanos) throws Exception {
    CounterStore first = new CounterStore(PostgresBackend.inTransaction(store.engine(), caller));
    first.create("contested");
    StoreOptions quickly = StoreOptions.defaults().withLockTimeout(Duration.ofNanos(timeoutNanos));
    try (CounterStore waiting = PgStores.counters(pool, prefix, localRoot, LEASE, quickly)) {
      LockTimeoutException timedOut =
          assertTimeoutPreemptively(
              NO_HANG,
              () -> assertThrows(LockTimeoutException.class, () -> waiting.create("contested")),
              "the create waited for the other transaction to end");
      assertEquals("contested", timedOut.instanceId());
      assertTrue(timedOut.getMessage().contains("'contested'"), timedOut.getMessage());
    }
    caller.commit();
    assertEquals(1, store.get("contested").version());
  }

  /**
   * The caller's connection lost mid-transaction takes the transaction with it, Burrow's earlier
   * writes in it included: the failure says so, since the same call on the same view can never
   * succeed again, and a retriable "nothing was written" alone would read as if the rest stood.
   */
  @Test
  void aLostConnectionSaysTheWholeTransactionIsGone() throws Exception {
    store.create("kept");
    try (Connection doomed = pool.getConnection()) {
      doomed.setAutoCommit(false);
      CounterStore joined = new CounterStore(PostgresBackend.inTransaction(store.engine(), doomed));
      joined.create("created-in-it");
      endSession(backendOf(doomed));

      BackendUnavailableException lost =
          assertThrows(
              BackendUnavailableException.class, () -> joined.update("kept", Counter::incremented));

      assertTrue(
          lost.getMessage().contains("your transaction is gone with its connection"),
          lost.getMessage());
    }
    assertTrue(store.find("created-in-it").isEmpty(), "the transaction's create was rolled back");
    assertEquals(1, store.get("kept").version());
  }

  private static int backendOf(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
      pid.next();
      return pid.getInt(1);
    }
  }

  /** Ends the session of backend {@code pid} and waits until the server has ended it. */
  private void endSession(int pid) {
    Sql.column(pool, "SELECT pg_terminate_backend(?)", pid);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Sql.column(pool, "SELECT pid FROM pg_stat_activity WHERE pid = ?", pid).isEmpty()) {
      assertTrue(System.nanoTime() - deadline < 0, "the server never ended session " + pid);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
  }

  @Test
  void aConnectionInAutoCommitModeHasNoTransactionToJoin() throws Exception {
    try (Connection autoCommit = pool.getConnection()) {
      CounterStore joined =
          new CounterStore(PostgresBackend.inTransaction(store.engine(), autoCommit));
      MisuseException refused = assertThrows(MisuseException.class, () -> joined.create("x"));
      assertTrue(refused.getMessage().contains("auto-commit mode"), refused.getMessage());
      assertFalse(store.find("x").isPresent());
    }
  }
}
