package dev.burrow.postgres.internal;

import dev.burrow.InterruptedOperationException;
import dev.burrow.LockTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Instance locks as leases in the database, for one kind and one backend.
 *
 * <p>A thread first takes an in-process reentrant lock for the ID (so one backend asks the database
 * once, however many of its threads wait), then the lease row: granted when it is free or expired,
 * with the epoch one higher than the last grant. Expiry is always computed by the database's clock,
 * so hosts' clocks never matter. A background thread renews every held lease in one statement every
 * third of the lease duration; closing the lock releases the row. Memory holds one entry per ID
 * currently held or waited for in this backend.
 */
final class Leases implements AutoCloseable {
  private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** One ID's in-process lock, its users (holders and waiters), and the granted epoch. */
  static final class Entry {
    final ReentrantLock lock = new ReentrantLock();

    /** Guarded by the map's per-key atomicity ({@code compute}). */
    int users;

    /** The epoch of the lease this backend holds for the ID, 0 when none. */
    volatile long epoch;
  }

  private final Database database;
  private final String kind;
  private final Duration duration;
  private final String holder = UUID.randomUUID().toString();
  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Renewer renewer;
  private final String grantSql;
  private final String renewSql;
  private final String releaseSql;
  private final String releaseAllSql;
  private final String pruneSql;

  Leases(Database database, Tables tables, String kind, Duration duration) {
    this.database = database;
    this.kind = kind;
    this.duration = duration;
    this.grantSql =
        tables.expand(
            """
        INSERT INTO {p}leases AS l (kind, id, holder, epoch, expires_at)
        VALUES (?, ?, ?, 1, clock_timestamp() + ? * interval '1 millisecond')
        ON CONFLICT (kind, id) DO UPDATE
          SET holder = excluded.holder, epoch = l.epoch + 1, expires_at = excluded.expires_at
          WHERE l.holder IS NULL OR l.expires_at <= clock_timestamp()
        RETURNING epoch""");
    this.renewSql =
        tables.expand(
            """
        UPDATE {p}leases SET expires_at = clock_timestamp() + ? * interval '1 millisecond'
        WHERE kind = ? AND holder = ? AND id = ANY(?) AND expires_at > clock_timestamp()""");
    this.releaseSql =
        tables.expand(
            """
        UPDATE {p}leases SET holder = NULL, expires_at = NULL
        WHERE kind = ? AND id = ? AND holder = ? AND epoch = ?""");
    this.releaseAllSql =
        tables.expand(
            """
        UPDATE {p}leases SET holder = NULL, expires_at = NULL WHERE kind = ? AND holder = ?""");
    this.pruneSql =
        tables.expand(
            """
        DELETE FROM {p}leases l
        WHERE l.kind = ? AND (l.holder IS NULL OR l.expires_at <= clock_timestamp())
          AND NOT EXISTS (SELECT 1 FROM {p}instances i WHERE i.kind = l.kind AND i.id = l.id)""");
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
    long deadline = System.nanoTime() + timeout.toNanos();
    Entry entry = enter(id);
    boolean held = false;
    try {
      if (!entry.lock.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        throw new LockTimeoutException(id, timeout);
      }
      try {
        if (entry.lock.getHoldCount() == 1) {
          entry.epoch = grant(id, timeout, deadline);
        }
        held = true;
        return new LeaseLock(this, id, entry, new Fence(holder, entry.epoch));
      } finally {
        if (!held) {
          entry.lock.unlock();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedOperationException(
          "interrupted while waiting up to "
              + timeout.toMillis()
              + " ms for the lock of instance '"
              + id
              + "'",
          e);
    } finally {
      if (!held) {
        leave(id);
      }
    }
  }

  private long grant(String id, Duration timeout, long deadline) throws InterruptedException {
    Backoff backoff = new Backoff(deadline, MAX_POLL_NANOS);
    while (true) {
      List<Long> granted =
          database.autoCommit(
              "locking instance '" + id + "'",
              connection ->
                  Database.query(
                      connection,
                      grantSql,
                      row -> row.getLong(1),
                      kind,
                      id,
                      holder,
                      duration.toMillis()));
      if (!granted.isEmpty()) {
        return granted.get(0);
      }
      if (!backoff.pause()) {
        throw new LockTimeoutException(id, timeout);
      }
    }
  }

  /** The calling thread's fence for {@code id}, or null if it holds no lease on it. */
  @Nullable Fence fenceOf(String id) {
    Entry entry = entries.get(id);
    if (entry == null || !entry.lock.isHeldByCurrentThread()) {
      return null;
    }
    return new Fence(holder, entry.epoch);
  }

  /** Releases one hold; the last hold of the thread releases the lease row. */
  void release(String id, Entry entry) {
    try {
      long epoch = entry.epoch;
      if (entry.lock.getHoldCount() == 1 && epoch != 0) {
        entry.epoch = 0;
        database.autoCommit(
            "unlocking instance '" + id + "'",
            connection -> Database.update(connection, releaseSql, kind, id, holder, epoch));
      }
    } finally {
      entry.lock.unlock();
      leave(id);
    }
  }

  /**
   * Deletes the free lease rows of instances that no longer exist, so lease rows stay bounded by
   * the instances that exist and the locks in use. The rows of existing instances are kept: they
   * carry the epoch that must keep growing.
   *
   * @return the number of rows deleted
   */
  int prune() {
    return database.autoCommit(
        "pruning the leases of kind '" + kind + "'",
        connection -> Database.update(connection, pruneSql, kind));
  }

  private void renew() {
    List<String> held =
        entries.entrySet().stream()
            .filter(e -> e.getValue().epoch != 0)
            .map(Map.Entry::getKey)
            .toList();
    if (held.isEmpty()) {
      return;
    }
    database.autoCommit(
        "renewing " + held.size() + " lease(s) of kind '" + kind + "'",
        connection ->
            Database.update(
                connection,
                renewSql,
                duration.toMillis(),
                kind,
                holder,
                Database.textArray(connection, held)));
  }

  private Entry enter(String id) {
    return entries.compute(
        id,
        (key, entry) -> {
          Entry current = entry == null ? new Entry() : entry;
          current.users++;
          return current;
        });
  }

  private void leave(String id) {
    entries.computeIfPresent(id, (key, entry) -> --entry.users == 0 ? null : entry);
  }

  /** Stops renewing and releases every lease this backend holds. */
  @Override
  public void close() {
    renewer.close();
    entries.values().forEach(entry -> entry.epoch = 0);
    database.autoCommit(
        "releasing the leases of kind '" + kind + "'",
        connection -> Database.update(connection, releaseAllSql, kind, holder));
  }
}
