package dev.burrow.postgres.internal;

import dev.burrow.BurrowException;
import dev.burrow.Condition;
import dev.burrow.CorruptInstanceException;
import dev.burrow.IdGenerator;
import dev.burrow.InstanceAlreadyExistsException;
import dev.burrow.InstanceLock;
import dev.burrow.InstanceNotFoundException;
import dev.burrow.LockLostException;
import dev.burrow.LockTimeoutException;
import dev.burrow.Page;
import dev.burrow.PageRequest;
import dev.burrow.VersionConflictException;
import dev.burrow.postgres.PostgresOptions;
import dev.burrow.runtime.internal.id.IdGenerators;
import dev.burrow.runtime.internal.id.SnowflakeGenerator;
import dev.burrow.runtime.internal.lock.OrderedLocks;
import dev.burrow.runtime.internal.store.NewestFirst;
import dev.burrow.runtime.internal.store.SortKey;
import dev.burrow.spi.InstanceSchema;
import dev.burrow.spi.PathSegments;
import dev.burrow.spi.StorageBackend;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Stores one instance kind in PostgreSQL, shared by every host that opens the same database and
 * table prefix. Plain JDBC: pass any {@link DataSource}, ideally a connection pool; each operation
 * borrows one connection for one or two statements.
 *
 * <ul>
 *   <li>Opening creates or upgrades Burrow's tables (versioned migrations under an advisory lock,
 *       safe when many hosts start at once) and prunes lease rows of deleted instances.
 *   <li>A document is one row of {@code <prefix>instances}: kind, ID, version column and the
 *       codec's JSON as {@code text}, byte for byte. Create is one {@code INSERT … ON CONFLICT DO
 *       NOTHING}: an existing ID fails and is never overwritten.
 *   <li>Replace is one {@code UPDATE … WHERE kind = ? AND id = ? AND version = ?} that also checks
 *       the lease in the same statement: from the thread holding the instance's lock, that the
 *       lease is still this holder's, with this epoch, unexpired by the database's clock (else
 *       {@link LockLostException}); from any other thread, that no one holds a live lease (else the
 *       write waits, polling, up to the lock timeout).
 *   <li>Locks are leases ({@link LeaseLock}) renewed in the background while held; a dead holder's
 *       lease expires after the lease duration and its late writes are rejected.
 *   <li>Listing is newest first, read by index in pages ({@link #list(PageRequest)}); a damaged row
 *       is reported, naming the row, and never hides the healthy ones.
 *   <li>Instance directories are on this host's disk under the local root, created on first use;
 *       they are not shared between hosts.
 * </ul>
 *
 * <p>Durability is the server's: a write is acknowledged when its transaction commits, and survives
 * a crash as PostgreSQL's {@code fsync} and {@code synchronous_commit} settings say.
 */
public final class PostgresStorage<T> implements StorageBackend<T> {
  private static final long MAX_WAIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final String FENCED =
      """
      EXISTS (SELECT 1 FROM {p}leases l WHERE l.kind = i.kind AND l.id = i.id
        AND l.holder = ? AND l.epoch = ? AND l.expires_at > clock_timestamp())""";
  private static final String FREE =
      """
      NOT EXISTS (SELECT 1 FROM {p}leases l WHERE l.kind = i.kind AND l.id = i.id
        AND l.holder IS NOT NULL AND l.expires_at > clock_timestamp())""";
  private static final String COLUMNS = "id, version, id_rank, document";
  private static final String NEWEST_FIRST = " ORDER BY id_rank DESC, id DESC LIMIT ?";

  private final InstanceSchema<T> schema;
  private final String kind;
  private final Database database;
  private final Documents<T> documents;
  private final ExpressionIndexes<T> indexes;
  private final Leases leases;
  private final LocalDirectories directories;
  private final PostgresWorkerIds workers;
  private final Duration lockTimeout;
  private final String insertSql;
  private final String findSql;
  private final String existsSql;
  private final String stateSql;
  private final Guarded replaceSql;
  private final Guarded deleteSql;
  private final String firstPageSql;
  private final String nextPageSql;
  private volatile @Nullable SnowflakeGenerator snowflake;
  private boolean closed;

  private PostgresStorage(
      InstanceSchema<T> schema,
      Database database,
      Tables tables,
      Path localRoot,
      Duration lockTimeout,
      PostgresOptions options) {
    this.schema = schema;
    this.kind = schema.layout().name();
    this.database = database;
    this.documents = new Documents<>(schema, tables);
    this.indexes = new ExpressionIndexes<>(schema, tables);
    this.leases = new Leases(database, tables, kind, options.leaseDuration());
    this.directories = new LocalDirectories(localRoot, schema.layout().subdirectories());
    this.workers = new PostgresWorkerIds(database, tables, options.leaseDuration());
    this.lockTimeout = lockTimeout;
    this.insertSql =
        tables.expand(
            """
        INSERT INTO {p}instances
          (kind, id, version, id_rank, document)
        VALUES (?, ?, ?, ?, ?) ON CONFLICT (kind, id) DO NOTHING""");
    this.findSql =
        tables.expand("SELECT version, document FROM {p}instances WHERE kind = ? AND id = ?");
    this.existsSql = tables.expand("SELECT 1 FROM {p}instances WHERE kind = ? AND id = ?");
    this.stateSql =
        tables.expand(
            """
        SELECT i.version, l.holder, l.epoch, l.expires_at > clock_timestamp()
        FROM (SELECT ?::text AS kind, ?::text AS id) k
        LEFT JOIN {p}instances i ON i.kind = k.kind AND i.id = k.id
        LEFT JOIN {p}leases l ON l.kind = k.kind AND l.id = k.id""");
    this.replaceSql =
        new Guarded(
            tables,
            """
        UPDATE {p}instances i SET version = ?, document = ?, written_at = clock_timestamp()
        WHERE i.kind = ? AND i.id = ? AND i.version = ? AND {guard}""");
    this.deleteSql =
        new Guarded(
            tables,
            """
        WITH gone AS (
          DELETE FROM {p}instances i WHERE i.kind = ? AND i.id = ? AND {guard}
          RETURNING i.kind, i.id),
        pruned AS (
          DELETE FROM {p}leases l USING gone WHERE l.kind = gone.kind AND l.id = gone.id
            AND (l.holder IS NULL OR l.expires_at <= clock_timestamp()))
        SELECT count(*) FROM gone""");
    this.firstPageSql =
        tables.expand("SELECT " + COLUMNS + " FROM {p}instances WHERE kind = ?" + NEWEST_FIRST);
    this.nextPageSql =
        tables.expand(
            "SELECT "
                + COLUMNS
                + " FROM {p}instances WHERE kind = ?"
                + " AND (id_rank, id) < (?, ?)"
                + NEWEST_FIRST);
  }

  /**
   * Opens the backend for {@code schema}'s kind: creates or upgrades the tables under the options'
   * prefix, creates the expression index of each {@code @Indexed} component that has none (and
   * drops those of components no longer indexed), and prunes lease rows of deleted instances.
   *
   * @param dataSource connections to the database (a pool is best; the driver is the caller's)
   * @param localRoot this host's root for instance directories, {@code <localRoot>/instances/<id>/}
   * @param lockTimeout how long internal writes wait for another holder's lease
   * @throws dev.burrow.StorageException if the database cannot be reached or written
   * @throws BurrowException if the database is not UTF-8 or its tables are newer than this Burrow
   */
  public static <T> PostgresStorage<T> open(
      InstanceSchema<T> schema,
      DataSource dataSource,
      Path localRoot,
      Duration lockTimeout,
      PostgresOptions options) {
    Database database = new Database(dataSource);
    Tables tables = new Tables(options.tablePrefix());
    Migrations.apply(database, tables);
    PostgresStorage<T> backend =
        new PostgresStorage<>(schema, database, tables, localRoot, lockTimeout, options);
    backend.indexes.apply(database);
    backend.leases.prune();
    backend.directories.sweepTrash();
    return backend;
  }

  @Override
  public void insert(T instance) {
    String id = schema.id(instance);
    String document = documents.encode(instance);
    int inserted =
        database.autoCommit(
            "creating " + documents.location(id),
            connection ->
                Database.update(
                    connection,
                    insertSql,
                    kind,
                    id,
                    schema.version(instance),
                    NewestFirst.idRank(id),
                    document));
    if (inserted == 0) {
      throw new InstanceAlreadyExistsException(id);
    }
  }

  @Override
  public Optional<T> find(String id) {
    List<T> found =
        database.autoCommit(
            "reading " + documents.location(id),
            connection ->
                Database.query(
                    connection,
                    findSql,
                    row -> documents.decode(id, row.getLong(1), row.getString(2)),
                    kind,
                    id));
    return found.stream().findFirst();
  }

  @Override
  public void replace(String id, long expectedVersion, T next) {
    replace(id, expectedVersion, next, leases.fenceOf(id));
  }

  /**
   * Takes the instance's lease (reentering it if this thread holds it), reads, applies {@code
   * change} and writes under the lease's fence, then releases the lease.
   */
  @Override
  public T update(String id, UnaryOperator<T> change) {
    LeaseLock lock = lock(id, lockTimeout);
    try {
      T current = find(id).orElseThrow(() -> new InstanceNotFoundException(id));
      T next = change.apply(current);
      replace(id, schema.version(current), next, lock.fence());
      return next;
    } finally {
      lock.close();
    }
  }

  /** Replaces under {@code fence}, or, with none, only while no one holds a live lease. */
  void replace(String id, long expectedVersion, T next, @Nullable Fence fence) {
    String document = documents.encode(next);
    guardedWrite(
        id,
        fence,
        "replacing",
        connection ->
            Database.update(
                    connection,
                    replaceSql.sql(fence),
                    replaceSql.parameters(
                        fence, schema.version(next), document, kind, id, expectedVersion))
                == 1,
        state -> {
          if (state.version() == null) {
            throw new InstanceNotFoundException(id);
          }
          if (state.version() != expectedVersion) {
            throw new VersionConflictException(id, expectedVersion, state.version());
          }
          return true;
        });
  }

  @Override
  public boolean delete(String id) {
    @Nullable Fence fence = leases.fenceOf(id);
    boolean deleted =
        guardedWrite(
            id,
            fence,
            "deleting",
            connection ->
                Database.query(
                            connection,
                            deleteSql.sql(fence),
                            row -> row.getLong(1),
                            deleteSql.parameters(fence, kind, id))
                        .get(0)
                    == 1,
            state -> state.version() != null);
    if (deleted) {
      directories.remove(id);
    }
    return deleted;
  }

  /**
   * Runs {@code write} until it goes through. When it does not, reads why: a lost lease throws;
   * {@code verdict} throws (or returns false to give up quietly) for a missing instance or a stale
   * version; another holder's live lease is waited out up to the lock timeout.
   *
   * @return true once written, false if {@code verdict} gave up
   */
  private boolean guardedWrite(
      String id,
      @Nullable Fence fence,
      String what,
      Database.Work<Boolean> write,
      Predicate<LeaseState> verdict) {
    Backoff backoff = new Backoff(System.nanoTime() + lockTimeout.toNanos(), MAX_WAIT_POLL_NANOS);
    String operation = what + " " + documents.location(id);
    while (true) {
      if (database.autoCommit(operation, write)) {
        return true;
      }
      LeaseState state =
          database.autoCommit(
              operation,
              connection ->
                  Database.query(connection, stateSql, LeaseState::read, kind, id).get(0));
      if (fence != null && !state.heldBy(fence)) {
        throw new LockLostException(id, fence.epoch(), state.describe());
      }
      if (!verdict.test(state)) {
        return false;
      }
      try {
        if (!backoff.pause()) {
          throw new LockTimeoutException(id, lockTimeout);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BurrowException("interrupted while " + operation, e);
      }
    }
  }

  /**
   * One page of the listing, newest first (by ID, descending; see {@link NewestFirst}), read by
   * index: cost is one query for at most {@code request.size()} rows, however many there are.
   */
  @Override
  public Page<T> list(PageRequest request) {
    int size = request.size();
    String cursor = request.after();
    SortKey after = cursor == null ? null : SortKey.fromCursor(cursor);
    List<Row> rows =
        database.autoCommit(
            "listing kind '" + kind + "'",
            connection ->
                after == null
                    ? Database.query(connection, firstPageSql, Row::read, kind, size)
                    : Database.query(
                        connection,
                        nextPageSql,
                        Row::read,
                        kind,
                        after.idRank(),
                        after.id(),
                        size));
    return page(rows, size, instance -> true);
  }

  /**
   * One page of the instances matching every condition, newest first: one query that reads the
   * expression indexes of the conditions' components ({@link ExpressionIndexes}), at most {@code
   * request.size()} rows; each row is verified against the conditions as it is decoded.
   */
  @Override
  public Page<T> query(List<Condition<T>> conditions, PageRequest request) {
    String cursor = request.after();
    SortKey after = cursor == null ? null : SortKey.fromCursor(cursor);
    ExpressionIndexes.Statement query = indexes.page(conditions, after, request.size());
    List<Row> rows =
        database.autoCommit(
            "querying kind '" + kind + "'",
            connection ->
                Database.query(connection, query.sql(), Row::read, query.parameterArray()));
    return page(rows, request.size(), instance -> matches(conditions, instance));
  }

  /** One indexed {@code count(*)}; rows whose keys PostgreSQL cannot hold are read and verified. */
  @Override
  public long count(List<Condition<T>> conditions) {
    String what = "counting kind '" + kind + "'";
    if (ExpressionIndexes.exact(conditions)) {
      ExpressionIndexes.Statement count = indexes.count(conditions);
      return database
          .autoCommit(
              what,
              connection ->
                  Database.query(
                      connection, count.sql(), row -> row.getLong(1), count.parameterArray()))
          .get(0);
    }
    ExpressionIndexes.Statement matching = indexes.matching(conditions);
    List<Row> rows =
        database.autoCommit(
            what,
            connection ->
                Database.query(connection, matching.sql(), Row::read, matching.parameterArray()));
    return page(rows, Integer.MAX_VALUE, instance -> matches(conditions, instance)).items().size();
  }

  private static <T> boolean matches(List<Condition<T>> conditions, T instance) {
    return conditions.stream().allMatch(condition -> condition.matches(instance));
  }

  /** The readable rows that pass {@code filter}, and a report per damaged one. */
  private Page<T> page(List<Row> rows, int size, Predicate<T> filter) {
    List<T> instances = new ArrayList<>();
    List<CorruptInstanceException> problems = new ArrayList<>();
    for (Row row : rows) {
      if (!PathSegments.isValid(row.id())) {
        problems.add(
            documents.corrupt(
                row.id(),
                "not an instance: its id is not a valid"
                    + " instance id ("
                    + PathSegments.brokenRule(row.id())
                    + ")",
                null));
        continue;
      }
      try {
        T instance = documents.decode(row.id(), row.version(), row.document());
        if (filter.test(instance)) {
          instances.add(instance);
        }
      } catch (CorruptInstanceException e) {
        problems.add(e);
      }
    }
    PageRequest next =
        rows.size() < size
            ? null
            : PageRequest.after(rows.get(rows.size() - 1).key().toCursor(), size);
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

  /** The instance's directory on this host, created with its subdirectories on first use. */
  @Override
  public Path instanceDirectory(String id) {
    boolean exists =
        !database
            .autoCommit(
                "reading " + documents.location(id),
                connection -> Database.query(connection, existsSql, row -> true, kind, id))
            .isEmpty();
    if (!exists) {
      throw new InstanceNotFoundException(id);
    }
    return directories.open(id);
  }

  /**
   * The generator of new IDs for this kind. Snowflake kinds get a generator whose worker number is
   * leased from the database ({@link PostgresWorkerIds}) on first use and given back when the
   * backend closes, so IDs are unique across every host; UUIDv7 kinds get the JVM's UUIDv7
   * generator.
   */
  @Override
  public IdGenerator idGenerator() {
    return switch (schema.layout().idKind()) {
      case SNOWFLAKE -> () -> snowflake().nextId();
      case UUID_V7 -> IdGenerators.uuidV7();
    };
  }

  private SnowflakeGenerator snowflake() {
    SnowflakeGenerator generator = snowflake;
    if (generator != null) {
      return generator;
    }
    synchronized (this) {
      if (closed) {
        throw new BurrowException("the PostgreSQL store of kind '" + kind + "' was closed");
      }
      if (snowflake == null) {
        snowflake = SnowflakeGenerator.builder(workers).build();
      }
      return snowflake;
    }
  }

  /**
   * Stops renewing, releases every lease this backend holds and gives back its worker number.
   * Idempotent.
   */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      SnowflakeGenerator generator = snowflake;
      if (generator != null) {
        generator.close();
      }
      workers.close();
    } finally {
      leases.close();
    }
  }

  /** A statement in two forms: fenced by the caller's lease, or guarded by a free lease. */
  private record Guarded(String fenced, String free) {
    Guarded(Tables tables, String sql) {
      this(
          tables.expand(sql.replace("{guard}", FENCED)),
          tables.expand(sql.replace("{guard}", FREE)));
    }

    String sql(@Nullable Fence fence) {
      return fence == null ? free : fenced;
    }

    Object[] parameters(@Nullable Fence fence, Object... head) {
      if (fence == null) {
        return head;
      }
      Object[] all = java.util.Arrays.copyOf(head, head.length + 2);
      all[head.length] = fence.holder();
      all[head.length + 1] = fence.epoch();
      return all;
    }
  }

  /** An instance row and its lease row, as one query sees them. */
  private record LeaseState(
      @Nullable Long version, @Nullable String holder, long epoch, boolean live) {

    static LeaseState read(ResultSet row) throws SQLException {
      long version = row.getLong(1);
      Long stored = row.wasNull() ? null : version;
      return new LeaseState(stored, row.getString(2), row.getLong(3), row.getBoolean(4));
    }

    boolean heldBy(Fence fence) {
      return live && fence.holder().equals(holder) && fence.epoch() == epoch;
    }

    String describe() {
      if (holder == null) {
        return epoch == 0 ? "the lease row is gone" : "the lease was released";
      }
      return live
          ? "it is now held by another holder with epoch " + epoch
          : "it expired (epoch " + epoch + ") before it was renewed";
    }
  }

  /** One row of a listing page. */
  private record Row(String id, long version, int idRank, String document) {

    static Row read(ResultSet row) throws SQLException {
      return new Row(row.getString(1), row.getLong(2), row.getInt(3), row.getString(4));
    }

    SortKey key() {
      return new SortKey(idRank, id);
    }
  }
}
