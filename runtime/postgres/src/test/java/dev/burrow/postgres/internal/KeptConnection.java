package dev.burrow.postgres.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A data source that keeps one connection and hands it out again without testing it (closing it
 * gives it back), as a single-connection data source does; a new one is made only once the kept one
 * is closed. For tests of sessions the server ends behind the client's back.
 */
final class KeptConnection implements AutoCloseable {
  private final String jdbcUrl;
  private @Nullable Connection kept;

  KeptConnection(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  DataSource dataSource() {
    return (DataSource)
        Proxy.newProxyInstance(
            KeptConnection.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("getConnection")) {
                throw new UnsupportedOperationException(method.getName());
              }
              Connection real = current();
              return Proxy.newProxyInstance(
                  KeptConnection.class.getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (connection, call, parameters) -> {
                    if (call.getName().equals("close")) {
                      return null;
                    }
                    try {
                      return call.invoke(real, parameters);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
            });
  }

  private synchronized Connection current() throws SQLException {
    Connection connection = kept;
    if (connection == null || connection.isClosed()) {
      connection = DriverManager.getConnection(jdbcUrl);
      kept = connection;
    }
    return connection;
  }

  /**
   * Makes the server end the kept session once it has idled 100 ms ({@code idle_session_timeout}).
   *
   * @return the session's backend process ID
   */
  synchronized int endWhenIdle() throws SQLException {
    try (Statement statement = current().createStatement()) {
      int pid;
      try (ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
        row.next();
        pid = row.getInt(1);
      }
      statement.execute("SET idle_session_timeout = 100");
      return pid;
    }
  }

  @Override
  public synchronized void close() throws SQLException {
    if (kept != null) {
      kept.close();
    }
  }
}
