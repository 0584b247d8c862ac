package dev.burrow.benchmarks.harness;

import dev.burrow.Durability;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * SQLite through {@code org.xerial:sqlite-jdbc}: one database file in WAL mode, {@code
 * synchronous=FULL} for durable runs and {@code OFF} for the others; one connection per thread
 * (from a pool as large as the most threads of a run), statements prepared once per connection,
 * autocommit, so every write is one transaction. The document is the same JSON as Burrow's, in a
 * table with a version column; an update reads the row, decodes and changes the document, and
 * writes it with compare-and-set on the version ({@code UPDATE … WHERE id = ? AND version = ?}),
 * retrying on a lost race.
 */
final class SqliteSubject implements Subject {
  private final BlockingQueue<Session> sessions;
  private final List<Session> all = new ArrayList<>();

  SqliteSubject(Path root, Durability durability, int connections) {
    sessions = new ArrayBlockingQueue<>(connections);
    String url = "jdbc:sqlite:" + root.resolve("bench.db");
    String synchronous = durability == Durability.FSYNC ? "FULL" : "OFF";
    try {
      for (int i = 0; i < connections; i++) {
        Connection connection = DriverManager.getConnection(url);
        try (Statement setup = connection.createStatement()) {
          setup.execute("PRAGMA busy_timeout = 60000");
          setup.execute("PRAGMA journal_mode = WAL");
          setup.execute("PRAGMA synchronous = " + synchronous);
          if (i == 0) {
            setup.execute(
                "CREATE TABLE IF NOT EXISTS docs (id TEXT PRIMARY KEY,"
                    + " version INTEGER NOT NULL, created_at TEXT NOT NULL, doc BLOB NOT NULL)");
          }
        }
        Session session = new Session(connection);
        all.add(session);
        sessions.add(session);
      }
    } catch (SQLException e) {
      close();
      throw new IllegalStateException("cannot open SQLite at " + url + ": " + e, e);
    }
  }

  @Override
  public void create(String id) {
    run(
        s -> {
          BenchRun fresh = Documents.fresh(id);
          s.insert.setString(1, id);
          s.insert.setLong(2, fresh.version());
          s.insert.setString(3, fresh.createdAt().toString());
          s.insert.setBytes(4, Documents.encode(fresh));
          s.insert.executeUpdate();
          return null;
        });
  }

  @Override
  public void update(String id) {
    run(
        s -> {
          while (true) {
            BenchRun current = read(s, id);
            BenchRun next = Documents.next(current);
            s.update.setLong(1, next.version());
            s.update.setBytes(2, Documents.encode(next));
            s.update.setString(3, id);
            s.update.setLong(4, current.version());
            if (s.update.executeUpdate() == 1) {
              return null;
            }
          }
        });
  }

  @Override
  public void get(String id) {
    run(s -> read(s, id));
  }

  @Override
  public int list() {
    return run(
        s -> {
          int read = 0;
          try (ResultSet rows = s.list.executeQuery()) {
            while (rows.next()) {
              Documents.decode(rows.getBytes(1));
              read++;
            }
          }
          return read;
        });
  }

  @Override
  public void delete(String id) {
    run(
        s -> {
          s.delete.setString(1, id);
          if (s.delete.executeUpdate() != 1) {
            throw new IllegalStateException("row " + id + " was not there to delete");
          }
          return null;
        });
  }

  private static BenchRun read(Session s, String id) throws SQLException {
    s.select.setString(1, id);
    try (ResultSet row = s.select.executeQuery()) {
      if (!row.next()) {
        throw new IllegalStateException("no row " + id);
      }
      return Documents.decode(row.getBytes(1));
    }
  }

  private <R extends @Nullable Object> R run(SqlWork<R> work) {
    Session session;
    try {
      session = sessions.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    try {
      return work.run(session);
    } catch (SQLException e) {
      throw new IllegalStateException("SQLite: " + e, e);
    } finally {
      sessions.add(session);
    }
  }

  @Override
  public void close() {
    for (Session session : all) {
      try {
        session.connection.close();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot close SQLite: " + e, e);
      }
    }
  }

  private interface SqlWork<R extends @Nullable Object> {
    R run(Session session) throws SQLException;
  }

  /** One connection and its prepared statements; used by one thread at a time. */
  private static final class Session {
    final Connection connection;
    final PreparedStatement insert;
    final PreparedStatement select;
    final PreparedStatement update;
    final PreparedStatement list;
    final PreparedStatement delete;

    Session(Connection connection) throws SQLException {
      this.connection = connection;
      insert =
          connection.prepareStatement(
              "INSERT INTO docs (id, version, created_at, doc) VALUES (?, ?, ?, ?)");
      select = connection.prepareStatement("SELECT doc FROM docs WHERE id = ?");
      update =
          connection.prepareStatement(
              "UPDATE docs SET version = ?, doc = ? WHERE id = ? AND version = ?");
      list = connection.prepareStatement("SELECT doc FROM docs ORDER BY created_at DESC");
      delete = connection.prepareStatement("DELETE FROM docs WHERE id = ?");
    }
  }
}
