package dev.burrow.postgres.internal;

import dev.burrow.BurrowException;
import dev.burrow.MisuseException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * The caller's connection and its open transaction: document statements run in it and take effect
 * when, and only if, the caller commits. Burrow never commits, rolls back or switches auto-commit
 * on it, and changes no setting: a multi-statement write runs inside a savepoint that it releases
 * (or, when it fails or must wait for another holder's lease, rolls back to, undoing only its own
 * statements, and then releases), so however often a write is tried again, the caller's transaction
 * is left with no savepoint of Burrow's. One connection serves one thread at a time, as JDBC
 * requires.
 */
final class CallerTransaction implements Connections {
  private final Connection connection;

  CallerTransaction(Connection connection) {
    this.connection = connection;
  }

  @Override
  public boolean joined() {
    return true;
  }

  @Override
  public <R> R read(String what, Work<R> work) {
    return run(what, "", work);
  }

  @Override
  public <R> R write(String what, String instanceId, Work<R> work, Outcome<R> outcome) {
    return run(what, instanceId, work);
  }

  private <R> R run(String what, String instanceId, Work<R> work) {
    long started = System.nanoTime();
    try {
      requireTransaction(what);
      return work.run(connection);
    } catch (SQLException e) {
      throw failed(what, instanceId, started, e, false);
    }
  }

  @Override
  public <R> R transaction(
      String what, String instanceId, TransactionWork<R> work, Outcome<R> outcome) {
    long started = System.nanoTime();
    Savepoint savepoint;
    try {
      requireTransaction(what);
      savepoint = connection.setSavepoint();
    } catch (SQLException e) {
      throw failed(what, instanceId, started, e, false);
    }
    try {
      R result = work.run(connection, new Bounds(false));
      connection.releaseSavepoint(savepoint);
      return result;
    } catch (SQLException e) {
      boolean undone = rollBackTo(savepoint, e);
      throw failed(what, instanceId, started, e, undone);
    } catch (Throwable e) {
      // An Error or a checked exception a Kotlin change throws, too: the savepoint's row locks
      // must not outlive the call.
      rollBackTo(savepoint, e);
      throw e;
    }
  }

  /**
   * What a statement of {@code what} failing with {@code e} throws: as on Burrow's own connections,
   * but a lost connection also says that the caller's whole transaction went with it.
   */
  private static BurrowException failed(
      String what, String instanceId, long started, SQLException e, boolean undone) {
    String inYourTransaction = what + " in your transaction";
    return Failures.connectionLost(e)
        ? Failures.callersTransactionLost(inYourTransaction, e)
        : Failures.mapped(inYourTransaction, instanceId, started, e, undone);
  }

  /**
   * Undoes the statements since {@code savepoint} and releases it (a rollback to a savepoint keeps
   * it, so each retry of a waiting write would nest one more); a failure to is added to {@code
   * failure}.
   *
   * @return whether the statements were undone, so that the caller's transaction stays usable
   */
  private boolean rollBackTo(Savepoint savepoint, Throwable failure) {
    try {
      connection.rollback(savepoint);
      connection.releaseSavepoint(savepoint);
      return true;
    } catch (SQLException rollback) {
      failure.addSuppressed(rollback);
      return false;
    }
  }

  private void requireTransaction(String what) throws SQLException {
    if (connection.getAutoCommit()) {
      throw new MisuseException(
          what
              + " in your transaction: the connection is in auto-commit mode, so there is no"
              + " transaction to join; call connection.setAutoCommit(false) first");
    }
  }
}
