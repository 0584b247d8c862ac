package dev.burrow.postgres.internal;

import dev.burrow.BurrowException;
import dev.burrow.MisuseException;
import dev.burrow.StoreOptions;
import dev.burrow.WorkerIdUnavailableException;
import dev.burrow.runtime.internal.id.WorkerIdAllocator;
import dev.burrow.runtime.internal.id.WorkerLease;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Snowflake worker numbers leased from PostgreSQL, unique across every host that uses the same
 * database and table prefix. Each number is a row of {@code <prefix>workers}: a holder, an expiry
 * computed by the database's clock and renewed in the background while held, and the high-water
 * mark its holders record (see {@link WorkerLease}). A crashed holder's number is free again once
 * its lease expires, and its next holder starts after every ID the crashed one made. A holder that
 * loses its lease (a pause longer than the lease) finds out at its next mark: recording fails, so
 * it makes no ID beyond the mark it had, and the next holder starts after that mark.
 *
 * <p>Claiming prefers numbers whose mark is already behind this host's clock (the generator can
 * start at once), then the lowest; hosts claiming at the same moment skip each other's rows ({@code
 * FOR UPDATE SKIP LOCKED}). Cost: one statement to claim, one per recorded mark (about one a second
 * while IDs are made), one renewal per third of the lease duration.
 */
public final class PostgresWorkerIds implements WorkerIdAllocator, AutoCloseable {
  private static final int CLAIM_ATTEMPTS = 5;
  private static final System.Logger LOG = System.getLogger("dev.burrow");

  private final Database database;
  private final String table;
  private final Duration duration;
  private final String holder = UUID.randomUUID().toString();
  private final Set<Integer> held = ConcurrentHashMap.newKeySet();

  /**
   * Held while a number is claimed or given back, so that a row of this holder's that is not in
   * {@link #held} is one of its claims whose answer was lost (see {@link #claimedUnseen}).
   */
  private final Object claims = new Object();

  private final String seedSql;
  private final String claimSql;
  private final String claimedSql;
  private final String recordSql;
  private final String renewSql;
  private final String releaseSql;
  private final String releaseLoweringSql;
  private final String releaseAllSql;
  private @Nullable Renewer renewer;
  private boolean closed;

  PostgresWorkerIds(Database database, Tables tables, Duration duration) {
    this.database = database;
    this.table = tables.workers();
    this.duration = duration;
    this.seedSql =
        tables.expand(
            """
        INSERT INTO {p}workers (worker) SELECT generate_series(0, ? - 1)
        ON CONFLICT (worker) DO NOTHING""");
    this.claimSql =
        tables.expand(
            """
        UPDATE {p}workers w
        SET holder = ?, expires_at = clock_timestamp() + ? * interval '1 millisecond'
        WHERE w.worker = (
          SELECT worker FROM {p}workers
          WHERE worker < ? AND (holder IS NULL OR expires_at <= clock_timestamp())
          ORDER BY high_water_millis >= ?, worker
          LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING w.worker, w.high_water_millis""");
    this.claimedSql =
        tables.expand(
            """
        SELECT worker, high_water_millis FROM {p}workers
        WHERE holder = ? AND expires_at > clock_timestamp() AND worker <> ALL(?)
        ORDER BY worker LIMIT 1""");
    this.recordSql =
        tables.expand(
            """
        UPDATE {p}workers SET high_water_millis = greatest(high_water_millis, ?),
          expires_at = clock_timestamp() + ? * interval '1 millisecond'
        WHERE worker = ? AND holder = ? AND expires_at > clock_timestamp()""");
    this.renewSql =
        tables.expand(
            """
        UPDATE {p}workers SET expires_at = clock_timestamp() + ? * interval '1 millisecond'
        WHERE holder = ? AND worker = ANY(?) AND expires_at > clock_timestamp()""");
    this.releaseSql =
        tables.expand(
            "UPDATE {p}workers SET holder = NULL, expires_at = NULL WHERE worker = ? AND holder = ?");
    this.releaseLoweringSql =
        tables.expand(
            """
        UPDATE {p}workers SET holder = NULL, expires_at = NULL,
          high_water_millis = CASE WHEN high_water_millis = ? THEN least(high_water_millis, ?)
            ELSE high_water_millis END
        WHERE worker = ? AND holder = ?""");
    this.releaseAllSql =
        tables.expand("UPDATE {p}workers SET holder = NULL, expires_at = NULL WHERE holder = ?");
  }

  /**
   * The allocator for the database behind {@code dataSource} and the settings' table prefix,
   * creating or upgrading Burrow's tables first (waiting for table locks as long as a store with
   * the default options does). Close it to stop renewing and give back every number it still holds.
   *
   * @throws dev.burrow.StorageException if the database cannot be reached or written
   */
  public static PostgresWorkerIds open(DataSource dataSource, StorageSettings settings) {
    Database database = new Database(dataSource);
    Tables tables = new Tables(settings.tablePrefix());
    Migrations.apply(database, tables, StoreOptions.defaults().lockTimeout());
    return new PostgresWorkerIds(database, tables, settings.leaseDuration());
  }

  /**
   * Leases a free number below {@code workerCount}. A claim whose connection was lost after it was
   * sent is looked for in the table (a live row of this holder's that it does not know), so that a
   * claim that committed is used, not left held until its lease expires.
   *
   * @throws WorkerIdUnavailableException if every number is held by a live holder
   * @throws dev.burrow.StorageException if the database fails
   */
  @Override
  public WorkerLease acquire(int workerCount) {
    startRenewing();
    long now = System.currentTimeMillis();
    for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      synchronized (claims) {
        List<long[]> claimed =
            database.write(
                "leasing a worker number in " + table,
                "",
                connection -> {
                  Database.update(connection, seedSql, workerCount);
                  return Database.query(
                      connection,
                      claimSql,
                      PostgresWorkerIds::claim,
                      holder,
                      duration.toMillis(),
                      workerCount,
                      now);
                },
                this::claimedUnseen);
        if (!claimed.isEmpty()) {
          int worker = (int) claimed.get(0)[0];
          held.add(worker);
          return new Lease(worker, claimed.get(0)[1]);
        }
      }
    }
    throw new WorkerIdUnavailableException(
        "all " + workerCount + " worker numbers in " + table + " are leased by live holders");
  }

  /** A claimed number and its high-water mark. */
  private static long[] claim(ResultSet row) throws SQLException {
    return new long[] {row.getInt(1), row.getLong(2)};
  }

  /**
   * The claim of a lost connection, if it committed: a live row of this holder's that is neither
   * held nor being given back (claims and releases run under {@link #claims}); null if none.
   */
  private @Nullable List<long[]> claimedUnseen(Connection connection) throws SQLException {
    List<long[]> found =
        Database.query(
            connection,
            claimedSql,
            PostgresWorkerIds::claim,
            holder,
            connection.createArrayOf("integer", held.toArray()));
    return found.isEmpty() ? null : found;
  }

  private synchronized void startRenewing() {
    if (closed) {
      throw new MisuseException("the worker allocator on " + table + " was closed");
    }
    if (renewer == null) {
      renewer = new Renewer("burrow-worker-renewer", duration, this::renew);
    }
  }

  private void renew() {
    if (held.isEmpty()) {
      return;
    }
    database.autoCommit(
        "renewing worker leases in " + table,
        connection ->
            Database.update(
                connection,
                renewSql,
                duration.toMillis(),
                holder,
                connection.createArrayOf("integer", held.toArray())));
  }

  /**
   * Stops renewing and gives back every number this allocator holds; if the database is away that
   * is logged, and the numbers expire within the lease duration. Idempotent.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (renewer != null) {
      renewer.close();
    }
    synchronized (claims) {
      held.clear();
      release(
          "releasing worker leases in " + table,
          connection -> Database.update(connection, releaseAllSql, holder));
    }
  }

  /**
   * Gives numbers back; a failure (the database is away) is logged, never thrown: the numbers
   * expire within the lease duration, and a failed release must not turn the work done with them
   * into a failure (a store closed in try-with-resources after its writes, say).
   */
  private void release(String what, Connections.Work<Integer> statement) {
    try {
      database.autoCommit(what, statement);
    } catch (BurrowException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          what + " failed; the lease expires by itself within its duration: " + e.getMessage());
    }
  }

  /** One leased number. */
  private final class Lease implements WorkerLease {
    private final int workerId;
    private final long highWaterMillis;
    private volatile boolean released;

    /** The mark this lease last stored; its row's mark while no one else recorded one. */
    private volatile long recorded;

    Lease(int workerId, long highWaterMillis) {
      this.workerId = workerId;
      this.highWaterMillis = highWaterMillis;
      this.recorded = highWaterMillis;
    }

    @Override
    public int workerId() {
      return workerId;
    }

    @Override
    public long highWaterMillis() {
      return highWaterMillis;
    }

    @Override
    public void recordHighWater(long timestampMillis) {
      if (released) {
        throw new MisuseException(
            "the lease of worker number " + workerId + " in " + table + " was released");
      }
      int updated =
          database.autoCommit(
              "recording the high-water mark of worker " + workerId + " in " + table,
              connection ->
                  Database.update(
                      connection,
                      recordSql,
                      timestampMillis,
                      duration.toMillis(),
                      workerId,
                      holder));
      if (updated == 0) {
        throw lost("expired or was taken over; no ID beyond the last recorded mark is made");
      }
      recorded = timestampMillis;
    }

    private WorkerIdUnavailableException lost(String what) {
      return new WorkerIdUnavailableException(
          "the lease of worker number " + workerId + " in " + table + " " + what);
    }

    @Override
    public void close() {
      giveBack(connection -> Database.update(connection, releaseSql, workerId, holder));
    }

    /**
     * Lowers the row's mark in the statement that gives the number back, only if the mark is still
     * the one this lease recorded: a different mark means another lease of the number recorded one
     * since (this one was lost), and that mark is kept.
     */
    @Override
    public void closeAfterLastId(long lastIdMillis) {
      long mark = recorded;
      long lowered = Math.max(lastIdMillis, highWaterMillis);
      giveBack(
          connection ->
              Database.update(connection, releaseLoweringSql, mark, lowered, workerId, holder));
    }

    private void giveBack(Connections.Work<Integer> statement) {
      if (released) {
        return;
      }
      released = true;
      synchronized (claims) {
        held.remove(workerId);
        release("releasing worker " + workerId + " in " + table, statement);
      }
    }
  }
}
