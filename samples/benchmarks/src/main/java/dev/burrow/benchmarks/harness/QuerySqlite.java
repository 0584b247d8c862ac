package dev.burrow.benchmarks.harness;

import dev.burrow.spi.InstanceCodec;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The query runs' data in SQLite: the same JSON documents in a table with the owner in a column and
 * an index on (owner, id), so a query is one index range scan in ID order; WAL mode, {@code
 * synchronous=OFF} (the Burrow store it is compared with is non-durable too).
 */
final class QuerySqlite implements AutoCloseable {
  private static final InstanceCodec<QueryRun> CODEC = QueryRunSchema.INSTANCE.codec();

  private final Connection connection;
  private final PreparedStatement query;

  QuerySqlite(Path directory, QueryData data) {
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("query.db"));
      try (Statement setup = connection.createStatement()) {
        setup.execute("PRAGMA journal_mode = WAL");
        setup.execute("PRAGMA synchronous = OFF");
        setup.execute(
            "CREATE TABLE docs (id TEXT PRIMARY KEY, owner TEXT NOT NULL, doc BLOB NOT NULL)");
        setup.execute("CREATE INDEX docs_owner ON docs (owner, id)");
      }
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
          connection.prepareStatement("INSERT INTO docs (id, owner, doc) VALUES (?, ?, ?)")) {
        for (int i = 0; i < data.size(); i++) {
          QueryRun run = data.document(i);
          insert.setString(1, run.id());
          insert.setString(2, run.owner());
          insert.setBytes(3, CODEC.encode(run));
          insert.addBatch();
          if (i % 10_000 == 9_999) {
            insert.executeBatch();
          }
        }
        insert.executeBatch();
      }
      connection.commit();
      connection.setAutoCommit(true);
      try (Statement analyze = connection.createStatement()) {
        analyze.execute("ANALYZE");
      }
      query =
          connection.prepareStatement(
              "SELECT doc FROM docs WHERE owner = ? ORDER BY id DESC LIMIT ?");
    } catch (SQLException e) {
      throw new IllegalStateException("SQLite: " + e, e);
    }
  }

  /** The newest {@code limit} documents of {@code owner}, decoded; returns how many. */
  int find(String owner, int limit) {
    try {
      query.setString(1, owner);
      query.setInt(2, limit);
      int found = 0;
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          if (!CODEC.decode(rows.getBytes(1)).owner().equals(owner)) {
            throw new IllegalStateException("SQLite returned a row of another owner");
          }
          found++;
        }
      }
      return found;
    } catch (SQLException e) {
      throw new IllegalStateException("SQLite: " + e, e);
    }
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot close SQLite: " + e, e);
    }
  }
}
