package dev.burrow.postgres.internal;

import dev.burrow.BurrowException;
import dev.burrow.LockLostException;
import dev.burrow.LockTimeoutException;
import dev.burrow.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * How a store's writes respect leases and row locks: a guarded write statement is run until it goes
 * through or says why it cannot ({@link #write}), with the holder's fence and the store's lock
 * timeout among its parameters; another holder's live lease is waited out, polling, up to the lock
 * timeout ({@link LeaseWait}), and the store's own stale lease released where the write sees it; a
 * lease found no longer the writer's is recorded and refused as {@link LockLostException}; a row
 * lock is waited for in slices that renew the store's leases when due ({@link RowLockWait}), and
 * one not granted in time is a {@link LockTimeoutException} naming the instance.
 */
final class GuardedWrites {
  private static final long MAX_WAIT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** The server's SQLState for a serialization failure. */
  private static final String SERIALIZATION_FAILURE = "40001";

  private final Connections connections;
  private final Leases leases;
  private final Documents<?> documents;
  private final String kind;
  private final Duration lockTimeout;

  GuardedWrites(
      Connections connections,
      Leases leases,
      Documents<?> documents,
      String kind,
      Duration lockTimeout) {
    this.connections = connections;
    this.leases = leases;
    this.documents = documents;
    this.kind = kind;
    this.lockTimeout = lockTimeout;
  }

  /** One try of a guarded write statement: what it did, and the row and lease it saw. */
  @FunctionalInterface
  interface Attempt {
    WriteState run(String operation, String sql, Object[] parameters);
  }

  /**
   * Runs a guarded write statement until it goes through. When it does not, the same statement said
   * why: a lost lease throws; {@code verdict} throws (or returns false to give up quietly) for a
   * missing instance or a stale version; this holder's own stale lease is released; another
   * holder's live lease is waited out up to the lock timeout.
   *
   * @param attempt runs the statement once
   * @return what the statement that wrote said (for a delete, the removed row's incarnation), or
   *     null if {@code verdict} gave up
   */
  @Nullable WriteState write(
      String id,
      @Nullable Fence fence,
      String what,
      Statements.Guarded statement,
      Object[] head,
      Predicate<WriteState> verdict,
      Attempt attempt) {
    Object[] guarded = withFence(fence, head);
    String sql = statement.sql(fence);
    String operation = what + " " + documents.location(id);
    boolean snapshotted = readsLeasesFromSnapshot(fence);
    LeaseWait wait = leaseWait(id);
    RowLockWait rowLock = rowLockWait();
    boolean over = false;
    try {
      while (true) {
        if (snapshotted && heldElsewhereNow(id)) {
          wait.pause(operation);
          continue;
        }
        Object[] parameters =
            connections.joined()
                ? append(guarded, kind, id)
                : append(guarded, rowLock.setting(), kind, id);
        WriteState state;
        try {
          state = attempt.run(operation, sql, parameters);
        } catch (Connections.LockWaitTimedOut e) {
          if (waitsOn(rowLock)) {
            continue;
          }
          throw timedOut(id, e);
        }
        if (state.written()) {
          over = true;
          return state;
        }
        if (fence != null && !state.lease().heldBy(fence)) {
          throw leaseLost(id, fence, state.lease().describe());
        }
        if (!verdict.test(state)) {
          over = true;
          return null;
        }
        if (fence == null && state.lease().held()) {
          if (!leases.isStaleOwn(id, state.lease().holder())) {
            if (snapshotted) {
              throw endedAfterSnapshot(operation);
            }
          } else if (releaseStale(id, state.lease().epoch())) {
            continue;
          }
        }
        wait.pause(operation);
      }
    } finally {
      wait.end(over);
    }
  }

  /**
   * Whether a write from no lease holder ({@code fence} null) must read the lease as it is now
   * before each try ({@link #heldElsewhereNow}): in the caller's transaction under {@code
   * REPEATABLE READ} or {@code SERIALIZABLE} (one round trip in it, {@code SHOW TRANSACTION
   * ISOLATION LEVEL}), whose snapshot shows each lease as it was when the snapshot was taken. A
   * lease granted since on an ID with no row yet (which the grant could mark, see {@link
   * Statements}) is missing there, and a lease renewed since shows its earlier expiry, which may
   * have passed while the lease is live: a guard read from the snapshot would write under either. A
   * lease granted after that read and before the caller commits is not seen, as under {@code READ
   * COMMITTED}, where the guard reads the lease when the statement runs.
   */
  boolean readsLeasesFromSnapshot(@Nullable Fence fence) {
    return fence == null
        && connections.joined()
        && connections.read(
            "reading your transaction's isolation level",
            connection ->
                connection.getTransactionIsolation() > Connection.TRANSACTION_READ_COMMITTED);
  }

  /**
   * A write from no lease holder, in the caller's transaction under {@code REPEATABLE READ} or
   * {@code SERIALIZABLE}, whose guard found another holder's lease live in the snapshot after
   * {@link #heldElsewhereNow} found none live now: the lease ended after the snapshot was taken,
   * which keeps showing it, so waiting cannot see it end. Refused at once as a serialization
   * failure, as {@link #leaseLost} refuses a holder's write its snapshot cannot see: nothing was
   * written, and the whole transaction is to be run again.
   */
  StorageException endedAfterSnapshot(String operation) {
    return serializationFailure(
        operation
            + " in your transaction failed: another holder's lock on the instance, live when your"
            + " transaction's snapshot was taken (REPEATABLE READ or SERIALIZABLE), has ended"
            + " since, but the snapshot keeps showing it, so the write would wait for it in vain"
            + " and wrote nothing. Roll back and run the whole transaction again");
  }

  /**
   * A {@link StorageException} whose cause has the server's SQLState for a serialization failure.
   */
  private static StorageException serializationFailure(String message) {
    String stated = message + " (SQLState " + SERIALIZATION_FAILURE + ")";
    return new StorageException(stated, new SQLException(stated, SERIALIZATION_FAILURE));
  }

  /**
   * Whether another holder's lease on {@code id} is live now, read on Burrow's own connection (one
   * round trip more, and a second connection of the store's pool while the caller's is held): a
   * write whose guard reads a snapshot then waits it out, as the guard would. This store's own
   * stale lease is left for the write to release where its snapshot sees it.
   */
  boolean heldElsewhereNow(String id) {
    LeaseState now = leases.current(id);
    return now.held() && !leases.isStaleOwn(id, now.holder());
  }

  /**
   * Frees this store's own stale lease of {@code id} with {@code epoch} (see {@link
   * Leases#isStaleOwn}) where the write's next try sees it: on Burrow's own connections, committed
   * at once; in the caller's transaction, inside it (in a savepoint of its own, as an update does),
   * since under {@code REPEATABLE READ} or {@code SERIALIZABLE} the caller's snapshot never sees a
   * release committed elsewhere, and a write that tried again at once would find the lease again
   * until it expired. The release then commits, or is undone, with the caller's transaction.
   *
   * @return whether it was freed; if not (someone else did, or it could not be), the write waits
   *     before its next try, as for another holder's lease
   */
  private boolean releaseStale(String id, long epoch) {
    if (!connections.joined()) {
      return leases.releaseStale(id, epoch);
    }
    Integer released =
        connections.transaction(
            "unlocking instance '" + id + "'",
            id,
            (connection, bounds) -> leases.releaseStale(connection, id, epoch),
            connection -> null);
    return released > 0;
  }

  /**
   * A guarded write as one statement, committed on its own; {@code outcome} says whether it did
   * when the connection was lost after it was sent.
   */
  Attempt statement(String id, Connections.Outcome<WriteState> outcome) {
    return (operation, sql, parameters) ->
        connections.write(
            operation,
            id,
            connection -> Database.query(connection, sql, WriteState::read, parameters).get(0),
            outcome);
  }

  /**
   * A write's wait for a row lock on the store's own connections, up to the lock timeout from now
   * (see {@link RowLockWait}).
   */
  RowLockWait rowLockWait() {
    return new RowLockWait(leases, System.nanoTime() + lockTimeout.toNanos());
  }

  /**
   * After a try whose wait for a row lock ended at its {@code lock_timeout}: whether to try again,
   * renewing the store's leases if due. Never in the caller's transaction, whose {@code
   * lock_timeout} is the caller's and whose wait PostgreSQL has ended.
   */
  boolean waitsOn(RowLockWait rowLock) {
    return !connections.joined() && rowLock.next();
  }

  /**
   * A row lock not granted in time: on Burrow's connections the statement set the store's lock
   * timeout, in the caller's transaction the caller's {@code lock_timeout} ended the wait.
   */
  LockTimeoutException timedOut(String id, Connections.LockWaitTimedOut e) {
    if (connections.joined()) {
      return e;
    }
    LockTimeoutException timedOut = new LockTimeoutException(id, lockTimeout);
    timedOut.initCause(e);
    return timedOut;
  }

  /**
   * The write's lease is no longer its own, for the reason {@code why}: recorded once per loss
   * ({@link Leases#lost}: a {@code LeaseLost} flight-recorder event, and left out of later renewal
   * rounds), and refused.
   *
   * <p>In the caller's transaction the statement read the lease row from the transaction's
   * snapshot, which under {@code REPEATABLE READ} or {@code SERIALIZABLE} misses a lease granted,
   * or renewed, after it was taken: the lease is first read as it is now, on Burrow's own
   * connection, and if it is still live and this holder's, it is not lost. The write is refused as
   * a serialization failure instead (a {@link StorageException} whose cause has {@code SQLState
   * 40001}, as the server reports a write meeting a concurrent one there): nothing was written, the
   * lease is kept and renewed, and the whole transaction is to be run again, taking the lock before
   * it starts.
   */
  BurrowException leaseLost(String id, Fence fence, String why) {
    if (connections.joined() && leases.current(id).heldBy(fence)) {
      String message =
          "writing "
              + documents.location(id)
              + " in your transaction failed: the lock this thread holds on the instance (epoch "
              + fence.epoch()
              + ") is live, but it was granted or last renewed after your transaction's snapshot"
              + " was taken (REPEATABLE READ or SERIALIZABLE), which shows it missing or expired,"
              + " so the write, fenced by the lease as the snapshot shows it, wrote nothing; the"
              + " lock is kept. Roll back and run the whole transaction again, taking the lock"
              + " before you start the transaction and keeping it well within the lease duration";
      return serializationFailure(message);
    }
    leases.lost(id, fence.epoch(), why);
    return new LockLostException(id, fence.epoch(), why);
  }

  /** A wait for another holder's live lease on the instance, up to the lock timeout. */
  LeaseWait leaseWait(String id) {
    return new LeaseWait(id, leases.row(id), lockTimeout, MAX_WAIT_POLL_NANOS);
  }

  /** The store's lock timeout as the statements' {@code lock_timeout}. */
  String lockTimeoutSetting() {
    return Statements.lockTimeout(lockTimeout.toMillis());
  }

  /** {@code head}, followed by the fence's holder and epoch if there is a fence. */
  static Object[] withFence(@Nullable Fence fence, Object... head) {
    return fence == null ? head : append(head, fence.holder(), fence.epoch());
  }

  private static Object[] append(Object[] head, Object... tail) {
    Object[] all = Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }
}
