package dev.burrow.postgres.internal;

import dev.burrow.BurrowException;
import dev.burrow.Condition;
import dev.burrow.Durability;
import dev.burrow.IdGenerator;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.LockLostException;
import dev.burrow.OutcomeUnknownException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.RetriableException;
import dev.burrow.StorageException;
import dev.burrow.StoreOptions;
import dev.burrow.runtime.internal.cache.KeptDocuments;
import dev.burrow.runtime.internal.fs.Failures;
import dev.burrow.runtime.internal.id.IdGenerators;
import dev.burrow.runtime.internal.lock.OrderedLocks;
import dev.burrow.runtime.internal.transfer.KindDescription;
import dev.burrow.runtime.internal.transfer.RawSchema;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.StorageBackend;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;
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
 *       since, is one guarded {@code UPDATE} committed on its own instead ({@link RowUpdates}).
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
 *
 * <p>This class opens the backend and coordinates: reads are {@link DocumentReads}', creates,
 * replaces and deletes of rows {@link RowWrites}', updates {@link RowUpdates}', all under the
 * leases and lock timeout of {@link GuardedWrites}, with lost commits resolved by {@link
 * LostCommits}; locks are {@link Leases}', and instance directories {@link LocalDirectories}'.
 */
public final class PostgresStorage<T> implements StorageBackend<T> {
  private final Shared<T> shared;
  private final Connections connections;
  private final KnownWrites known;
  private final DocumentReads<T> reads;
  private final RowWrites<T> writes;
  private final RowUpdates<T> updates;

  /** What every view of one opened backend shares. */
  private record Shared<T>(
      InstanceSchema<T> schema,
      Documents<T> documents,
      ExpressionIndexes<T> indexes,
      Statements statements,
      Leases leases,
      LocalDirectories directories,
      RootClaim.Served served,
      JoinedDeletes joinedDeletes,
      LeasedSnowflakes snowflakes,
      Duration lockTimeout,
      Duration leaseDuration,
      KeptDocuments<Written> written,
      UpdatesInFlight updating,
      MissedUpdates missed,
      SeenRows seen) {}

  private PostgresStorage(Shared<T> shared, Connections connections) {
    this.shared = shared;
    this.connections = connections;
    InstanceSchema<T> schema = shared.schema();
    String kind = schema.layout().name();
    GuardedWrites guarded =
        new GuardedWrites(
            connections, shared.leases(), shared.documents(), kind, shared.lockTimeout());
    LostCommits lost = new LostCommits(shared.statements(), kind, guarded.lockTimeoutSetting());
    this.known = new KnownWrites(shared.written(), connections.joined());
    this.reads =
        new DocumentReads<>(
            kind,
            shared.documents(),
            shared.indexes(),
            shared.statements(),
            connections,
            shared.seen());
    RowAccess<T> rows =
        new RowAccess<>(
            schema,
            shared.documents(),
            shared.statements(),
            connections,
            shared.leases(),
            guarded,
            lost,
            known,
            shared.seen());
    this.writes = new RowWrites<>(rows);
    this.updates =
        new RowUpdates<>(rows, shared.updating(), shared.missed(), shared.leaseDuration());
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
   * @throws dev.burrow.MisuseException if the database is not UTF-8, or {@code localRoot} serves
   *     other tables, another kind or a filesystem store ({@link RootClaim})
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
            new Incarnations(database, statements, kind),
            lockTimeout);
    Shared<T> shared =
        new Shared<>(
            schema,
            new Documents<>(schema, tables, description.fields().createdAt()),
            new ExpressionIndexes<>(schema, tables),
            statements,
            leases,
            directories,
            RootClaim.served(database, tables, kind),
            new JoinedDeletes(database, tables, kind, directories),
            new LeasedSnowflakes(
                new PostgresWorkerIds(database, tables, settings.leaseDuration()), kind),
            lockTimeout,
            settings.leaseDuration(),
            new KeptDocuments<>(),
            new UpdatesInFlight(),
            new MissedUpdates(),
            new SeenRows());
    if (!RawSchema.isRaw(schema)) {
      // a raw schema cannot say which components are indexed: the user's indexes stay as they are
      shared.indexes().apply(database, lockTimeout);
    }
    Kinds kinds = new Kinds(database, tables);
    if (RawSchema.isRaw(schema)) {
      kinds.recordOrCheck(description); // a tool's store: the application's description stands
    } else {
      kinds.record(description);
    }
    leases.prune();
    shared.directories().claimRoot(shared.served());
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
   * closes nothing. Cost: one round trip, which checks that {@code connection} reaches this
   * backend's tables ({@link CallerTransaction#reaching}).
   *
   * @throws dev.burrow.MisuseException if it works in another database or schema
   */
  public PostgresStorage<T> joining(Connection connection) {
    return new PostgresStorage<>(shared, CallerTransaction.reaching(connection, shared.served()));
  }

  /** One guarded {@code INSERT}, its outcome never misreported ({@link RowWrites#insert}). */
  @Override
  public void insert(T instance) {
    settleJoinedDeletes();
    writes.insert(instance);
  }

  @Override
  public Optional<T> find(String id) {
    return reads.find(id);
  }

  /**
   * One statement on a row this backend wrote last, else one transaction that locks the row ({@link
   * RowUpdates#update}).
   */
  @Override
  public T update(String id, UnaryOperator<T> change) {
    return updates.update(id, change);
  }

  @Override
  public void replace(String id, long expectedVersion, T next) {
    replace(id, expectedVersion, next, shared.leases().fenceOf(id));
  }

  /** Replaces under {@code fence}, or, with none, only while no one holds a live lease. */
  void replace(String id, long expectedVersion, T next, @Nullable Fence fence) {
    writes.replace(id, expectedVersion, next, fence);
  }

  /**
   * One guarded statement that keeps the stored creation time ({@link
   * RowWrites#replaceKeepingCreatedAt}).
   */
  @Override
  public T replaceKeepingCreatedAt(
      String id, long expectedVersion, Function<@Nullable Instant, T> next) {
    return writes.replaceKeepingCreatedAt(id, expectedVersion, next);
  }

  /**
   * Deletes the row ({@link RowWrites#delete}), then moves the instance's directory on this host
   * (if any) into the trash and removes it: one made for the row this call removed (its record
   * names the row's incarnation, which the {@code DELETE} returns) without asking the database
   * again. A link planted on the way to the directory or the trash is refused before anything is
   * deleted; a removal that fails once the row is gone is reported as {@link
   * OutcomeUnknownException} saying that the instance is deleted and why its directory was not
   * removed (its lock stayed busy, the database could not be reached to look the ID up for a
   * directory made for another incarnation or recording none, the move or its flush failed). A
   * directory left on this host by an instance whose row is already gone (deleted by another host,
   * or in a caller's transaction) is removed too, and the call returns false; the directory of an
   * instance another host has created again with the ID since is kept ({@link
   * LocalDirectories#removeStale}). If that directory's lock stays busy past the lock timeout, or
   * the database cannot be reached to look the ID up, the call throws what says so ({@link
   * dev.burrow.LockTimeoutException}, {@link dev.burrow.BackendUnavailableException}): nothing was
   * changed, and the same call may succeed.
   *
   * <p>In the caller's transaction ({@link #joining}) the directory stays until the transaction's
   * outcome is known ({@link JoinedDeletes}): it is removed by this backend's next create, delete,
   * directory lookup or close after a commit, and kept after a rollback, which brings the row back.
   */
  @Override
  public boolean delete(String id) {
    known.forget(id);
    boolean local = !connections.joined();
    if (local) {
      settleJoinedDeletes();
      shared.directories().checkRemovable(id);
    }
    OptionalLong removed = writes.delete(id);
    if (local) {
      removeDirectory(id, removed);
    } else if (removed.isPresent()) {
      shared.joinedDeletes().deleted(id);
    }
    return removed.isPresent();
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

  /**
   * Removes {@code id}'s directory on this host once its row is gone: {@code removed} is the
   * incarnation of the row this call deleted, empty if it deleted none.
   */
  private void removeDirectory(String id, OptionalLong removed) {
    try {
      shared.directories().removeStale(id, removed);
    } catch (IOException | BurrowException e) {
      Path directory = shared.directories().directoryOf(id);
      if (removed.isEmpty()) {
        if (e instanceof RetriableException nothingChanged) {
          throw nothingChanged; // the directory's lock was busy, or the database away
        }
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
              + "': its row is deleted, but removing its directory on this host, "
              + directory
              + ", failed: "
              + Failures.describe(e)
              + "; a later delete of the ID removes what is left",
          e);
    }
  }

  /** One page of the listing, newest first, read by index ({@link DocumentReads#list}). */
  @Override
  public Page<T> list(PageRequest request) {
    return reads.list(request);
  }

  /** One page of the matching instances, newest first ({@link DocumentReads#query}). */
  @Override
  public Page<T> query(List<Condition<T>> conditions, PageRequest request) {
    return reads.query(conditions, request);
  }

  /**
   * An indexed count, verified in Java when the keys are not exact ({@link DocumentReads#count}).
   */
  @Override
  public long count(List<Condition<T>> conditions) {
    return reads.count(conditions);
  }

  /** Takes the instance's lease; the returned lock is a {@link LeaseLock}. */
  @Override
  public LeaseLock lock(String id, Duration timeout) {
    return shared.leases().acquire(id, timeout);
  }

  /** Takes the leases in ID order, so overlapping sets never deadlock. */
  @Override
  public InstanceLock lockAll(Collection<String> ids, Duration timeout) {
    return OrderedLocks.lockAll(ids, timeout, Comparator.naturalOrder(), this::lock);
  }

  /**
   * The instance's directory on this host, created with its subdirectories on first use: never the
   * directory this host kept for a deleted instance of the same ID ({@link LocalDirectories}). Also
   * run before every event append ({@link StorageBackend#confirmInstanceDirectory}'s default), as
   * this host's directory may outlive another host's delete: one read of the row's incarnation.
   */
  @Override
  public Path instanceDirectory(String id) {
    settleJoinedDeletes();
    Incarnation incarnation = incarnation(id);
    return shared.directories().open(id, incarnation.number(), incarnation.transaction());
  }

  /**
   * This host's directory of the instance's current incarnation, if it has one, making nothing (a
   * directory kept for a deleted instance of the ID is not the instance's): one read of the row's
   * incarnation.
   */
  @Override
  public Optional<Path> existingInstanceDirectory(String id) {
    return shared.directories().existing(id, incarnation(id).number());
  }

  /**
   * The instance's row's incarnation.
   *
   * @throws InstanceNotFoundException if there is no such instance
   */
  private Incarnation incarnation(String id) {
    Statements statements = shared.statements();
    String sql = connections.joined() ? statements.incarnationJoined : statements.incarnation;
    String kind = shared.schema().layout().name();
    List<Incarnation> found =
        connections.read(
            "reading " + shared.documents().location(id),
            connection -> Database.query(connection, sql, Incarnation::read, kind, id));
    if (found.isEmpty()) {
      throw new InstanceNotFoundException(id);
    }
    return found.get(0);
  }

  /**
   * The generator of new IDs for this kind. Snowflake kinds get a generator whose worker number is
   * leased from the database ({@link PostgresWorkerIds}) on first use, replaced if its lease is
   * lost, and given back when the backend closes, so IDs are unique across every host; UUIDv7 kinds
   * get the JVM's UUIDv7 generator.
   */
  @Override
  public IdGenerator idGenerator() {
    return switch (shared.schema().layout().idKind()) {
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
    known.clear();
    try {
      settleJoinedDeletes();
    } finally {
      try {
        shared.snowflakes().close();
      } finally {
        shared.leases().close();
      }
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
}
