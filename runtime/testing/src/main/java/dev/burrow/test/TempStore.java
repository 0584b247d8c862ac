package dev.burrow.test;

import dev.burrow.Durability;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A generated store ({@code XStore}) for one test, on a fresh temporary data root, closed and
 * removed after the test. Put it on a test method's parameter, a constructor parameter or a
 * non-static field of the test class; no other set-up is needed:
 *
 * <pre>{@code
 * @Test
 * void finishingARunRecordsItsStatus(@TempStore TaskRunStore store) {
 *   TaskRun run = store.create();
 *   store.update(run.id(), c -> c.status(Status.SUCCEEDED));
 *   assertEquals(Status.SUCCEEDED, store.get(run.id()).status());
 * }
 * }</pre>
 *
 * <p>The store is opened through the type's own static {@code open(StoreOptions)} (files) or {@code
 * open(Backend, StoreOptions)} (PostgreSQL), so it is exactly what the application opens: the same
 * schema, codecs and checks. Every parameter and field gets its own store on its own root, also
 * within one test. The root is a new directory under {@code java.io.tmpdir}, deleted with
 * everything in it once the test is done (whether it passed or not).
 *
 * <p><b>PostgreSQL</b> ({@link Storage#POSTGRES}): the store uses a namespace of its own (a table
 * prefix no other test uses), whose tables, sequences and functions are dropped after the test. The
 * database is, in this order: the {@link TestDatabase} annotated static {@code DataSource} field or
 * method of the test class (or of a class enclosing it, or of a superclass); the JDBC URL in the
 * JUnit configuration parameter or system property {@code burrow.test.postgres.url} or the
 * environment variable {@code BURROW_TEST_POSTGRES_URL}; else a throwaway server started once per
 * test run where PostgreSQL's {@code initdb} and {@code pg_ctl} are installed (on the {@code PATH},
 * in {@code /usr/lib/postgresql/<version>/bin}, or in the directory the JUnit configuration
 * parameter {@code burrow.test.postgres.bin} or the environment variable {@code
 * BURROW_TEST_POSTGRES_BIN} names), stopped and removed when the run ends. Without any of them the
 * test is skipped with a message saying so, except where every test must run (the environment
 * variable {@code BURROW_REQUIRE_ALL_TESTS} or {@code CI} is {@code true}): there it fails, so a CI
 * run never passes by skipping. PostgreSQL stores need {@code burrow-postgres} and the PostgreSQL
 * driver ({@code org.postgresql:postgresql}) on the test class path; without either, the test fails
 * with an {@link org.junit.jupiter.api.extension.ExtensionConfigurationException} naming the
 * dependency to add (the driver is not needed with a {@link TestDatabase} data source).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
@ExtendWith(TempStoreExtension.class)
public @interface TempStore {
  /** Where the store keeps its documents and locks. */
  Storage storage() default Storage.FILES;

  /**
   * The store's durability: {@link Durability#NONE} by default, since a test's root never has to
   * survive a power cut and flushes cost milliseconds each; {@link Durability#FSYNC} runs the
   * production path (use {@link CrashTester} to check what a power cut leaves).
   */
  Durability durability() default Durability.NONE;

  /** Where a {@link TempStore} keeps its documents and locks. */
  enum Storage {
    /** A temporary data root on this machine's disk: Burrow's filesystem backend. */
    FILES,
    /**
     * A namespace of its own in a PostgreSQL database (see {@link TempStore}); instance directories
     * stay in a temporary data root on this machine.
     */
    POSTGRES
  }
}
