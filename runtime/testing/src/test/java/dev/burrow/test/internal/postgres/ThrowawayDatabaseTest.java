package dev.burrow.test.internal.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * A throwaway database is dropped, with every connection still open to it ended, on a server that
 * knows no {@code DROP DATABASE ... WITH (FORCE)}: PostgreSQL 12, which the project supports. The
 * server here is newer; it is reached through a data source that refuses that option as 12 does.
 */
class ThrowawayDatabaseTest {
  @Test
  void aDatabaseWithAConnectionLeftOpenIsDroppedWithoutTheForceOption() throws SQLException {
    try (LocalPostgres postgres = LocalPostgres.start();
        HikariDataSource server = postgres.pool(2)) {
      String name = "burrow_test_" + TestDatabases.randomHex();
      try (Connection admin = server.getConnection();
          Statement statement = admin.createStatement()) {
        statement.execute("CREATE DATABASE " + name);
      }
      try (Connection left =
          DriverManager.getConnection(JdbcUrls.withDatabase(postgres.jdbcUrl(), name))) {

        ThrowawayDatabase.drop(withoutForce(DataSource.class, server), name);

        assertThrows(SQLException.class, () -> left.createStatement().execute("SELECT 1"));
      }
      try (Connection admin = server.getConnection();
          Statement statement = admin.createStatement();
          ResultSet rows =
              statement.executeQuery(
                  "SELECT count(*) FROM pg_database WHERE datname = '" + name + "'")) {
        rows.next();
        assertEquals(0, rows.getInt(1), name + " is dropped");
      }
    }
  }

  /** {@code target}, its connections and their statements, refusing {@code WITH (FORCE)} as 12. */
  private static <T> T withoutForce(Class<T> type, Object target) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              if (args != null
                  && args.length > 0
                  && args[0] instanceof String sql
                  && sql.contains("WITH (FORCE)")) {
                throw new SQLException("syntax error at or near \"WITH\"", "42601");
              }
              Object result;
              try {
                result = method.invoke(target, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
              return result instanceof Connection || result instanceof Statement
                  ? withoutForce(method.getReturnType(), result)
                  : result;
            }));
  }
}
