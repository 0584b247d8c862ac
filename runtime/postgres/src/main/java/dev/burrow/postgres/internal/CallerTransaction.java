package dev.burrow.postgres.internal;

import dev.burrow.BurrowException;
import dev.burrow.MisuseException;
import dev.burrow.spi.PathSegments;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import org.jspecify.annotations.Nullable;

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

  private CallerTransaction(Connection connection) {
    this.connection = connection;
  }

  /**
   * The caller's connection, checked to reach the tables of {@code served}: Burrow's statements
   * name its tables without a schema, so on a connection of another database, or whose {@code
   * search_path} leads to another schema (one schema per tenant, say), they would read and write
   * other tables than the store's. Cost: one round trip, in the caller's transaction.
   *
   * @throws MisuseException if the connection's current database or schema is not the store's
   * @throws dev.burrow.StorageException if they cannot be read (a transaction already failed, say)
   */
  static CallerTransaction reaching(Connection connection, RootClaim.Served served) {
    long started = System.nanoTime();
    Place place;
    try {
      place =
          Database.query(
                  connection,
                  "SELECT current_database(), current_schema()",
                  row -> new Place(row.getString(1), row.getString(2)))
              .get(0);
    } catch (SQLException e) {
      throw failed("checking which tables your connection reaches", "", started, e, false);
    }
    if (!served.database().equals(place.database()) || !served.schema().equals(place.schema())) {
      throw new MisuseException(
          "inTransaction(connection): the connection works in database '"
              + PathSegments.printable(String.valueOf(place.database()))
              + "', schema "
              + (place.schema() == null
                  ? "none (no schema of its search_path exists)"
                  : "'" + PathSegments.printable(place.schema()) + "'")
              + ", but the store's tables "
              + served.tables()
              + "* are in database '"
              + PathSegments.printable(served.database())
              + "', schema '"
              + PathSegments.printable(served.schema())
              + "': Burrow's statements on it would reach other tables; pass a connection of the"
              + " store's database whose search_path leads to its schema");
    }
    return new CallerTransaction(connection);
  }

  /** Where a connection works: its current database and schema (null if none exists). */
  private record Place(@Nullable String database, @Nullable String schema) {}

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
