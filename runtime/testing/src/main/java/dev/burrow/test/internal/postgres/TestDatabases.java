package dev.burrow.test.internal.postgres;

import dev.burrow.Backend;
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
 * The PostgreSQL server of a test's {@code @TempStore(storage = POSTGRES)} stores and
 * {@code @TempDatabase} databases, and the namespace (table prefix) each such store gets in it.
 */
public final class TestDatabases {
  /** The JUnit configuration parameter (or system property) naming a test database's JDBC URL. */
  public static final String URL_PROPERTY = "burrow.test.postgres.url";

  /** The environment variable naming a test database's JDBC URL. */
  public static final String URL_VARIABLE = "BURROW_TEST_POSTGRES_URL";

  private static final ExtensionContext.Namespace POOLS =
      ExtensionContext.Namespace.create(TestDatabases.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The PostgreSQL JDBC driver's class, which the kit's pools load by the URL. */
  static final String DRIVER = "org.postgresql.Driver";

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
   * {@code context}'s test: {@code declared} (the data source the test class declares), else the
   * configured URL, else the run's throwaway server.
   *
   * @throws ExtensionConfigurationException if {@code burrow-postgres} is missing, or, without
   *     {@code declared}, the PostgreSQL JDBC driver
   */
  public static Namespace namespaceFor(
      ExtensionContext context, String where, @Nullable DataSource declared) {
    DataSource dataSource = declared != null ? declared : storeServer(context, where).pool();
    String prefix = "bt" + randomHex() + "_";
    return new Namespace(dataSource, prefix, backend(dataSource, prefix, where));
  }

  /**
   * Checks that {@code context}'s test run has the server {@link #namespaceFor} uses without a
   * declared data source, starting it if it is the throwaway one, so that a test without one is
   * skipped before its parameters are resolved.
   *
   * @throws ExtensionConfigurationException if the PostgreSQL JDBC driver is missing
   * @throws org.opentest4j.TestAbortedException if there is no server (the test is skipped), unless
   *     every test is required: then {@link IllegalStateException}
   */
  public static void requireStoreServer(ExtensionContext context, String where) {
    storeServer(context, where);
  }

  private static Server storeServer(ExtensionContext context, String where) {
    return server(
        context,
        "@TempStore(storage = POSTGRES) on " + where,
        ", or declare the test's own DataSource with @TestDatabase");
  }

  /** The server the kit's pools connect to: a pool to it and the JDBC URL of that pool. */
  record Server(DataSource pool, String jdbcUrl) {}

  /**
   * The server of {@code context}'s test run: the configured URL, else the run's throwaway server.
   *
   * @param user what needs it ("@TempDatabase on parameter 1 of ..."), for messages
   * @param otherwise what else the user may do without the driver, appended to its message
   * @throws ExtensionConfigurationException if the PostgreSQL JDBC driver is missing
   */
  static Server server(ExtensionContext context, String user, String otherwise) {
    Thread current = Thread.currentThread();
    requireDriver(
        current.getContextClassLoader() != null
            ? current.getContextClassLoader()
            : TestDatabases.class.getClassLoader(),
        user,
        otherwise);
    String url =
        context
            .getConfigurationParameter(URL_PROPERTY)
            .orElseGet(() -> System.getenv(URL_VARIABLE));
    if (url != null && !url.isBlank()) {
      DataSource pool =
          context
              .getRoot()
              .getStore(POOLS)
              .getOrComputeIfAbsent(url, u -> LocalPostgres.pool(u, 8), DataSource.class);
      return new Server(pool, url);
    }
    LocalPostgres local = PostgresExtension.server(context);
    return new Server(local.sharedPool(), local.jdbcUrl());
  }

  /**
   * Checks that {@code loader} sees the PostgreSQL JDBC driver, through which the kit's own pools
   * (to a configured URL or to the throwaway server) connect; the driver is the user's dependency.
   *
   * @param user what needs it ("@TempDatabase on parameter 1 of ..."), for messages
   * @param otherwise what else the user may do without the driver, appended to its message
   * @throws ExtensionConfigurationException naming {@code user}, the missing dependency and what to
   *     add, if it does not
   */
  public static void requireDriver(ClassLoader loader, String user, String otherwise) {
    try {
      Class.forName(DRIVER, false, loader);
    } catch (ClassNotFoundException e) {
      throw new ExtensionConfigurationException(
          user
              + " needs the PostgreSQL JDBC driver ("
              + DRIVER
              + ") on the test class path: add the dependency org.postgresql:postgresql to the"
              + " tests (Maven: <scope>test</scope>; Gradle: testRuntimeOnly)"
              + otherwise,
          e);
    }
  }

  /** Twelve random hex digits, for names no other test uses. */
  static String randomHex() {
    byte[] bytes = new byte[6];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
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
              + " needs dev.burrow:burrow-postgres on the test class path (on the module path,"
              + " read by the tests: `requires dev.burrow.postgres;`)",
          e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("burrow-postgres does not match this burrow-test", e);
    }
  }
}
