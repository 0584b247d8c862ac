package dev.burrow.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.burrow.test.internal.Prerequisites;
import dev.burrow.test.internal.postgres.LocalPostgres;
import dev.burrow.test.internal.postgres.TestDatabases;
import java.nio.file.Path;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.platform.launcher.listeners.TestExecutionSummary;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A test that needs PostgreSQL on a machine without it is skipped with a message, whether the store
 * or database is a test method's or constructor's parameter or a field, or, where every test is
 * required, fails saying why: never with JUnit's {@code ParameterResolutionException}, which fails
 * a test whatever it wraps. Each probe class runs in its own JUnit run whose throwaway server is
 * looked for in an empty directory ({@link LocalPostgres#BINARIES_PROPERTY}), with no configured
 * database.
 */
class MissingServerTest {
  @TempDir Path noBinaries;

  static final class StoreParameterProbe {
    @Test
    void needsAStore(@TempStore(storage = TempStore.Storage.POSTGRES) Object store) {}
  }

  static final class DatabaseParameterProbe {
    @Test
    void needsADatabase(@TempDatabase DataSource database) {}
  }

  static final class StoreFieldProbe {
    @TempStore(storage = TempStore.Storage.POSTGRES)
    Object store;

    @Test
    void needsAStore() {}
  }

  /** Takes its PostgreSQL store in its constructor, which JUnit calls before any test callback. */
  static final class StoreConstructorProbe {
    StoreConstructorProbe(@TempStore(storage = TempStore.Storage.POSTGRES) Object store) {}

    @Test
    void needsAStore() {}
  }

  static final class DatabaseConstructorProbe {
    DatabaseConstructorProbe(@TempDatabase DataSource database) {}

    @Test
    void needsADatabase() {}
  }

  /** Takes its PostgreSQL store in a {@code @BeforeEach} method. */
  static final class StoreBeforeEachProbe {
    @BeforeEach
    void setUp(@TempStore(storage = TempStore.Storage.POSTGRES) Object store) {}

    @Test
    void needsAStore() {}
  }

  /** Takes its PostgreSQL store in an {@code @AfterEach} method, which runs after the test. */
  static final class StoreAfterEachProbe {
    @AfterEach
    void tearDown(@TempStore(storage = TempStore.Storage.POSTGRES) Object store) {}

    @Test
    void needsAStore() {}
  }

  static final class DatabaseBeforeAllProbe {
    @BeforeAll
    static void setUp(@TempDatabase DataSource database) {}

    @Test
    void needsADatabase() {}
  }

  static final class DatabaseAfterAllProbe {
    @AfterAll
    static void tearDown(@TempDatabase DataSource database) {}

    @Test
    void needsADatabase() {}
  }

  /** Wherever a store or database needing a server is declared, its test is skipped. */
  @ParameterizedTest
  @ValueSource(
      classes = {
        StoreParameterProbe.class,
        DatabaseParameterProbe.class,
        StoreFieldProbe.class,
        StoreConstructorProbe.class,
        DatabaseConstructorProbe.class,
        StoreBeforeEachProbe.class,
        StoreAfterEachProbe.class
      })
  void aTestNeedingAServerIsSkippedNotFailed(Class<?> probe) {
    assertSkippedOrRequired(run(probe));
  }

  /**
   * A {@code @BeforeAll} or {@code @AfterAll} method's database needing a server skips the whole
   * class (its container), or, where every test is required, fails it saying why.
   */
  @ParameterizedTest
  @ValueSource(classes = {DatabaseBeforeAllProbe.class, DatabaseAfterAllProbe.class})
  void aClassLevelMethodNeedingAServerSkipsTheClassNotFailsIt(Class<?> probe) {
    TestExecutionSummary summary = run(probe);

    if (!Prerequisites.allRequired()) {
      assertEquals(
          1,
          summary.getContainersAbortedCount(),
          () -> summary.getFailures().stream().map(f -> f.getException().toString()).toList() + "");
      assertEquals(0, summary.getTotalFailureCount());
      return;
    }
    assertRequired(ProbeRun.onlyFailure(summary));
  }

  /** Declares its own database, which the kit reads once per store and never looks past. */
  static final class DeclaredDatabaseProbe {
    static int reads;

    @TestDatabase
    static DataSource database() {
      reads++;
      return new PGSimpleDataSource();
    }

    @Test
    void needsAStore(@TempStore(storage = TempStore.Storage.POSTGRES) Object store) {}
  }

  /**
   * With a declared database no server is needed, so the test is not skipped for the lack of one:
   * it gets as far as opening the store on the declared database (here failing, as this module has
   * no PostgreSQL backend), having read the declaration once.
   */
  @Test
  void aDeclaredDatabaseNeedsNoServer() {
    DeclaredDatabaseProbe.reads = 0;
    TestExecutionSummary summary = run(DeclaredDatabaseProbe.class);

    assertEquals(0, summary.getTestsAbortedCount(), "skipped for want of a server");
    Throwable failure = ProbeRun.onlyFailure(summary);
    assertInstanceOf(ParameterResolutionException.class, failure);
    assertInstanceOf(ExtensionConfigurationException.class, failure.getCause());
    assertTrue(
        failure.getMessage().contains("needs dev.burrow:burrow-postgres on the test class path")
            && failure.getMessage().contains("`requires dev.burrow.postgres;`"),
        failure::toString);
    assertEquals(1, DeclaredDatabaseProbe.reads);
  }

  private TestExecutionSummary run(Class<?> probe) {
    return ProbeRun.run(
        probe,
        Map.of(
            LocalPostgres.BINARIES_PROPERTY,
            noBinaries.toString(),
            TestDatabases.URL_PROPERTY,
            ""));
  }

  /**
   * The probe's one test was skipped, or, where every test is required, failed with the kit's own
   * message naming the directory without binaries.
   */
  private void assertSkippedOrRequired(TestExecutionSummary summary) {
    if (!Prerequisites.allRequired()) {
      assertEquals(
          1,
          summary.getTestsAbortedCount(),
          () -> summary.getFailures().stream().map(f -> f.getException().toString()).toList() + "");
      assertEquals(0, summary.getTotalFailureCount());
      return;
    }
    assertRequired(ProbeRun.onlyFailure(summary));
  }

  /** {@code failure} is the kit's own, naming the directory without binaries. */
  private void assertRequired(Throwable failure) {
    assertInstanceOf(IllegalStateException.class, failure);
    assertTrue(failure.getMessage().contains("PostgreSQL tests cannot run"), failure::toString);
    assertTrue(failure.getMessage().contains(noBinaries.toString()), failure::toString);
  }
}
