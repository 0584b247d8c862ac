package dev.burrow.postgres.internal;

import dev.burrow.StorageException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Borrows a connection per operation from the user's {@link DataSource} (a pool, in production) and
 * turns {@link SQLException} into {@link StorageException} naming the operation. Single statements
 * run in auto-commit mode whatever the pool's default.
 */
final class Database {

  /** Work on a borrowed connection. */
  @FunctionalInterface
  interface Work<R> {
    R run(Connection connection) throws SQLException;
  }

  /** Reads one row. */
  @FunctionalInterface
  interface RowReader<R> {
    R read(ResultSet row) throws SQLException;
  }

  private final DataSource source;

  Database(DataSource source) {
    this.source = source;
  }

  /** Runs {@code work} with auto-commit on: each statement is its own transaction. */
  <R> R autoCommit(String what, Work<R> work) {
    return borrow(what, true, work);
  }

  /** Runs {@code work} in one transaction, committed if it returns, rolled back if not. */
  <R> R transaction(String what, Work<R> work) {
    return borrow(
        what,
        false,
        connection -> {
          try {
            R result = work.run(connection);
            connection.commit();
            return result;
          } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
          }
        });
  }

  private <R> R borrow(String what, boolean autoCommit, Work<R> work) {
    try (Connection connection = source.getConnection()) {
      boolean previous = connection.getAutoCommit();
      if (previous != autoCommit) {
        connection.setAutoCommit(autoCommit);
      }
      try {
        return work.run(connection);
      } finally {
        if (previous != autoCommit) {
          connection.setAutoCommit(previous);
        }
      }
    } catch (SQLException e) {
      throw new StorageException(what + " failed: " + e.getMessage(), e);
    }
  }

  /** Executes an update and returns the number of rows it changed. */
  static int update(Connection connection, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters)) {
      return statement.executeUpdate();
    }
  }

  /** Executes a query and reads every row. */
  static <R> List<R> query(
      Connection connection, String sql, RowReader<R> reader, Object... parameters)
      throws SQLException {
    try (PreparedStatement statement = prepare(connection, sql, parameters);
        ResultSet rows = statement.executeQuery()) {
      List<R> result = new ArrayList<>();
      while (rows.next()) {
        result.add(reader.read(rows));
      }
      return result;
    }
  }

  /** A SQL {@code text[]} for {@code = ANY(?)}. */
  static Array textArray(Connection connection, List<String> values) throws SQLException {
    return connection.createArrayOf("text", values.toArray());
  }

  private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      return statement;
    } catch (SQLException e) {
      statement.close();
      throw e;
    }
  }
}
