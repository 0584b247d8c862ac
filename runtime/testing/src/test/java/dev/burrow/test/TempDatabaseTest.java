package dev.burrow.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * {@code @TempDatabase} as a user's test sees it: a database of its own per parameter and field,
 * dropped once the test is over, and clear failures where it is misused. Probe classes run in their
 * own JUnit run ({@link ProbeRun}) on this class's server, so that what is left there after their
 * tests can be checked.
 */
@ExtendWith(PostgresExtension.class)
class TempDatabaseTest {
  private static LocalPostgres server;

  @BeforeAll
  static void server(LocalPostgres postgres) {
    server = postgres;
  }

  @TempDatabase DataSource field;

  @Test
  void eachParameterAndFieldGetsADatabaseOfItsOwn(
      @TempDatabase DataSource one, @TempDatabase DataSource other) throws SQLException {
    execute(one, "CREATE TABLE burrow_runs (id text PRIMARY KEY)");
    execute(one, "INSERT INTO burrow_runs VALUES ('a')");

    for (DataSource elsewhere : List.of(other, field)) {
      execute(elsewhere, "CREATE TABLE burrow_runs (id text PRIMARY KEY)");
      assertEquals(List.of(), column(elsewhere, "SELECT id FROM burrow_runs"));
    }
    assertEquals(List.of("a"), column(one, "SELECT id FROM burrow_runs"));
    List<String> names = new ArrayList<>();
    for (DataSource database : List.of(one, other, field)) {
      names.addAll(column(database, "SELECT current_database()"));
    }
    assertEquals(3, names.stream().distinct().count(), names.toString());
  }

  /** Records what its tests were given, for checks after its run. */
  static final class RemovalProbe {
    static final List<String> databases = new ArrayList<>();
    static final List<DataSource> dataSources = new ArrayList<>();

    @TempDatabase DataSource field;

    @Test
    void passes(@TempDatabase DataSource db) throws SQLException {
      record(db);
      record(field);
    }

    @Test
    void failsHoldingAConnection(@TempDatabase DataSource db) throws SQLException {
      record(db);
      record(field);
      // never closed: dropping the database ends it
      db.getConnection().createStatement().execute("INSERT INTO burrow_runs VALUES ('x')");
      throw new AssertionError("failed on purpose, with a connection never closed");
    }

    private static void record(DataSource dataSource) throws SQLException {
      dataSources.add(dataSource);
      execute(dataSource, "CREATE TABLE burrow_runs (id text)");
      databases.addAll(column(dataSource, "SELECT current_database()"));
    }
  }

  @Test
  void afterEachTestItsDatabasesAreDroppedAndTheirDataSourcesClosed() throws SQLException {
    RemovalProbe.databases.clear();
    RemovalProbe.dataSources.clear();

    TestExecutionSummary summary = ProbeRun.run(RemovalProbe.class, server);

    assertEquals(1, summary.getTestsSucceededCount(), summary.getFailures().toString());
    assertEquals(1, summary.getTestsFailedCount());
    assertEquals(4, RemovalProbe.databases.size(), "two tests, each a field and a parameter");
    assertEquals(4, RemovalProbe.databases.stream().distinct().count());
    List<String> left = column(server.sharedPool(), "SELECT datname FROM pg_database");
    for (String database : RemovalProbe.databases) {
      assertFalse(left.contains(database), database + " dropped: " + left);
    }
    for (DataSource dataSource : RemovalProbe.dataSources) {
      assertThrows(SQLException.class, dataSource::getConnection, "closed");
    }
  }

  static final class WrongType {
    @Test
    void wants(@TempDatabase String notADataSource) {}
  }

  static final class StaticField {
    @TempDatabase static DataSource shared;

    @Test
    void uses() {}
  }

  static final class BothAnnotations {
    @Test
    void wants(@TempDatabase @TempStore DataSource both) {}
  }

  @Test
  void misuseFailsTheTestNamingWhatToChange() {
    Throwable wrongType = ProbeRun.onlyFailure(ProbeRun.run(WrongType.class, server));
    assertInstanceOf(ExtensionConfigurationException.class, wrongType);
    assertTrue(
        wrongType.getMessage().startsWith("@TempDatabase on parameter 1")
            && wrongType
                .getMessage()
                .contains(
                    " of "
                        + WrongType.class.getName()
                        + ".wants is a java.lang.String; @TempDatabase gives a"
                        + " javax.sql.DataSource"),
        wrongType.getMessage());

    Throwable staticField = ProbeRun.onlyFailure(ProbeRun.run(StaticField.class, server));
    assertInstanceOf(ExtensionConfigurationException.class, staticField);
    assertTrue(
        staticField.getMessage().startsWith("@TempDatabase field 'shared'")
            && staticField.getMessage().contains("non-static"),
        staticField.getMessage());

    Throwable both = ProbeRun.onlyFailure(ProbeRun.run(BothAnnotations.class, server));
    assertInstanceOf(ExtensionConfigurationException.class, both);
    assertTrue(
        both.getMessage().startsWith("parameter 1")
            && both.getMessage()
                .contains(
                    " of "
                        + BothAnnotations.class.getName()
                        + ".wants is annotated both @TempStore and @TempDatabase"),
        both.getMessage());
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static List<String> column(DataSource dataSource, String query) throws SQLException {
    List<String> values = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(query);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    }
    return values;
  }
}
