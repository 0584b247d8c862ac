package dev.burrow.postgres.internal;

import dev.burrow.InstanceNotFoundException;
import dev.burrow.runtime.internal.store.CheckedSchema;
import dev.burrow.runtime.internal.store.WriteInsideChangeException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * A store's updates: a change applied to what a row holds and written back with nothing written in
 * between. A row this backend wrote last, as far as it knows ({@link KnownWrites}), is tried with
 * one guarded statement committed on its own ({@link #updateWritten}); otherwise, or when that
 * writes nothing, the row is locked, changed, written and committed in one transaction. Leases are
 * respected as by every write ({@link GuardedWrites}), and a connection lost on the commit is
 * resolved by what the row holds ({@link LostCommits}).
 */
final class RowUpdates<T> {
  private final RowAccess<T> rows;
  private final UpdatesInFlight updating;
  private final MissedUpdates missed;
  private final Duration leaseDuration;

  RowUpdates(
      RowAccess<T> rows, UpdatesInFlight updating, MissedUpdates missed, Duration leaseDuration) {
    this.rows = rows;
    this.updating = updating;
    this.missed = missed;
    this.leaseDuration = leaseDuration;
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
  T update(String id, UnaryOperator<T> change) {
    boolean alone = updating.begin(id);
    try {
      return update(id, change, alone);
    } finally {
      updating.end(id);
    }
  }

  private T update(String id, UnaryOperator<T> change, boolean alone) {
    @Nullable Fence fence = rows.leases().fenceOf(id);
    long token = LostCommits.token(); // at most one of this call's tries commits
    Written kept =
        alone && fence == null && !rows.connections().joined() ? rows.known().take(id) : null;
    if (kept != null) {
      T next = updateWritten(id, kept, change, token);
      if (next != null) {
        return next;
      }
    }
    String what = "updating " + rows.documents().location(id);
    boolean snapshotted = rows.guarded().readsLeasesFromSnapshot(fence);
    LeaseWait wait = rows.guarded().leaseWait(id);
    RowLockWait rowLock = rows.guarded().rowLockWait();
    AtomicReference<@Nullable T> written = new AtomicReference<>();
    AtomicReference<@Nullable Written> stored = new AtomicReference<>();
    boolean over = false;
    try {
      while (true) {
        if (snapshotted && rows.guarded().heldElsewhereNow(id)) {
          wait.pause(what);
          continue;
        }
        try {
          T next =
              rows.connections()
                  .transaction(
                      what,
                      id,
                      (connection, bounds) ->
                          updateRow(
                              connection,
                              bounds,
                              id,
                              change,
                              fence,
                              token,
                              rowLock.setting(),
                              written,
                              stored),
                      connection -> committed(connection, id, written.get(), stored.get(), token));
          over = true;
          rows.known().keep(id, missed.mayKeep(id) ? stored.get() : null);
          return next;
        } catch (LeaseBusy busy) {
          if (snapshotted) {
            throw rows.guarded().endedAfterSnapshot(what);
          }
          wait.pause(what);
        } catch (Connections.LockWaitTimedOut e) {
          if (!rows.guarded().waitsOn(rowLock)) {
            throw rows.guarded().timedOut(id, e);
          }
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
   * change threw (an error too) or made a value that cannot be stored: a change that throws on what
   * this backend wrote may not throw on what is stored, so what it throws is left for the locked
   * path to throw again, or not (but for {@link WriteInsideChangeException}: a change that writes
   * its own instance is wrong on any value).
   */
  private @Nullable T updateWritten(String id, Written kept, UnaryOperator<T> change, long token) {
    Written tried = kept;
    for (int attempt = 1; attempt <= 2; attempt++) {
      T next;
      String document;
      try {
        next = change.apply(rows.documents().decode(id, tried.version(), tried.document(), 0));
        document = rows.documents().encode(next);
      } catch (WriteInsideChangeException e) {
        throw e; // the change writes its own instance: no value makes that right
      } catch (VirtualMachineError e) {
        throw e; // the JVM is failing, whatever the value
      } catch (Throwable e) { // an error, or a misuse such as a null set, may come of the value
        return null;
      }
      Written stored = new Written(tried.incarnation(), rows.schema().version(next), document);
      KnownTry found = tryWritten(id, tried, stored, token);
      if (found.written()) {
        missed.wrote(id);
        rows.known().keep(id, stored);
        return next;
      }
      Written seen = found.seen();
      if (seen == null) {
        break;
      }
      tried = seen;
    }
    missed.missed(id);
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
  private KnownTry tryWritten(String id, Written tried, Written stored, long token) {
    try {
      return rows.connections()
          .write(
              "updating " + rows.documents().location(id),
              id,
              connection ->
                  Database.query(
                          connection,
                          rows.statements().writeKnown,
                          KnownTry::read,
                          rows.kind(),
                          id,
                          tried.version(),
                          tried.incarnation(),
                          tried.document(),
                          stored.version(),
                          stored.document(),
                          token,
                          CheckedSchema.MAX_DOCUMENT_BYTES,
                          rows.kind(),
                          id)
                      .get(0),
              connection ->
                  rows.lost()
                      .replacedOrNot(
                          connection,
                          id,
                          tried.incarnation(),
                          tried.version(),
                          stored.version(),
                          stored.document(),
                          token,
                          KnownTry.WRITTEN));
    } catch (Connections.LockWaitTimedOut e) {
      throw rows.guarded().timedOut(id, e);
    }
  }

  private T updateRow(
      Connection connection,
      Bounds bounds,
      String id,
      UnaryOperator<T> change,
      @Nullable Fence fence,
      long token,
      String lockTimeout,
      AtomicReference<@Nullable T> written,
      AtomicReference<@Nullable Written> stored)
      throws SQLException {
    List<LockedRow> locked =
        rows.connections().joined()
            ? Database.query(
                connection,
                bounds.first(rows.statements().lockRowJoined),
                LockedRow::read,
                CheckedSchema.MAX_DOCUMENT_BYTES,
                rows.kind(),
                id)
            : Database.query(
                connection,
                bounds.first(rows.statements().lockRow),
                LockedRow::read,
                CheckedSchema.MAX_DOCUMENT_BYTES,
                rows.kind(),
                id,
                lockTimeout,
                Long.toString(leaseDuration.toMillis()));
    if (locked.isEmpty()) {
      throw new InstanceNotFoundException(id);
    }
    LockedRow row = locked.get(0);
    if (fence != null) {
      if (!row.lease().heldBy(fence)) {
        throw rows.guarded().leaseLost(id, fence, row.lease().describe());
      }
    } else if (row.lease().held()) {
      if (!rows.leases().isStaleOwn(id, row.lease().holder())) {
        throw new LeaseBusy();
      }
      rows.leases().releaseStale(connection, id, row.lease().epoch());
    }
    T current = rows.documents().decode(id, row.version(), row.document(), row.bytes());
    long changeStarted = System.nanoTime();
    T next = change.apply(current);
    long changeNanos = System.nanoTime() - changeStarted;
    written.set(next);
    String document = rows.documents().encode(next);
    stored.set(new Written(row.incarnation(), rows.schema().version(next), document));
    Object[] parameters =
        GuardedWrites.withFence(
            fence,
            rows.schema().version(next),
            document,
            token,
            rows.kind(),
            id,
            rows.schema().version(current));
    int updated;
    try {
      updated =
          Database.update(connection, bounds.last(rows.statements().write.sql(fence)), parameters);
    } catch (SQLException e) {
      if (!rows.connections().joined() && Failures.endedIdle(e, leaseDuration, changeNanos)) {
        throw Failures.outlivedLease(e, leaseDuration, changeNanos);
      }
      throw e;
    }
    if (updated == 0) {
      if (fence != null) {
        throw rows.guarded().leaseLost(id, fence, "it expired while the row was written");
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
      Connection connection, String id, @Nullable T next, @Nullable Written wrote, long token)
      throws SQLException, Connections.Unknown {
    Objects.requireNonNull(next, "an update whose COMMIT was made has applied its change");
    Objects.requireNonNull(wrote, "an update whose COMMIT was made has made what it writes");
    return rows.lost()
        .replacedOrNot(
            connection,
            id,
            wrote.incarnation(),
            wrote.version() - 1,
            wrote.version(),
            wrote.document(),
            token,
            next);
  }

  /** Another holder's live lease: roll back, wait, and try again. */
  private static final class LeaseBusy extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LeaseBusy() {
      super("lease busy", null, false, false);
    }
  }

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
}
