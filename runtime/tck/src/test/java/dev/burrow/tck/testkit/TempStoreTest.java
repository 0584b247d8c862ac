package dev.burrow.tck.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.Durability;
import dev.burrow.MisuseException;
import dev.burrow.StoreOptions;
import dev.burrow.test.TempStore;
import dev.burrow.test.TestDatabase;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.PostgresExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * {@code @TempStore} as a user's test sees it: a generated store per parameter and field, on its
 * own root or in its own PostgreSQL namespace, closed and removed once the test is over, and clear
 * failures where it is misused. Probe classes run in their own JUnit run ({@link Launch}) so that
 * what happens after their tests can be checked.
 */
@ExtendWith(PostgresExtension.class)
class TempStoreTest {
  private static LocalPostgres server;

  @BeforeAll
  static void server(LocalPostgres postgres) {
    server = postgres;
  }

  @TempStore AccountStore field;

  @Test
  void eachParameterAndFieldGetsItsOwnStoreOnItsOwnRoot(
      @TempStore AccountStore first, @TempStore AccountStore second) {
    first.create("a", c -> c.balance(10));
    assertEquals(10, first.get("a").balance());
    assertTrue(second.find("a").isEmpty());
    assertTrue(field.find("a").isEmpty());
    Path one = first.options().dataRoot();
    Path two = second.options().dataRoot();
    assertNotEquals(one, two);
    assertNotEquals(one, field.options().dataRoot());
    assertTrue(Files.isDirectory(first.dirs("a").statements()), "a fresh root with its layout");
    assertEquals(Durability.NONE, first.options().durability(), "the default for tests");
  }

  @Test
  void aPostgresStoreUsesItsOwnNamespace(
      @TempStore(storage = TempStore.Storage.POSTGRES) AccountStore one,
      @TempStore(storage = TempStore.Storage.POSTGRES) AccountStore other)
      throws SQLException {
    one.create("a", c -> c.balance(3));
    assertEquals(3, one.get("a").balance());
    assertTrue(other.find("a").isEmpty(), "namespaces share nothing");
    assertFalse(burrowTables().isEmpty());
  }

  /** Records what its tests were given, for checks after its run (on the same server). */
  static final class RemovalProbe {
    static final List<AccountStore> stores = new ArrayList<>();

    @TestDatabase
    static DataSource database() {
      return server.sharedPool();
    }

    @TempStore(durability = Durability.FSYNC)
    AccountStore field;

    @Test
    void uses(
        @TempStore AccountStore files,
        @TempStore(storage = TempStore.Storage.POSTGRES) AccountStore postgres) {
      assertEquals(Durability.FSYNC, field.options().durability());
      stores.addAll(List.of(field, files, postgres));
      for (AccountStore store : stores) {
        store.create("x");
      }
    }

    @Test
    void fails(@TempStore AccountStore files) {
      stores.add(files);
      files.create("y");
      throw new AssertionError("failed on purpose");
    }
  }

  @Test
  void afterEachTestItsStoresAreClosedAndTheirRootsAndTablesRemoved() throws SQLException {
    RemovalProbe.stores.clear();
    List<String> before = burrowTables();
    TestExecutionSummary summary = Launch.run(RemovalProbe.class);

    assertEquals(1, summary.getTestsSucceededCount(), summary.getFailures().toString());
    assertEquals(1, summary.getTestsFailedCount());
    assertEquals(4, RemovalProbe.stores.size());
    for (AccountStore store : RemovalProbe.stores) {
      assertFalse(
          Files.exists(store.options().dataRoot()), store.options().dataRoot() + " removed");
      assertThrows(MisuseException.class, () -> store.find("x"), "closed");
    }
    assertEquals(before, burrowTables(), "the namespace's tables were dropped");
  }

  static final class WrongType {
    @Test
    void wants(@TempStore String notAStore) {}
  }

  static final class StaticField {
    @TempStore static AccountStore shared;

    @Test
    void uses() {}
  }

  static final class WrongTypeField {
    @TempStore String notAStore;

    @Test
    void uses() {}
  }

  /**
   * A type with no generated store's {@code open} is a misdeclaration, named with its class's
   * binary name as for {@code @TempDatabase}: on a field it fails the test with {@link
   * ExtensionConfigurationException}, on a parameter with JUnit's {@link
   * ParameterResolutionException} around it.
   */
  @Test
  void misuseFailsTheTestNamingWhatToChange() {
    Throwable wrongType = Launch.failures(Launch.run(WrongType.class)).get(0);
    assertInstanceOf(ParameterResolutionException.class, wrongType);
    assertInstanceOf(ExtensionConfigurationException.class, wrongType.getCause());
    assertTrue(
        wrongType.getMessage().contains("parameter 1 of " + WrongType.class.getName() + ".wants")
            && wrongType.getMessage().contains("has no public static String open(StoreOptions)")
            && wrongType.getMessage().contains("XStore"),
        wrongType.getMessage());

    Throwable wrongTypeField = Launch.failures(Launch.run(WrongTypeField.class)).get(0);
    assertInstanceOf(ExtensionConfigurationException.class, wrongTypeField);
    assertTrue(
        wrongTypeField
            .getMessage()
            .startsWith(
                "@TempStore on field 'notAStore' of "
                    + WrongTypeField.class.getName()
                    + ": java.lang.String has no public static String open(StoreOptions)"),
        wrongTypeField.getMessage());

    Throwable staticField = Launch.failures(Launch.run(StaticField.class)).get(0);
    assertInstanceOf(ExtensionConfigurationException.class, staticField);
    assertTrue(
        staticField.getMessage().contains("field 'shared'")
            && staticField.getMessage().contains("non-static"),
        staticField.getMessage());
  }

  /** A store whose {@code open} the kit cannot call, as in a package closed to dev.burrow.test. */
  static final class Unreachable implements AutoCloseable {
    public static Unreachable open(StoreOptions options) {
      throw new AssertionError("opened with " + options);
    }

    @Override
    public void close() {}
  }

  static final class UnreachableField {
    @TempStore Unreachable store;

    @Test
    void uses() {}
  }

  static final class UnreachableParameter {
    @Test
    void uses(@TempStore Unreachable store) {}
  }

  /**
   * An {@code open} the kit may not call (a test in a named module whose package is not opened to
   * dev.burrow.test) is a misdeclaration like the others: {@link ExtensionConfigurationException},
   * on a field too, naming the line to add.
   */
  @Test
  void aStoreTheKitCannotOpenFailsTheTestNamingWhatToChange() {
    Throwable field = Launch.failures(Launch.run(UnreachableField.class)).get(0);
    assertInstanceOf(ExtensionConfigurationException.class, field);
    assertTrue(
        field
                .getMessage()
                .startsWith("@TempStore on field 'store' of " + UnreachableField.class.getName())
            && field.getMessage().contains("open its package to dev.burrow.test"),
        field.getMessage());

    Throwable parameter = Launch.failures(Launch.run(UnreachableParameter.class)).get(0);
    assertInstanceOf(ParameterResolutionException.class, parameter);
    assertInstanceOf(ExtensionConfigurationException.class, parameter.getCause());
    assertTrue(
        parameter.getMessage().contains("open its package to dev.burrow.test"),
        parameter.getMessage());
  }

  /** A test class with its own database: every connection the stores take comes from it. */
  static final class DeclaredDatabase {
    static final AtomicInteger connections = new AtomicInteger();

    @TestDatabase
    static DataSource database() {
      return counting(server.sharedPool(), connections);
    }

    @Test
    void uses(@TempStore(storage = TempStore.Storage.POSTGRES) AccountStore store) {
      store.create("z");
      assertEquals(1, store.get("z").version());
    }
  }

  @Test
  void aTestDatabaseDeclaredByTheTestClassIsUsed() {
    assertPassesOn(
        DeclaredDatabase.class, DeclaredDatabase.connections, "the declared data source was used");
  }

  /** A base class of database tests that declares the database its subclasses use. */
  abstract static class DatabaseTests {
    static final AtomicInteger connections = new AtomicInteger();

    @TestDatabase
    static DataSource database() {
      return counting(server.sharedPool(), connections);
    }
  }

  /** A test class whose database its superclass declares. */
  static final class InheritedDatabase extends DatabaseTests {
    @Test
    void uses(@TempStore(storage = TempStore.Storage.POSTGRES) AccountStore store) {
      store.create("w");
      assertEquals(1, store.get("w").version());
    }
  }

  @Test
  void aTestDatabaseDeclaredByASuperclassIsUsed() {
    assertPassesOn(
        InheritedDatabase.class,
        DatabaseTests.connections,
        "the superclass's data source was used");
  }

  /**
   * Runs {@code tests}, whose one test uses a store on the database counted by {@code connections}:
   * the test passes and took connections from it ({@code used} says which).
   */
  private static void assertPassesOn(Class<?> tests, AtomicInteger connections, String used) {
    connections.set(0);
    TestExecutionSummary summary = Launch.run(tests);
    assertEquals(1, summary.getTestsSucceededCount(), summary.getFailures().toString());
    assertTrue(connections.get() > 0, used);
  }

  private static List<String> burrowTables() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = server.sharedPool().getConnection();
        PreparedStatement query =
            connection.prepareStatement(
                "SELECT tablename FROM pg_tables WHERE tablename LIKE 'bt%' ORDER BY 1");
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        tables.add(rows.getString(1));
      }
    }
    return tables;
  }

  private static DataSource counting(DataSource pool, AtomicInteger connections) {
    return (DataSource)
        java.lang.reflect.Proxy.newProxyInstance(
            TempStoreTest.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (proxy, method, args) -> {
              if (method.getName().equals("getConnection")) {
                connections.incrementAndGet();
              }
              try {
                return method.invoke(pool, args);
              } catch (java.lang.reflect.InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
