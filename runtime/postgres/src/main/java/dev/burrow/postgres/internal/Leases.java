package dev.burrow.postgres.internal;

import dev.burrow.BurrowException;
import dev.burrow.InterruptedOperationException;
import dev.burrow.LockTimeoutException;
import dev.burrow.runtime.internal.jfr.LeaseLostEvent;
import dev.burrow.runtime.internal.jfr.LeaseRenewalEvent;
import dev.burrow.runtime.internal.jfr.LockWaitEvent;
import dev.burrow.runtime.internal.lock.KeyedLocks;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Instance locks as leases in the database, for one kind and one backend.
 *
 * <p>A thread first takes an in-process reentrant lock for the ID (so one backend asks the database
 * once, however many of its threads wait), then the lease row: granted when it is free, expired, or
 * left over from this backend's own failed release, with an epoch drawn from the prefix's sequence,
 * so epochs of one name only ever grow (also across pruned rows and re-created IDs). The grant
 * waits for a write of the instance already under way (it locks the row), and records its epoch on
 * the row ({@code leased_epoch}), which a write from no holder reads as it is when it reaches the
 * row: so a write that began before the grant, whose snapshot holds no such lease, writes nothing
 * instead of landing after it (see {@link Statements}). Pruning a free lease row clears the epoch
 * it left on its row. Expiry is always computed by the database's clock, so hosts' clocks never
 * matter. A background thread renews every held lease in one statement every third of the lease
 * duration, and a write waiting for a row lock renews them when a round is due ({@link
 * RowLockWait}); closing the lock releases the row. A lease found lost is recorded once and no
 * longer renewed. Memory holds one entry per ID currently held or waited for in this backend. Each
 * acquisition is a {@code dev.burrow.LockWait} flight-recorder event, as on the filesystem backend,
 * naming the lease row.
 */
final class Leases implements AutoCloseable {
  private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
  private static final System.Logger LOG = System.getLogger("dev.burrow");

  private final Database database;
  private final Tables tables;
  private final String kind;
  private final Duration duration;
  private final String holder = UUID.randomUUID().toString();
  private final KeyedLocks<String, Long> locks =
      new KeyedLocks<>("the lock of instance ", this::release);

  /**
   * The epoch of each lease held here that is known lost, by ID: recorded once, and left out of
   * later renewal rounds. An entry goes with the hold of that epoch.
   */
  private final Map<String, Long> knownLost = new ConcurrentHashMap<>();

  private final Renewer renewer;

  /** {@link System#nanoTime()} when the last renewal round began. */
  private volatile long lastRound = System.nanoTime();

  private final String grantSql;
  private final String renewSql;
  private final String releaseSql;
  private final String currentSql;
  private final String releaseAllSql;
  private final String pruneSql;

  Leases(Database database, Tables tables, String kind, Duration duration) {
    this.database = database;
    this.tables = tables;
    this.kind = kind;
    this.duration = duration;
    this.grantSql =
        tables.expand(
            """
        WITH in_flight AS (
          SELECT count(*) FROM (
            SELECT 1 FROM {p}instances WHERE kind = ? AND id = ?
              AND (SELECT set_config('lock_timeout', ?, true)) IS NOT NULL
            FOR NO KEY UPDATE) row_lock),
        granted AS (
          INSERT INTO {p}leases AS l (kind, id, holder, epoch, expires_at)
          SELECT ?, ?, ?, nextval('{p}lease_epochs'),
            clock_timestamp() + ? * interval '1 millisecond'
          FROM in_flight
          ON CONFLICT (kind, id) DO UPDATE
            SET holder = excluded.holder, epoch = nextval('{p}lease_epochs'),
              expires_at = excluded.expires_at
            WHERE l.holder IS NULL OR l.expires_at <= clock_timestamp()
              OR l.holder = excluded.holder
          RETURNING kind, id, epoch),
        marked AS (
          UPDATE {p}instances i SET leased_epoch = g.epoch FROM granted g
          WHERE i.kind = g.kind AND i.id = g.id)
        SELECT epoch FROM granted""");
    this.renewSql =
        tables.expand(
            """
        UPDATE {p}leases SET expires_at = clock_timestamp() + ? * interval '1 millisecond'
        WHERE kind = ? AND holder = ? AND id = ANY(?) AND expires_at > clock_timestamp()
        RETURNING id""");
    this.releaseSql =
        tables.expand(
            """
        UPDATE {p}leases SET holder = NULL, expires_at = NULL
        WHERE kind = ? AND id = ? AND holder = ? AND epoch = ?""");
    this.currentSql =
        tables.expand(
            "SELECT holder, epoch, expires_at > clock_timestamp() FROM {p}leases"
                + " WHERE kind = ? AND id = ?");
    this.releaseAllSql =
        tables.expand(
            """
        UPDATE {p}leases SET holder = NULL, expires_at = NULL WHERE kind = ? AND holder = ?""");
    this.pruneSql =
        tables.expand(
            """
        WITH pruned AS (
          DELETE FROM {p}leases l
          WHERE l.kind = ? AND (l.holder IS NULL OR l.expires_at <= clock_timestamp())
          RETURNING kind, id, epoch),
        unmarked AS (
          UPDATE {p}instances i SET leased_epoch = NULL FROM pruned p
          WHERE i.kind = p.kind AND i.id = p.id AND i.leased_epoch <= p.epoch)
        SELECT count(*) FROM pruned""");
    this.renewer = new Renewer("burrow-lease-renewer-" + kind, duration, this::renew);
  }

  /**
   * Takes the lease on {@code id}, reentrant for the holding thread.
   *
   * @throws LockTimeoutException naming the instance if it is still held elsewhere after {@code
   *     timeout}
   * @throws InterruptedOperationException if interrupted while waiting (the interrupt status is
   *     kept)
   */
  LeaseLock acquire(String id, Duration timeout) {
    LockWaitEvent wait = new LockWaitEvent();
    wait.begin();
    long deadline = System.nanoTime() + timeout.toNanos();
    KeyedLocks<String, Long>.Hold hold = null;
    try {
      hold = locks.acquire(id, id, timeout, deadline, () -> grant(id, timeout, deadline));
    } finally {
      wait.finish(id, row(id), hold != null);
    }
    if (hold == null) {
      throw new LockTimeoutException(id, timeout);
    }
    return new LeaseLock(hold, fence(hold.outer()));
  }

  private long grant(String id, Duration timeout, long deadline) throws InterruptedException {
    Backoff backoff = new Backoff(deadline, MAX_POLL_NANOS);
    RowLockWait rowLock = new RowLockWait(this, deadline);
    while (true) {
      String left = rowLock.setting();
      List<Long> granted;
      try {
        granted =
            database.autoCommit(
                "locking instance '" + id + "'",
                id,
                connection ->
                    Database.query(
                        connection,
                        grantSql,
                        row -> row.getLong(1),
                        kind,
                        id,
                        left,
                        kind,
                        id,
                        holder,
                        duration.toMillis()));
      } catch (Connections.LockWaitTimedOut e) {
        if (rowLock.next()) {
          continue;
        }
        LockTimeoutException timedOut = new LockTimeoutException(id, timeout);
        timedOut.initCause(e);
        throw timedOut;
      }
      if (!granted.isEmpty()) {
        return granted.get(0);
      }
      if (!backoff.pause()) {
        throw new LockTimeoutException(id, timeout);
      }
    }
  }

  /** Names {@code id}'s lease row, for messages and events. */
  String row(String id) {
    return Tables.row(tables.leases(), kind, id);
  }

  /** The calling thread's fence for {@code id}, or null if it holds no lease on it. */
  @Nullable Fence fenceOf(String id) {
    return locks.isHeldByCurrentThread(id) ? fence(locks.outer(id)) : null;
  }

  /** This holder's fence at {@code epoch}, 0 if its leases were released at close. */
  private Fence fence(@Nullable Long epoch) {
    return new Fence(holder, epoch == null ? 0 : epoch);
  }

  /** Ends the last hold of {@code id}'s lock, granted with {@code epoch}: frees its row. */
  private void release(String id, long epoch) {
    knownLost.remove(id, epoch);
    releaseStale(id, epoch);
  }

  /**
   * Frees this holder's lease row of {@code id} with {@code epoch}, if it still has it; a failure
   * (the database is away) is logged, and the row expires by itself, or is reclaimed by this
   * holder's next lock or write of the instance (see {@link #isStaleOwn}). The last hold of a
   * thread's lock releases its row this way.
   *
   * @return whether it freed the row: false if this holder no longer had it, or on a failure
   */
  boolean releaseStale(String id, long epoch) {
    try {
      return database.autoCommit(
              "unlocking instance '" + id + "'", connection -> releaseStale(connection, id, epoch))
          > 0;
    } catch (BurrowException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "the lease of instance '"
              + id
              + "' (epoch "
              + epoch
              + ") could not be released; it expires within the lease duration, and this store"
              + " reclaims it on its next lock or write of the instance: "
              + e.getMessage());
      return false;
    }
  }

  /**
   * Frees this holder's lease row of {@code id} with {@code epoch}, if it still has it, in the
   * transaction of {@code connection}.
   *
   * @return 1 if it had it, 0 if not
   */
  int releaseStale(Connection connection, String id, long epoch) throws SQLException {
    return Database.update(connection, releaseSql, kind, id, holder, epoch);
  }

  /**
   * {@code id}'s lease row as it is now, read on Burrow's own connection (a statement of its own,
   * so with a snapshot of its own, unlike one in the caller's transaction).
   */
  LeaseState current(String id) {
    List<LeaseState> rows =
        database.read(
            "reading the lease of instance '" + id + "'",
            connection ->
                Database.query(connection, currentSql, row -> LeaseState.read(row, 1), kind, id));
    return rows.isEmpty() ? new LeaseState(null, 0, false) : rows.get(0);
  }

  /**
   * True if {@code leaseHolder} is this backend and none of its threads holds or waits for {@code
   * id}'s lock: the lease row is left over from a release that failed, and may be reclaimed. Any
   * later lock of {@code id} by this backend's threads takes a new epoch.
   */
  boolean isStaleOwn(String id, @Nullable String leaseHolder) {
    return holder.equals(leaseHolder) && !locks.isInUse(id);
  }

  /**
   * Deletes the lease rows of this kind that no one holds (free or expired), so lease rows stay
   * bounded by the locks in use. Epochs come from a sequence, so a pruned row's next grant still
   * gets a larger epoch.
   *
   * @return the number of rows deleted
   */
  int prune() {
    return database.autoCommit(
        "pruning the leases of kind '" + kind + "'",
        connection -> Database.query(connection, pruneSql, row -> row.getInt(1), kind).get(0));
  }

  /**
   * One renewal round: extends every lease this backend holds that is not known lost and has not
   * expired, and records it as a {@link LeaseRenewalEvent} (its {@code held} counts the leases the
   * round tried to renew), and each of those it finds expired as lost (see {@link #lost}). A round
   * with no lease to renew does nothing. The renewer's thread runs one every third of the lease.
   */
  void renew() {
    lastRound = System.nanoTime();
    // an entry whose hold ended while its loss was being recorded
    knownLost.entrySet().removeIf(entry -> !entry.getValue().equals(locks.outer(entry.getKey())));
    Map<String, Long> held = new HashMap<>(locks.outers());
    held.entrySet().removeIf(entry -> entry.getValue().equals(knownLost.get(entry.getKey())));
    if (held.isEmpty()) {
      return;
    }
    List<String> ids = List.copyOf(held.keySet());
    LeaseRenewalEvent event = new LeaseRenewalEvent();
    event.begin();
    Set<String> renewed = Set.of();
    String failure = null;
    try {
      renewed =
          Set.copyOf(
              database.autoCommit(
                  "renewing " + held.size() + " lease(s) of kind '" + kind + "'",
                  connection ->
                      Database.query(
                          connection,
                          renewSql,
                          row -> row.getString(1),
                          duration.toMillis(),
                          kind,
                          holder,
                          Database.textArray(connection, ids))));
    } catch (RuntimeException | Error e) {
      failure = e.toString();
      throw e;
    } finally {
      event.finish(kind, held.size(), renewed.size(), failure);
    }
    Set<String> kept = renewed;
    held.forEach(
        (id, epoch) -> {
          if (!kept.contains(id) && epoch.equals(locks.outer(id))) {
            // still held at that epoch, yet expired: lost before it could be renewed
            lost(
                id,
                epoch,
                "the lease had expired when the renewal round came; the holder's next write is"
                    + " fenced off");
          }
        });
  }

  /** The time between two renewal rounds, in milliseconds. */
  long renewalPeriodMillis() {
    return Renewer.periodMillis(duration);
  }

  /**
   * Runs a renewal round on the calling thread if none began within the renewal period: for a write
   * waiting for a row lock, which may hold the connection the renewer waits for (see {@link
   * RowLockWait}). A round that fails is left to the renewer's rounds, which log it and try again.
   */
  void renewIfDue() {
    if (System.nanoTime() - lastRound < TimeUnit.MILLISECONDS.toNanos(renewalPeriodMillis())) {
      return;
    }
    try {
      renew();
    } catch (BurrowException e) {
      // the renewer's next round tries again, and logs it if it fails too
    }
  }

  /**
   * Takes note that this backend's lease on {@code id} with {@code epoch} is lost, and records it
   * as a {@link LeaseLostEvent} saying {@code why} unless it was already known lost: one loss is
   * one event. Later renewal rounds leave it out; the holder's writes stay fenced off by the
   * database.
   */
  void lost(String id, long epoch, String why) {
    Long known = knownLost.put(id, epoch);
    if (known == null || known != epoch) {
      LeaseLostEvent.record(kind, id, epoch, why);
    }
  }

  /** Stops renewing, for a backend whose open failed before it could take a lease. */
  void abandon() {
    renewer.close();
  }

  /** Stops renewing and releases every lease this backend holds. */
  @Override
  public void close() {
    renewer.close();
    locks.forgetOuters();
    knownLost.clear();
    try {
      database.autoCommit(
          "releasing the leases of kind '" + kind + "'",
          connection -> Database.update(connection, releaseAllSql, kind, holder));
    } catch (BurrowException e) {
      LOG.log(
          System.Logger.Level.WARNING,
          "the leases of kind '"
              + kind
              + "' could not be released at close; they expire within the lease duration: "
              + e.getMessage());
    }
  }
}
