package dev.burrow.postgres.internal;

import dev.burrow.BurrowException;
import dev.burrow.Condition;
import dev.burrow.CorruptInstanceException;
import dev.burrow.Durability;
import dev.burrow.IdGenerator;
import dev.burrow.InstanceAlreadyExistsException;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.LockLostException;
import dev.burrow.LockTimeoutException;
import dev.burrow.MisuseException;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.VersionConflictException;
import dev.burrow.runtime.internal.cache.KeptDocuments;
import dev.burrow.runtime.internal.filestore.FileSystemBackend;
import dev.burrow.runtime.internal.id.IdGenerators;
import dev.burrow.runtime.internal.lock.OrderedLocks;
import dev.burrow.runtime.internal.store.CheckedSchema;
import dev.burrow.runtime.internal.store.NewestFirst;
import dev.burrow.runtime.internal.store.SortKey;
import dev.burrow.runtime.internal.text.MemberSpan;
import dev.burrow.runtime.internal.transfer.KindDescription;
import dev.burrow.runtime.internal.transfer.RawSchema;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.PathSegments;
import dev.burrow.spi.StorageBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Stores one instance kind in PostgreSQL, shared by every host that opens the same database and
 * table prefix. Plain JDBC: pass any {@link DataSource}, ideally a connection pool.
 *
 * <ul>
 *   <li>Opening creates or upgrades Burrow's tables (versioned migrations under an advisory lock,
 *       safe when many hosts start at once) and prunes free lease rows.
 *   <li>A document is one row of {@code <prefix>instances}: kind, ID, version column and the
 *       codec's JSON as {@code text}, byte for byte.
 *   <li>One commit per write: create is an {@code INSERT … ON CONFLICT DO NOTHING} (an existing ID
 *       is never overwritten); create, compare-and-set and delete are guarded single statements
 *       that also say, when they change nothing, why not (a delete's {@code COMMIT} follows on its
 *       own, so that a lost connection never makes its result untrue). {@code update} is one
 *       transaction: the row is locked ({@code SELECT … FOR UPDATE}), the change applied, the
 *       guarded {@code UPDATE} written, and committed once, so a concurrent writer can neither slip
 *       in between nor make it give up. It is begun and committed by statements, never by switching
 *       the borrowed connection's auto-commit; with pgjdbc the {@code BEGIN} travels with the
 *       {@code SELECT} and the {@code COMMIT} with the {@code UPDATE}, so an update costs two round
 *       trips. An update of a row this backend's own connections created or wrote last, unchanged
 *       since, is one guarded {@code UPDATE} committed on its own instead ({@link #updateWritten}).
 *   <li>Every write respects leases in its own statement: from the thread holding the instance's
 *       lock, the lease must still be this holder's, with this epoch, unexpired by the database's
 *       clock (else {@link LockLostException}); from anyone else, no one may hold a live lease
 *       (else the write waits, polling, up to the lock timeout). A holder whose release failed
 *       reclaims its own stale lease instead of waiting it out.
 *   <li>Locks are leases ({@link LeaseLock}) renewed in the background while held.
 *   <li>Listing is newest first, read by index in pages whatever the table's statistics; a damaged
 *       row is reported, naming the row, and never hides the healthy ones.
 *   <li>Instance directories are on this host's disk under the local root, created on first use.
 * </ul>
 *
 * <p>Statements run on the backend's own connections ({@link Database}), or, for a view made by
 * {@link #joining(Connection)}, in the caller's transaction ({@link CallerTransaction}). Durability
 * is the server's: a write is acknowledged when its transaction commits.
 */
public final class PostgresStorage<T> implements StorageBackend<T> {
  private static final long MAX_WAIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /**
   * A listing or finder page is sent no further documents once those of its rows add up to this
   * many bytes (it always holds at least one row), as on the filesystem: a page of huge documents
   * cannot exhaust the heap.
   */
  private static final int MAX_PAGE_BYTES = FileSystemBackend.MAX_PAGE_BYTES;

  /** Rows read per query when a count is verified in Java: what such a count holds in memory. */
  private static final int VERIFIED_COUNT_PAGE = 500;

  private final Shared<T> shared;
  private final Connections connections;
  private final InstanceSchema<T> schema;
  private final String kind;
  private final Documents<T> documents;
  private final ExpressionIndexes<T> indexes;
  private final Statements statements;
  private final Leases leases;

  /** What every view of one opened backend shares. */
  private record Shared<T>(
      InstanceSchema<T> schema,
      Documents<T> documents,
      ExpressionIndexes<T> indexes,
      Statements statements,
      Leases leases,
      LocalDirectories directories,
      JoinedDeletes joinedDeletes,
      LeasedSnowflakes snowflakes,
      Duration lockTimeout,
      Duration leaseDuration,
      KeptDocuments<Written> written,
      UpdatesInFlight updating,
      MissedUpdates missed) {}

  /**
   * What this backend's own connections last committed to a row (created or wrote): its
   * incarnation, the version and the document text, byte for byte as stored. The pair of
   * incarnation and version names one content for good, since every write through Burrow makes a
   * new version and every create a new incarnation; a write outside Burrow that keeps the version
   * is told by the text, which the one-statement update compares too.
   */
  private record Written(long incarnation, long version, String document)
      implements KeptDocuments.Sized {
    @Override
    public long documentBytes() {
      return 2L * document.length(); // a string takes at most two bytes a character
    }
  }

  private PostgresStorage(Shared<T> shared, Connections connections) {
    this.shared = shared;
    this.connections = connections;
    this.schema = shared.schema();
    this.kind = schema.layout().name();
    this.documents = shared.documents();
    this.indexes = shared.indexes();
    this.statements = shared.statements();
    this.leases = shared.leases();
  }

  /**
   * Opens the backend for {@code schema}'s kind: creates or upgrades the tables under the settings'
   * prefix, creates the expression index of each {@code @Indexed} component that has none or an
   * invalid one, without blocking writes (and drops those of components no longer indexed; see
   * {@link ExpressionIndexes#apply}), prunes free lease rows, and removes this host's directories
   * of instances deleted since ({@link LocalDirectories#sweep}).
   *
   * @param dataSource connections to the database (a pool is best; the driver is the caller's),
   *     handed out in auto-commit mode
   * @param localRoot this host's root for instance directories, {@code <localRoot>/instances/<id>/}
   * @param durability how instance directories are made and removed on this host (see {@link
   *     LocalDirectories}); documents are as durable as the server makes its commits
   * @param lockTimeout how long writes wait for another holder's lease or row lock
   * @throws dev.burrow.StorageException if the database cannot be reached or written
   * @throws dev.burrow.MisuseException if the database is not UTF-8
   * @throws dev.burrow.NewerFormatException if its tables are newer than this Burrow
   */
  public static <T> PostgresStorage<T> open(
      InstanceSchema<T> schema,
      DataSource dataSource,
      Path localRoot,
      Durability durability,
      Duration lockTimeout,
      StorageSettings settings) {
    Database database = new Database(dataSource);
    Tables tables = new Tables(settings.tablePrefix());
    Migrations.apply(database, tables, lockTimeout);
    String kind = schema.layout().name();
    Leases leases = new Leases(database, tables, kind, settings.leaseDuration());
    try {
      return open(schema, database, tables, leases, localRoot, durability, lockTimeout, settings);
    } catch (RuntimeException | Error e) {
      leases.abandon(); // no lease was taken: only its renewer thread must not outlive the open
      throw e;
    }
  }

  private static <T> PostgresStorage<T> open(
      InstanceSchema<T> schema,
      Database database,
      Tables tables,
      Leases leases,
      Path localRoot,
      Durability durability,
      Duration lockTimeout,
      StorageSettings settings) {
    String kind = schema.layout().name();
    KindDescription description = KindDescription.of(schema);
    Statements statements = new Statements(tables);
    LocalDirectories directories =
        new LocalDirectories(
            localRoot,
            schema.layout().subdirectories(),
            durability,
            new Incarnations(database, statements, kind));
    Shared<T> shared =
        new Shared<>(
            schema,
            new Documents<>(schema, tables, description.fields().createdAt()),
            new ExpressionIndexes<>(schema, tables),
            statements,
            leases,
            directories,
            new JoinedDeletes(database, tables, kind, directories),
            new LeasedSnowflakes(
                new PostgresWorkerIds(database, tables, settings.leaseDuration()), kind),
            lockTimeout,
            settings.leaseDuration(),
            new KeptDocuments<>(),
            new UpdatesInFlight(),
            new MissedUpdates());
    if (!RawSchema.isRaw(schema)) {
      // a raw schema cannot say which components are indexed: the user's indexes stay as they are
      shared.indexes().apply(database, lockTimeout);
    }
    leases.prune();
    Kinds kinds = new Kinds(database, tables);
    if (RawSchema.isRaw(schema)) {
      kinds.recordOrCheck(description); // a tool's store: the application's description stands
    } else {
      kinds.record(description);
    }
    shared.directories().makeRoot();
    shared.directories().sweep();
    return new PostgresStorage<>(shared, database);
  }

  /**
   * The description of {@code kind} recorded by the stores that opened it on this database and
   * prefix, or null if none did: what a tool without the user's classes opens the kind as, through
   * a {@link dev.burrow.runtime.internal.transfer.RawSchema}. Brings the tables up to date first,
   * waiting for table locks as long as a store with the default options does.
   */
  public static @Nullable KindDescription describedKind(
      DataSource dataSource, StorageSettings settings, String kind) {
    Database database = new Database(dataSource);
    Tables tables = new Tables(settings.tablePrefix());
    Migrations.apply(database, tables, StoreOptions.defaults().lockTimeout());
    return new Kinds(database, tables).read(kind);
  }

  /**
   * A view of this backend whose document reads and writes run in the caller's open transaction on
   * {@code connection}: they take effect when the caller commits, and a rollback undoes them. Locks
   * stay leases on the backend's own connections (visible to every host at once). Closing the view
   * closes nothing.
   */
  public PostgresStorage<T> joining(Connection connection) {
    return new PostgresStorage<>(shared, new CallerTransaction(connection));
  }

  /**
   * One guarded {@code INSERT … ON CONFLICT DO NOTHING}: like every write, it waits out another
   * holder's live lease on the ID (a lock taken before the instance exists reserves its create for
   * the holder) and, from the holder, carries its fence. A connection lost after the statement may
   * have reached the server is resolved by reading the row: the one this call created (perhaps
   * written since) means done; none, or another one, is reported as {@link
   * OutcomeUnknownException}, and the insert is never run again. A missing row does not show that
   * the insert did not commit: it may have committed and been deleted by another host since (whose
   * acknowledged delete a second insert would undo), and another row may have been created after
   * that delete. Only a connection lost before anything was sent ({@link Failures#notSent}) is
   * tried again. What it wrote is kept ({@link Written}, with the incarnation the statement
   * returns), so the instance's first update is one statement too; a create whose outcome was
   * learned after a lost connection keeps nothing.
   */
  @Override
  public void insert(T instance) {
    settleJoinedDeletes();
    String id = schema.id(instance);
    String document = documents.encode(instance);
    Attempt attempt =
        statement(
            id,
            connection -> {
              Stored stored = lockedRead(connection, id);
              if (stored != null && sameCreation(id, instance, document, stored)) {
                return WriteState.WRITTEN;
              }
              throw new Connections.Unknown(
                  stored == null
                      ? "no instance is stored with the ID, yet the create may have committed"
                          + " and its instance been deleted since"
                      : "another instance is stored with the ID: the create may have found the ID"
                          + " taken, or committed and its instance been deleted and created"
                          + " again since");
            });
    AtomicReference<@Nullable Long> created = new AtomicReference<>();
    guardedWrite(
        id,
        leases.fenceOf(id),
        "creating",
        connections.joined() ? statements.insertJoined : statements.insert,
        new Object[] {schema.version(instance), NewestFirst.idRank(id), document, kind, id},
        state -> {
          if (state.version() != null) {
            throw new InstanceAlreadyExistsException(id);
          }
          return true;
        },
        (operation, sql, parameters) -> {
          WriteState state = attempt.run(operation, sql, parameters);
          created.set(state.incarnation());
          return state;
        });
    Long incarnation = created.get();
    remember(
        id,
        incarnation == null ? null : new Written(incarnation, schema.version(instance), document));
  }

  /** True if {@code stored} is the row {@code instance} created, perhaps written since. */
  private boolean sameCreation(String id, T instance, String document, Stored stored)
      throws Connections.Unknown {
    if (document.equals(stored.document())) {
      return true;
    }
    T current = documents.decode(id, stored.version(), stored.document(), stored.bytes());
    Instant createdAt = schema.createdAt(instance);
    if (createdAt == null) {
      throw new Connections.Unknown("the kind has no created-at to tell two creations apart");
    }
    return createdAt.equals(schema.createdAt(current));
  }

  @Override
  public Optional<T> find(String id) {
    List<T> found =
        connections.read(
            "reading " + documents.location(id),
            connection ->
                Database.query(
                    connection,
                    statements.find,
                    row -> documents.decode(id, row.getLong(1), row.getString(2), row.getInt(3)),
                    CheckedSchema.MAX_DOCUMENT_BYTES,
                    kind,
                    id));
    return found.stream().findFirst();
  }

  /**
   * First, if this backend wrote the row last as far as it knows ({@link Written}), the change
   * applied to what it wrote, in one statement committed on its own ({@link #updateWritten}), when
   * no other update of the row runs in this backend ({@link UpdatesInFlight}): those lock the row
   * rather than race a try at most one of them could win. Else, or if that wrote nothing, one
   * transaction: locks the row, applies {@code change} to what it holds, writes the result under
   * this thread's fence (or, without one, only while no one else holds a live lease), and commits.
   * Another holder's live lease is waited out, polling, up to the lock timeout, without holding the
   * row lock meanwhile.
   */
  @Override
  public T update(String id, UnaryOperator<T> change) {
    boolean alone = shared.updating().begin(id);
    try {
      return update(id, change, alone);
    } finally {
      shared.updating().end(id);
    }
  }

  private T update(String id, UnaryOperator<T> change, boolean alone) {
    @Nullable Fence fence = leases.fenceOf(id);
    Written known =
        alone && fence == null && !connections.joined() ? shared.written().take(id) : null;
    if (known != null) {
      T next = updateWritten(id, known, change);
      if (next != null) {
        return next;
      }
    }
    String what = "updating " + documents.location(id);
    LeaseWait wait = leaseWait(id);
    AtomicReference<@Nullable T> written = new AtomicReference<>();
    AtomicReference<@Nullable Written> stored = new AtomicReference<>();
    boolean over = false;
    try {
      while (true) {
        try {
          T next =
              connections.transaction(
                  what,
                  id,
                  (connection, bounds) ->
                      updateRow(connection, bounds, id, change, fence, written, stored),
                  connection -> committed(connection, id, written.get(), stored.get()));
          over = true;
          remember(id, shared.missed().mayKeep(id) ? stored.get() : null);
          return next;
        } catch (LeaseBusy busy) {
          wait.pause(what);
        } catch (Connections.LockWaitTimedOut e) {
          throw timedOut(id, e);
        }
      }
    } finally {
      wait.end(over);
    }
  }

  /**
   * An update's first tries on a row this backend wrote last as far as it knows: {@code change}
   * applied to what that write stored, written by one statement committed on its own ({@link
   * Statements#writeKnown}), only if the row still has that write's incarnation, version and
   * document, no other transaction holds its lock and no one holds a live lease. One round trip, no
   * wait for a lock and no row lock held across the change. A statement that writes nothing returns
   * the row as it found it, and the change is tried once more, the same way, on that: a row another
   * host wrote since costs two round trips, as the locked transaction does. Null when neither try
   * wrote, so that the locked path decides on what the row holds (a miss, counted by {@link
   * MissedUpdates}): another host wrote or deleted it, holds its lock or a lease; or when the
   * change threw or made a value that cannot be stored: a change that throws on what this backend
   * wrote may not throw on what is stored, so what it throws is left for the locked path to throw
   * again, or not (but for {@link MisuseException}: a change that writes its own instance is wrong
   * on any value).
   */
  private @Nullable T updateWritten(String id, Written known, UnaryOperator<T> change) {
    Written tried = known;
    for (int attempt = 1; attempt <= 2; attempt++) {
      T next;
      String document;
      try {
        next = change.apply(documents.decode(id, tried.version(), tried.document(), 0));
        document = documents.encode(next);
      } catch (MisuseException e) {
        throw e; // the change writes its own instance: no value makes that right
      } catch (Exception e) {
        return null;
      }
      Written stored = new Written(tried.incarnation(), schema.version(next), document);
      KnownTry found = tryWritten(id, tried, stored);
      if (found.written()) {
        shared.missed().wrote(id);
        remember(id, stored);
        return next;
      }
      Written seen = found.seen();
      if (seen == null) {
        break;
      }
      tried = seen;
    }
    shared.missed().missed(id);
    return null;
  }

  /**
   * What one try of {@link Statements#writeKnown} did, and the row it found if it wrote nothing.
   */
  private record KnownTry(boolean written, @Nullable Written seen) {
    static final KnownTry WRITTEN = new KnownTry(true, null);

    static KnownTry read(ResultSet row) throws SQLException {
      if (row.getLong(1) > 0) {
        return WRITTEN;
      }
      long version = row.getLong(2);
      boolean present = !row.wasNull();
      String document = row.getString(3);
      long incarnation = row.getLong(4);
      return new KnownTry(
          false,
          present && document != null && !document.isEmpty()
              ? new Written(incarnation, version, document)
              : null);
    }
  }

  /**
   * Writes {@code stored} in place of {@code tried} with one statement; a connection lost on the
   * way is resolved by reading the row back.
   */
  private KnownTry tryWritten(String id, Written tried, Written stored) {
    try {
      return connections.write(
          "updating " + documents.location(id),
          id,
          connection ->
              Database.query(
                      connection,
                      statements.writeKnown,
                      KnownTry::read,
                      kind,
                      id,
                      tried.version(),
                      tried.incarnation(),
                      tried.document(),
                      stored.version(),
                      stored.document(),
                      CheckedSchema.MAX_DOCUMENT_BYTES,
                      kind,
                      id)
                  .get(0),
          connection ->
              replacedOrNot(
                  connection,
                  id,
                  tried.incarnation(),
                  tried.version(),
                  stored.version(),
                  stored.document(),
                  KnownTry.WRITTEN));
    } catch (Connections.LockWaitTimedOut e) {
      throw timedOut(id, e);
    }
  }

  /** Keeps what a committed write of this backend's own connections stored, if it knows it. */
  private void remember(String id, @Nullable Written stored) {
    if (stored == null || connections.joined()) {
      shared.written().forget(id);
    } else {
      shared.written().keep(id, stored);
    }
  }

  private T updateRow(
      Connection connection,
      Bounds bounds,
      String id,
      UnaryOperator<T> change,
      @Nullable Fence fence,
      AtomicReference<@Nullable T> written,
      AtomicReference<@Nullable Written> stored)
      throws SQLException {
    List<LockedRow> rows =
        connections.joined()
            ? Database.query(
                connection,
                bounds.first(statements.lockRowJoined),
                LockedRow::read,
                CheckedSchema.MAX_DOCUMENT_BYTES,
                kind,
                id)
            : Database.query(
                connection,
                bounds.first(statements.lockRow),
                LockedRow::read,
                CheckedSchema.MAX_DOCUMENT_BYTES,
                kind,
                id,
                lockTimeoutSetting(),
                Long.toString(shared.leaseDuration().toMillis()));
    if (rows.isEmpty()) {
      throw new InstanceNotFoundException(id);
    }
    LockedRow row = rows.get(0);
    if (fence != null) {
      if (!row.lease().heldBy(fence)) {
        throw leaseLost(id, fence, row.lease());
      }
    } else if (row.lease().held()) {
      if (!leases.isStaleOwn(id, row.lease().holder())) {
        throw new LeaseBusy();
      }
      leases.releaseStale(connection, id, row.lease().epoch());
    }
    T current = documents.decode(id, row.version(), row.document(), row.bytes());
    long changeStarted = System.nanoTime();
    T next = change.apply(current);
    long changeNanos = System.nanoTime() - changeStarted;
    written.set(next);
    String document = documents.encode(next);
    stored.set(new Written(row.incarnation(), schema.version(next), document));
    Object[] parameters =
        withFence(fence, schema.version(next), document, kind, id, schema.version(current));
    int updated;
    try {
      updated = Database.update(connection, bounds.last(statements.write.sql(fence)), parameters);
    } catch (SQLException e) {
      Duration lease = shared.leaseDuration();
      if (!connections.joined() && Failures.endedIdle(e, lease, changeNanos)) {
        throw Failures.outlivedLease(e, lease, changeNanos);
      }
      throw e;
    }
    if (updated == 0) {
      if (fence != null) {
        throw new LockLostException(id, fence.epoch(), "it expired while the row was written");
      }
      throw new LeaseBusy(); // a lease was granted between the row lock and the write
    }
    return next;
  }

  /**
   * After a lost commit: waits for the row's lock (so the lost transaction is over) and compares.
   * Asked only once the {@code COMMIT} was made, so after the change was applied ({@code next}) and
   * what it writes made ({@code wrote}).
   */
  private @Nullable T committed(
      Connection connection, String id, @Nullable T next, @Nullable Written wrote)
      throws SQLException, Connections.Unknown {
    Objects.requireNonNull(next, "an update whose COMMIT was made has applied its change");
    Objects.requireNonNull(wrote, "an update whose COMMIT was made has made what it writes");
    return replacedOrNot(
        connection,
        id,
        wrote.incarnation(),
        wrote.version() - 1,
        wrote.version(),
        wrote.document(),
        next);
  }

  /**
   * The stored row, read after any transaction holding its lock has ended: waits at most the lock
   * timeout for that, after which the write's outcome is reported unknown (the lock wait's failure
   * is not a lost connection).
   */
  private @Nullable Stored lockedRead(Connection connection, String id) throws SQLException {
    List<Stored> rows =
        Database.query(
            connection,
            statements.findSettled,
            row -> new Stored(row.getLong(1), row.getString(2), row.getInt(3), row.getLong(4)),
            CheckedSchema.MAX_DOCUMENT_BYTES,
            kind,
            id,
            lockTimeoutSetting());
    return rows.isEmpty() ? null : rows.get(0);
  }

  @Override
  public void replace(String id, long expectedVersion, T next) {
    replace(id, expectedVersion, next, leases.fenceOf(id));
  }

  /** Replaces under {@code fence}, or, with none, only while no one holds a live lease. */
  void replace(String id, long expectedVersion, T next, @Nullable Fence fence) {
    shared.written().forget(id);
    String document = documents.encode(next);
    guardedWrite(
        id,
        fence,
        "replacing",
        connections.joined() ? statements.replaceJoined : statements.replace,
        new Object[] {schema.version(next), document, kind, id, expectedVersion},
        state -> replaceable(id, expectedVersion, state),
        statement(
            id,
            connection ->
                replacedOrNot(
                    connection,
                    id,
                    null,
                    expectedVersion,
                    schema.version(next),
                    document,
                    WriteState.WRITTEN)));
  }

  /**
   * After a lost connection, whether a write of {@code document} at {@code version} in place of
   * {@code expectedVersion} committed: {@code written} if the row holds it, null if the row still
   * has the expected version (it certainly did not). Where the write was to a known incarnation of
   * the row, a row of another incarnation says nothing: the write may have committed and its row
   * been deleted since, and an instance created again with the ID, at the expected version, would
   * otherwise be taken as the write's row untouched and get the write a second time.
   *
   * @throws Connections.Unknown if the row was written, or deleted, since
   */
  private <R> @Nullable R replacedOrNot(
      Connection connection,
      String id,
      @Nullable Long incarnation,
      long expectedVersion,
      long version,
      String document,
      R written)
      throws SQLException, Connections.Unknown {
    Stored stored = lockedRead(connection, id);
    if (stored != null && incarnation != null && stored.incarnation() != incarnation) {
      throw new Connections.Unknown("the instance was deleted and created again since");
    }
    if (stored != null && stored.version() == version && document.equals(stored.document())) {
      return written;
    }
    if (stored != null && stored.version() == expectedVersion) {
      return null;
    }
    throw new Connections.Unknown("the instance was written or deleted since");
  }

  /** Why a replace wrote nothing: there is no row, or its version is not the expected one. */
  private static boolean replaceable(String id, long expectedVersion, WriteState state) {
    if (state.version() == null) {
      throw new InstanceNotFoundException(id);
    }
    if (state.version() != expectedVersion) {
      throw new VersionConflictException(id, expectedVersion, state.version());
    }
    return true;
  }

  /**
   * One guarded statement, as {@link #replace}'s ({@link Statements#replaceKeeping}): the stored
   * document's creation time is read from the row the statement updates, after its version check
   * and under its row lock, and spliced into the new document's text in place of its own, every
   * other byte as the codec wrote it. A stored document that is no readable JSON object, or whose
   * creation time is missing, null or no instant as documents write them, has none to keep. A type
   * that declares no creation time is replaced as it is.
   */
  @Override
  public T replaceKeepingCreatedAt(
      String id, long expectedVersion, Function<@Nullable Instant, T> next) {
    shared.written().forget(id);
    T own = next.apply(null);
    String field = documents.createdAtField();
    MemberSpan span = field == null ? null : MemberSpan.of(documents.encode(own), field);
    if (field == null || span == null) {
      replace(id, expectedVersion, own);
      return own;
    }
    AtomicReference<@Nullable String> kept = new AtomicReference<>();
    Attempt attempt =
        statement(
            id,
            connection -> {
              Stored stored = lockedRead(connection, id);
              String document = stored == null ? null : stored.document();
              if (stored != null
                  && document != null
                  && stored.version() == schema.version(own)
                  && document.startsWith(span.head())
                  && document.endsWith(span.tail())) {
                return WriteState.written(
                    document.substring(
                        span.head().length(), document.length() - span.tail().length()));
              }
              if (stored != null && stored.version() == expectedVersion) {
                return null;
              }
              throw new Connections.Unknown("the instance was written or deleted since");
            });
    guardedWrite(
        id,
        leases.fenceOf(id),
        "replacing",
        connections.joined() ? statements.replaceKeepingJoined : statements.replaceKeeping,
        new Object[] {
          schema.version(own),
          span.head(),
          field,
          span.value(),
          span.tail(),
          kind,
          id,
          expectedVersion
        },
        state -> replaceable(id, expectedVersion, state),
        (operation, sql, parameters) -> {
          WriteState state = attempt.run(operation, sql, parameters);
          kept.set(state.created());
          return state;
        });
    String created = kept.get();
    if (created == null || created.equals(span.value())) {
      return own;
    }
    return next.apply(Instant.parse(created.substring(1, created.length() - 1)));
  }

  /**
   * Deletes the row, then moves the instance's directory on this host (if any) into the trash and
   * removes it. A link planted on the way to the directory or the trash is refused before anything
   * is deleted; a move that fails once the row is gone is reported as {@link
   * OutcomeUnknownException} saying so (the instance is deleted, its directory perhaps left in
   * place). A directory left on this host by an instance whose row is already gone (deleted by
   * another host, or in a caller's transaction) is removed too, and the call returns false; the
   * directory of an instance another host has created again with the ID since is kept ({@link
   * LocalDirectories#removeStale}).
   *
   * <p>On the store's own connections the row is deleted in a transaction committed by a statement
   * of its own ({@link #deleteOnce}): one round trip more than a single statement, no more server
   * flushes, and a connection lost on the way never makes the result untrue. It is true only if
   * this call is known to have removed the row, false if there was none to remove, and {@link
   * OutcomeUnknownException} if the row was removed but whether that committed cannot be learned.
   *
   * <p>In the caller's transaction ({@link #joining}) the directory stays until the transaction's
   * outcome is known ({@link JoinedDeletes}): it is removed by this backend's next create, delete,
   * directory lookup or close after a commit, and kept after a rollback, which brings the row back.
   */
  @Override
  public boolean delete(String id) {
    shared.written().forget(id);
    boolean local = !connections.joined();
    if (local) {
      settleJoinedDeletes();
      shared.directories().checkRemovable(id);
    }
    boolean deleted =
        guardedWrite(
            id,
            leases.fenceOf(id),
            "deleting",
            local ? statements.delete : statements.deleteJoined,
            new Object[] {kind, id},
            state -> state.version() != null,
            local
                ? (operation, sql, parameters) -> deleteOnce(id, operation, sql, parameters)
                : statement(
                    id,
                    connection -> {
                      throw new Connections.Unknown("only the caller's commit decides");
                    }));
    if (local) {
      removeDirectory(id, deleted);
    } else if (deleted) {
      shared.joinedDeletes().deleted(id);
    }
    return deleted;
  }

  /**
   * One try of a delete on the store's own connections: {@code BEGIN} with the guarded {@code
   * DELETE}, whose answer says whether it removed the row and in which transaction, then {@code
   * COMMIT} on its own (or {@code ROLLBACK}, when it removed nothing, so that a lost answer to it
   * cannot matter). A connection lost before the {@code COMMIT} was sent committed nothing: the
   * delete is tried again, with no need to ask the database (if that try is lost too, it fails with
   * {@link dev.burrow.BackendUnavailableException}); lost once it was sent, it did not commit if
   * the very row it removed (the same incarnation) is still there, and otherwise the transaction's
   * status ({@code txid_status}, read on a fresh connection once no transaction holds the row) says
   * whether it did. Unlike reading the row back alone, which sees it gone whoever removed it, this
   * never takes another writer's removal, or a row that never existed, for this delete's; unlike
   * the status alone, it is not misled by a server that crashed and handed this transaction's ID to
   * another, which committed.
   */
  private WriteState deleteOnce(String id, String operation, String sql, Object[] parameters) {
    AtomicReference<@Nullable WriteState> removed = new AtomicReference<>();
    try {
      return connections.transaction(
          operation,
          id,
          (connection, bounds) -> {
            WriteState state =
                Database.query(connection, bounds.first(sql), WriteState::read, parameters).get(0);
            if (!state.written()) {
              throw new NothingWritten(state);
            }
            removed.set(state);
            return state;
          },
          connection -> deleteCommitted(connection, id, removed.get()));
    } catch (NothingWritten nothing) {
      return nothing.state;
    }
  }

  /**
   * Whether the delete whose connection was lost once its {@code COMMIT} was sent (so after it
   * removed the row, {@code removed}) committed: null if its transaction rolled back; {@code
   * removed} if it committed.
   *
   * @throws Connections.Unknown if the server can no longer tell
   */
  private @Nullable WriteState deleteCommitted(
      Connection connection, String id, @Nullable WriteState removed)
      throws SQLException, Connections.Unknown {
    Objects.requireNonNull(removed, "a delete whose COMMIT was sent has removed its row");
    Stored stored = lockedRead(connection, id); // waits for the lost transaction's end
    if (stored != null && Objects.equals(removed.incarnation(), stored.incarnation())) {
      // The very row it removed is there: it did not commit. Its transaction's status cannot say
      // so after a crash of the server, which hands out again IDs of transactions whose records
      // never reached its disk, and another transaction may have committed under this one's ID.
      return null;
    }
    String status =
        Database.query(
                connection,
                statements.transactionStatus,
                row -> row.getString(1),
                Objects.requireNonNull(
                    removed.transaction(), "a delete that removed its row names its transaction"))
            .get(0);
    if ("committed".equals(status)) {
      return removed;
    }
    if ("aborted".equals(status)) {
      return null;
    }
    throw new Connections.Unknown(
        "the server no longer says whether the deleting transaction committed ("
            + (status == null ? "too old" : status)
            + ")");
  }

  /**
   * Settles the deletes made in callers' transactions that have ended since ({@link
   * JoinedDeletes}).
   */
  private void settleJoinedDeletes() {
    if (!connections.joined()) {
      shared.joinedDeletes().settle();
    }
  }

  private void removeDirectory(String id, boolean rowDeleted) {
    try {
      shared.directories().removeStale(id);
    } catch (IOException | BurrowException e) {
      Path directory = shared.directories().directoryOf(id);
      if (!rowDeleted) {
        throw new StorageException(
            "delete of instance '"
                + id
                + "': there is no such instance, but the directory it left on this host, "
                + directory
                + ", could not be removed: "
                + e,
            e);
      }
      throw new OutcomeUnknownException(
          id,
          "delete of instance '"
              + id
              + "': its row is deleted, but its directory on this host, "
              + directory
              + ", could not be moved into the trash (it is left in place), or the move could"
              + " not be flushed (it may be back after a power cut): "
              + e,
          e);
    }
  }

  /**
   * Runs a guarded write statement until it goes through. When it does not, the same statement said
   * why: a lost lease throws; {@code verdict} throws (or returns false to give up quietly) for a
   * missing instance or a stale version; this holder's own stale lease is released; another
   * holder's live lease is waited out up to the lock timeout.
   *
   * @param attempt runs the statement once
   * @return true once written, false if {@code verdict} gave up
   */
  private boolean guardedWrite(
      String id,
      @Nullable Fence fence,
      String what,
      Statements.Guarded statement,
      Object[] head,
      Predicate<WriteState> verdict,
      Attempt attempt) {
    Object[] guarded = withFence(fence, head);
    Object[] parameters =
        connections.joined()
            ? append(guarded, kind, id)
            : append(guarded, lockTimeoutSetting(), kind, id);
    String sql = statement.sql(fence);
    String operation = what + " " + documents.location(id);
    LeaseWait wait = leaseWait(id);
    boolean over = false;
    try {
      while (true) {
        WriteState state;
        try {
          state = attempt.run(operation, sql, parameters);
        } catch (Connections.LockWaitTimedOut e) {
          throw timedOut(id, e);
        }
        if (state.written()) {
          over = true;
          return true;
        }
        if (fence != null && !state.lease().heldBy(fence)) {
          throw leaseLost(id, fence, state.lease());
        }
        if (!verdict.test(state)) {
          over = true;
          return false;
        }
        if (fence == null
            && state.lease().held()
            && leases.isStaleOwn(id, state.lease().holder())) {
          leases.releaseStale(id, state.lease().epoch());
          continue;
        }
        wait.pause(operation);
      }
    } finally {
      wait.end(over);
    }
  }

  /** One try of a guarded write statement: what it did, and the row and lease it saw. */
  @FunctionalInterface
  private interface Attempt {
    WriteState run(String operation, String sql, Object[] parameters);
  }

  /**
   * A guarded write as one statement, committed on its own; {@code outcome} says whether it did
   * when the connection was lost after it was sent.
   */
  private Attempt statement(String id, Connections.Outcome<WriteState> outcome) {
    return (operation, sql, parameters) ->
        connections.write(
            operation,
            id,
            connection -> Database.query(connection, sql, WriteState::read, parameters).get(0),
            outcome);
  }

  /**
   * A row lock not granted in time: on Burrow's connections the statement set the store's lock
   * timeout, in the caller's transaction the caller's {@code lock_timeout} ended the wait.
   */
  private LockTimeoutException timedOut(String id, Connections.LockWaitTimedOut e) {
    if (connections.joined()) {
      return e;
    }
    LockTimeoutException timedOut = new LockTimeoutException(id, shared.lockTimeout());
    timedOut.initCause(e);
    return timedOut;
  }

  private LeaseWait leaseWait(String id) {
    return new LeaseWait(id, leases.row(id), shared.lockTimeout(), MAX_WAIT_POLL_NANOS);
  }

  /** The store's lock timeout as the statements' {@code lock_timeout}. */
  private String lockTimeoutSetting() {
    return Statements.lockTimeout(shared.lockTimeout().toMillis());
  }

  private static Object[] withFence(@Nullable Fence fence, Object... head) {
    return fence == null ? head : append(head, fence.holder(), fence.epoch());
  }

  private static Object[] append(Object[] head, Object... tail) {
    Object[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  /**
   * One page of the listing, newest first (by ID, descending; see {@link NewestFirst}), read by
   * index: cost is one query for at most {@code request.size()} rows and the one after them (which
   * tells whether another page follows), however many there are and whatever the table's statistics
   * say (the page functions forbid a sort, see {@link Migrations}). The page ends early once its
   * documents add up to {@link #MAX_PAGE_BYTES}; the server sends no document past that.
   */
  @Override
  public Page<T> list(PageRequest request) {
    int size = request.size();
    SortKey after = position(request);
    List<Row> rows =
        connections.read(
            "listing kind '" + kind + "'",
            connection ->
                after == null
                    ? Database.query(
                        connection,
                        statements.firstPage,
                        Row::read,
                        kind,
                        size + 1,
                        MAX_PAGE_BYTES,
                        CheckedSchema.MAX_DOCUMENT_BYTES)
                    : Database.query(
                        connection,
                        statements.nextPage,
                        Row::read,
                        kind,
                        after.idRank(),
                        after.id(),
                        size + 1,
                        MAX_PAGE_BYTES,
                        CheckedSchema.MAX_DOCUMENT_BYTES));
    return page(rows, size, instance -> true);
  }

  /**
   * The position {@code request}'s cursor names, null for the first page. A cursor is caller input:
   * one naming an ID with a NUL character, which PostgreSQL text cannot hold (so no row has it), is
   * refused here rather than failing on the server as a storage failure.
   *
   * @throws IllegalArgumentException if the cursor is not one of a Burrow listing
   */
  private static @Nullable SortKey position(PageRequest request) {
    String cursor = request.after();
    if (cursor == null) {
      return null;
    }
    SortKey after = SortKey.fromCursor(cursor);
    if (after.id().indexOf('\0') >= 0) {
      throw new IllegalArgumentException(
          "PageRequest.after is not a cursor of a Burrow listing: it names an ID with a NUL"
              + " character, which no stored instance has");
    }
    return after;
  }

  /**
   * One page of the instances matching every condition, newest first: one query that reads the
   * expression indexes of the conditions' components ({@link ExpressionIndexes}), at most {@code
   * request.size()} rows and the one after them, bounded by bytes as a listing page is; each row is
   * verified against the conditions as it is decoded.
   */
  @Override
  public Page<T> query(List<Condition<T>> conditions, PageRequest request) {
    SortKey after = position(request);
    ExpressionIndexes.Statement query =
        indexes.page(
            conditions,
            after,
            request.size() + 1,
            MAX_PAGE_BYTES,
            CheckedSchema.MAX_DOCUMENT_BYTES);
    List<Row> rows =
        connections.read(
            "querying kind '" + kind + "'",
            connection ->
                Database.query(connection, query.sql(), Row::read, query.parameterArray()));
    return page(rows, request.size(), instance -> matches(conditions, instance));
  }

  /**
   * One indexed {@code count(*)} when the keys are exact ({@link ExpressionIndexes#exact});
   * otherwise the matching rows are read a page at a time, newest first, and only those whose
   * document decodes and matches in Java are counted, as the finders return them.
   */
  @Override
  public long count(List<Condition<T>> conditions) {
    if (ExpressionIndexes.exact(conditions)) {
      ExpressionIndexes.Statement count = indexes.count(conditions);
      return connections
          .read(
              "counting kind '" + kind + "'",
              connection ->
                  Database.query(
                      connection, count.sql(), row -> row.getLong(1), count.parameterArray()))
          .get(0);
    }
    long counted = 0;
    PageRequest request = PageRequest.first(VERIFIED_COUNT_PAGE);
    while (request != null) {
      Page<T> page = query(conditions, request);
      counted += page.items().size();
      request = page.next();
    }
    return counted;
  }

  private static <T> boolean matches(List<Condition<T>> conditions, T instance) {
    return conditions.stream().allMatch(condition -> condition.matches(instance));
  }

  /**
   * The page of the first {@code size} of {@code rows}, up to the first whose document the server
   * left for the next page (its byte bound): the readable ones that pass {@code filter}, and a
   * report per damaged one. It has a next page only if a row follows them, so the last page says it
   * is the last and no empty page comes after it.
   */
  private Page<T> page(List<Row> rows, int size, Predicate<T> filter) {
    List<T> instances = new ArrayList<>();
    List<CorruptInstanceException> problems = new ArrayList<>();
    int read = 0;
    for (Row row : rows.subList(0, Math.min(size, rows.size()))) {
      if (row.document() == null && row.stored() <= CheckedSchema.MAX_DOCUMENT_BYTES) {
        break; // the server's byte bound: the next page starts with this row
      }
      read++;
      if (!PathSegments.isValid(row.id())) {
        problems.add(
            documents.corrupt(
                row.id(),
                "not an instance: its id is not a valid instance id ("
                    + PathSegments.brokenRule(row.id())
                    + ")",
                null));
        continue;
      }
      try {
        T instance = documents.decode(row.id(), row.version(), row.document(), row.stored());
        if (filter.test(instance)) {
          instances.add(instance);
        }
      } catch (CorruptInstanceException e) {
        problems.add(e);
      }
    }
    PageRequest next =
        rows.size() <= read ? null : PageRequest.after(rows.get(read - 1).key().toCursor(), size);
    return new Page<>(instances, problems, next);
  }

  /** Takes the instance's lease; the returned lock is a {@link LeaseLock}. */
  @Override
  public LeaseLock lock(String id, Duration timeout) {
    return leases.acquire(id, timeout);
  }

  /** Takes the leases in ID order, so overlapping sets never deadlock. */
  @Override
  public InstanceLock lockAll(Collection<String> ids, Duration timeout) {
    return OrderedLocks.lockAll(ids, timeout, Comparator.naturalOrder(), this::lock);
  }

  /**
   * The instance's directory on this host, created with its subdirectories on first use: never the
   * directory this host kept for a deleted instance of the same ID ({@link LocalDirectories}).
   */
  @Override
  public Path instanceDirectory(String id) {
    settleJoinedDeletes();
    String sql = connections.joined() ? statements.incarnationJoined : statements.incarnation;
    List<Incarnation> found =
        connections.read(
            "reading " + documents.location(id),
            connection -> Database.query(connection, sql, Incarnation::read, kind, id));
    if (found.isEmpty()) {
      throw new InstanceNotFoundException(id);
    }
    Incarnation incarnation = found.get(0);
    return shared.directories().open(id, incarnation.number(), incarnation.transaction());
  }

  /**
   * The generator of new IDs for this kind. Snowflake kinds get a generator whose worker number is
   * leased from the database ({@link PostgresWorkerIds}) on first use, replaced if its lease is
   * lost, and given back when the backend closes, so IDs are unique across every host; UUIDv7 kinds
   * get the JVM's UUIDv7 generator.
   */
  @Override
  public IdGenerator idGenerator() {
    return switch (schema.layout().idKind()) {
      case SNOWFLAKE -> shared.snowflakes()::nextId;
      case UUID_V7 -> IdGenerators.uuidV7();
    };
  }

  /**
   * Settles the deletes made in callers' transactions that have ended ({@link JoinedDeletes}),
   * stops renewing, releases every lease this backend holds and gives back its worker number.
   * Idempotent. A view made by {@link #joining} closes nothing.
   */
  @Override
  public void close() {
    if (connections.joined()) {
      return;
    }
    shared.written().clear();
    try {
      settleJoinedDeletes();
    } finally {
      try {
        shared.snowflakes().close();
      } finally {
        leases.close();
      }
    }
  }

  /** A guarded write in a transaction that wrote nothing: roll back, and say what it saw. */
  private static final class NothingWritten extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient WriteState state;

    NothingWritten(WriteState state) {
      super("nothing written", null, false, false);
      this.state = state;
    }
  }

  /** Another holder's live lease: roll back, wait, and try again. */
  private static final class LeaseBusy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LeaseBusy() {
      super("lease busy", null, false, false);
    }
  }

  /** A row's incarnation, and the ID of the caller's transaction it was read in, if it has one. */
  private record Incarnation(long number, @Nullable Long transaction) {
    static Incarnation read(ResultSet row) throws SQLException {
      long number = row.getLong(1);
      long transaction = row.getLong(2);
      return new Incarnation(number, row.wasNull() ? null : transaction);
    }
  }

  /**
   * A row read back after a lost commit: its document, null if longer than a store writes, the
   * document's size in bytes, and the row's incarnation.
   */
  private record Stored(long version, @Nullable String document, int bytes, long incarnation) {}

  /**
   * The locked row of an update: its document, null if longer than a store writes (the server did
   * not send it), the document's size in bytes, and the row's lease.
   */
  private record LockedRow(
      long version, @Nullable String document, int bytes, LeaseState lease, long incarnation) {
    static LockedRow read(ResultSet row) throws SQLException {
      return new LockedRow(
          row.getLong(1), row.getString(2), row.getInt(3), LeaseState.read(row, 4), row.getLong(7));
    }
  }

  /**
   * What a guarded write statement did, the row and lease it saw, for a delete that removed the
   * row, the ID of its transaction, for a create that made the row or a delete that removed it, the
   * row's incarnation, and for a replace that kept the stored creation time, the value it wrote (a
   * JSON string).
   */
  private record WriteState(
      boolean written,
      @Nullable Long version,
      LeaseState lease,
      @Nullable Long transaction,
      @Nullable String created,
      @Nullable Long incarnation) {
    static final WriteState WRITTEN = written(null);

    /** Written, as learned after a lost connection, with the creation time a replace kept. */
    static WriteState written(@Nullable String created) {
      return new WriteState(true, null, new LeaseState(null, 0, false), null, created, null);
    }

    static WriteState read(ResultSet row) throws SQLException {
      boolean written = row.getLong(1) > 0;
      long version = row.getLong(2);
      Long stored = row.wasNull() ? null : version;
      LeaseState lease = LeaseState.read(row, 3);
      long transaction = row.getLong(6);
      Long inTransaction = row.wasNull() ? null : transaction;
      String created = row.getString(7);
      long incarnation = row.getLong(8);
      Long made = row.wasNull() ? null : incarnation;
      return new WriteState(written, stored, lease, inTransaction, created, made);
    }
  }

  /**
   * One row of a listing page: its document, or null if the server did not send it (too large, or
   * past the page's byte bound), and the document's stored size in bytes.
   */
  private record Row(String id, long version, int idRank, @Nullable String document, int stored) {

    static Row read(ResultSet row) throws SQLException {
      return new Row(
          row.getString(1), row.getLong(2), row.getInt(3), row.getString(4), row.getInt(5));
    }

    SortKey key() {
      return new SortKey(idRank, id);
    }
  }

  /**
   * The write's lease is no longer its own: recorded once per loss ({@link Leases#lost}), and
   * refused.
   */
  private LockLostException leaseLost(String id, Fence fence, LeaseState lease) {
    String why = lease.describe();
    leases.lost(id, fence.epoch(), why);
    return new LockLostException(id, fence.epoch(), why);
  }
}
