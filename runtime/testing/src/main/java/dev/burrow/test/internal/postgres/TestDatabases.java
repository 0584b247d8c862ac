package dev.burrow.test.internal.postgres;

import dev.burrow.Backend;
import dev.burrow.test.TestDatabase;
import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The PostgreSQL database of a test's {@code @TempStore(storage = POSTGRES)} stores, and the
 * namespace (table prefix) each store gets in it.
 */
public final class TestDatabases {
  /** The JUnit configuration parameter (or system property) naming a test database's JDBC URL. */
  public static final String URL_PROPERTY = "burrow.test.postgres.url";

  /** The environment variable naming a test database's JDBC URL. */
  public static final String URL_VARIABLE = "BURROW_TEST_POSTGRES_URL";

  private static final ExtensionContext.Namespace POOLS =
      ExtensionContext.Namespace.create(TestDatabases.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private TestDatabases() {}

  /** A store's own namespace in the test's database; closing it drops everything in it. */
  public static final class Namespace implements AutoCloseable {
    private final DataSource dataSource;
    private final String prefix;
    private final Backend backend;

    private Namespace(DataSource dataSource, String prefix, Backend backend) {
      this.dataSource = dataSource;
      this.prefix = prefix;
      this.backend = backend;
    }

    /** The PostgreSQL backend on the namespace, to open a store with. */
    public Backend backend() {
      return backend;
    }

    /** The table prefix of the namespace. */
    public String prefix() {
      return prefix;
    }

    /** Drops the namespace's tables, views, sequences and functions. */
    @Override
    public void close() throws SQLException {
      try (Connection connection = dataSource.getConnection()) {
        for (String drop : drops(connection)) {
          try (Statement statement = connection.createStatement()) {
            statement.execute(drop);
          }
        }
      }
    }

    private List<String> drops(Connection connection) throws SQLException {
      List<String> drops = new ArrayList<>();
      try (PreparedStatement query =
          connection.prepareStatement(
              "SELECT format(CASE c.relkind WHEN 'S' THEN 'DROP SEQUENCE IF EXISTS %I.%I CASCADE'"
                  + " WHEN 'v' THEN 'DROP VIEW IF EXISTS %I.%I CASCADE'"
                  + " WHEN 'm' THEN 'DROP MATERIALIZED VIEW IF EXISTS %I.%I CASCADE'"
                  + " ELSE 'DROP TABLE IF EXISTS %I.%I CASCADE' END, n.nspname, c.relname)"
                  + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                  + " WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S')"
                  + " AND n.nspname = current_schema() AND left(c.relname, length(?)) = ?"
                  + " UNION ALL"
                  + " SELECT format('DROP FUNCTION IF EXISTS %s CASCADE', p.oid::regprocedure)"
                  + " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
                  + " WHERE n.nspname = current_schema() AND left(p.proname, length(?)) = ?")) {
        for (int i = 1; i <= 4; i++) {
          query.setString(i, prefix);
        }
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            drops.add(rows.getString(1));
          }
        }
      }
      return drops;
    }
  }

  /**
   * A new namespace for {@code where} (a parameter or field, for messages) in the database of
   * {@code context}'s test: its {@link TestDatabase} data source, else the configured URL, else the
   * run's throwaway server.
   *
   * @throws ExtensionConfigurationException if {@code burrow-postgres} is missing or the test's
   *     database is misdeclared
   */
  public static Namespace namespaceFor(ExtensionContext context, String where) {
    DataSource dataSource = dataSource(context, where);
    String prefix = "bt" + randomHex() + "_";
    return new Namespace(dataSource, prefix, backend(dataSource, prefix, where));
  }

  private static String randomHex() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  private static DataSource dataSource(ExtensionContext context, String where) {
    DataSource declared = declared(context.getRequiredTestClass(), where);
    if (declared != null) {
      return declared;
    }
    String url =
        context
            .getConfigurationParameter(URL_PROPERTY)
            .orElseGet(() -> System.getenv(URL_VARIABLE));
    if (url != null && !url.isBlank()) {
      return context
          .getRoot()
          .getStore(POOLS)
          .getOrComputeIfAbsent(url, u -> LocalPostgres.pool(u, 8), DataSource.class);
    }
    return PostgresExtension.server(context).sharedPool();
  }

  /** The {@link TestDatabase} of {@code testClass} or a class enclosing it, or null. */
  private static @Nullable DataSource declared(Class<?> testClass, String where) {
    for (Class<?> c = testClass; c != null; c = c.getEnclosingClass()) {
      for (Field field : c.getDeclaredFields()) {
        if (field.isAnnotationPresent(TestDatabase.class)) {
          return value(field, where, () -> field.get(null));
        }
      }
      for (Method method : c.getDeclaredMethods()) {
        if (method.isAnnotationPresent(TestDatabase.class)) {
          if (method.getParameterCount() != 0) {
            throw misdeclared(method, where, "takes parameters");
          }
          return value(method, where, () -> method.invoke(null));
        }
      }
    }
    return null;
  }

  private interface Read {
    @Nullable Object value() throws IllegalAccessException, InvocationTargetException;
  }

  private static <M extends AccessibleObject & Member> DataSource value(
      M member, String where, Read read) {
    if (!Modifier.isStatic(member.getModifiers())) {
      throw misdeclared(member, where, "is not static");
    }
    member.setAccessible(true);
    Object value;
    try {
      value = read.value();
    } catch (IllegalAccessException e) {
      throw new ExtensionConfigurationException(
          "@TestDatabase " + member + " cannot be read: " + e.getMessage(), e);
    } catch (InvocationTargetException e) {
      throw new ExtensionConfigurationException(
          "@TestDatabase " + member + " failed: " + e.getCause(), e.getCause());
    }
    if (!(value instanceof DataSource dataSource)) {
      throw misdeclared(member, where, "holds " + (value == null ? "null" : value.getClass()));
    }
    return dataSource;
  }

  private static ExtensionConfigurationException misdeclared(
      Member member, String where, String problem) {
    return new ExtensionConfigurationException(
        "@TestDatabase "
            + member
            + " (for @TempStore on "
            + where
            + ") "
            + problem
            + "; declare a static DataSource field, or a static no-argument method returning one");
  }

  /**
   * {@code PostgresBackend.of(dataSource, PostgresOptions.defaults().withTablePrefix(prefix))},
   * looked up at run time: the kit cannot depend on burrow-postgres, whose own tests use it.
   */
  private static Backend backend(DataSource dataSource, String prefix, String where) {
    try {
      Class<?> backend = Class.forName("dev.burrow.postgres.PostgresBackend");
      Class<?> options = Class.forName("dev.burrow.postgres.PostgresOptions");
      Object prefixed =
          options
              .getMethod("withTablePrefix", String.class)
              .invoke(options.getMethod("defaults").invoke(null), prefix);
      return (Backend)
          backend.getMethod("of", DataSource.class, options).invoke(null, dataSource, prefixed);
    } catch (ClassNotFoundException e) {
      throw new ExtensionConfigurationException(
          "@TempStore(storage = POSTGRES) on "
              + where
              + " needs dev.burrow:burrow-postgres on the test class path",
          e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("burrow-postgres does not match this burrow-test", e);
    }
  }
}
