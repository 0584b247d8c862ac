package dev.burrow.test.internal.postgres;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

class TestDatabasesTest {
  /**
   * Without the PostgreSQL driver, a {@code @TempStore(storage = POSTGRES)} fails naming the
   * dependency to add, instead of with the connection pool's error about a driver it cannot find.
   */
  @Test
  void aMissingDriverIsNamedWithTheDependencyToAdd() {
    ClassLoader withoutDriver = new ClassLoader(null) {};
    ExtensionConfigurationException e =
        assertThrows(
            ExtensionConfigurationException.class,
            () ->
                TestDatabases.requireDriver(
                    withoutDriver,
                    "@TempStore(storage = POSTGRES) on parameter 1 of RunsTest.finishes",
                    ", or declare the test's own DataSource with @TestDatabase"));
    assertTrue(
        e.getMessage()
                .startsWith(
                    "@TempStore(storage = POSTGRES) on parameter 1 of RunsTest.finishes needs the"
                        + " PostgreSQL JDBC driver (org.postgresql.Driver) on the test class path:"
                        + " add the dependency org.postgresql:postgresql")
            && e.getMessage().endsWith("or declare the test's own DataSource with @TestDatabase"),
        e.getMessage());

    TestDatabases.requireDriver(TestDatabasesTest.class.getClassLoader(), "with the driver", "");
  }
}
