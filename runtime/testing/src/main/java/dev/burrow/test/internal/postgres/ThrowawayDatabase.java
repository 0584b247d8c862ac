package dev.burrow.test.internal.postgres;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A database of its own for one {@code @TempDatabase}, on the server of the test run (the
 * configured URL, else the throwaway server): made with {@code CREATE DATABASE}, reached through a
 * pool of its own, and dropped with every connection to it on {@link #close()}.
 */
public final class ThrowawayDatabase implements AutoCloseable {
  /** The most connections a test takes from its database at once. */
  public static final int POOL_SIZE = 8;

  private final DataSource server;
  private final String name;
  private final HikariDataSource pool;

  private ThrowawayDatabase(DataSource server, String name, HikariDataSource pool) {
    this.server = server;
    this.name = name;
    this.pool = pool;
  }

  /**
   * Checks that a database can be made for {@code user}: the PostgreSQL driver is there, and so is
   * a server, which it starts if it is the run's throwaway server.
   *
   * @param user what wants the database ("@TempDatabase on parameter 1 of ..."), for messages
   * @throws org.opentest4j.TestAbortedException if there is no server (the test is skipped), unless
   *     every test is required: then {@link IllegalStateException}
   * @throws ExtensionConfigurationException if the PostgreSQL JDBC driver is missing
   */
  public static void requireServer(ExtensionContext context, String user) {
    server(context, user);
  }

  /**
   * Makes a new, empty database for {@code user} on the server of {@code context}'s test run.
   *
   * @param user what wants it ("@TempDatabase on parameter 1 of ..."), for messages
   * @throws SQLException if the server refuses to make it (a configured server's user needs the
   *     {@code CREATEDB} privilege)
   * @throws org.opentest4j.TestAbortedException if there is no server, as {@link #requireServer}
   */
  public static ThrowawayDatabase create(ExtensionContext context, String user)
      throws SQLException {
    TestDatabases.Server server = server(context, user);
    String name = "burrow_test_" + TestDatabases.randomHex();
    execute(server.pool(), "CREATE DATABASE " + name);
    try {
      return new ThrowawayDatabase(
          server.pool(),
          name,
          LocalPostgres.pool(JdbcUrls.withDatabase(server.jdbcUrl(), name), POOL_SIZE));
    } catch (RuntimeException e) {
      try {
        drop(server.pool(), name);
      } catch (SQLException dropFailure) {
        e.addSuppressed(dropFailure);
      }
      throw e;
    }
  }

  private static TestDatabases.Server server(ExtensionContext context, String user) {
    return TestDatabases.server(context, user, "");
  }

  /**
   * A pool of at most {@value #POOL_SIZE} connections to the database, closed by {@link #close}.
   */
  public DataSource dataSource() {
    return pool;
  }

  /** Closes the pool and drops the database, ending every connection still open to it. */
  @Override
  public void close() throws SQLException {
    try {
      pool.close();
    } finally {
      drop(server, name);
    }
  }

  /**
   * Drops database {@code name} of {@code server}, ending every connection to it: what {@code DROP
   * DATABASE ... WITH (FORCE)} does, which PostgreSQL 12 lacks.
   */
  static void drop(DataSource server, String name) throws SQLException {
    execute(server, "ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
    execute(
        server,
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
    execute(server, "DROP DATABASE " + name);
  }

  private static void execute(DataSource server, String sql) throws SQLException {
    try (Connection connection = server.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
