package dev.burrow.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A PostgreSQL database of its own for one test, as a {@link javax.sql.DataSource}, dropped after
 * the test: for code that opens its PostgreSQL stores itself. Put it on a test method's {@code
 * DataSource} parameter or on a non-static, non-final {@code DataSource} field of the test class:
 *
 * <pre>{@code
 * @Test
 * void runsMoveToPostgres(@TempDatabase DataSource db, @TempDir Path root) {
 *   try (TaskRunStore store = TaskRunStore.open(db, StoreOptions.defaults().withDataRoot(root))) {
 *     store.create();
 *   }
 * }
 * }</pre>
 *
 * <p><b>Isolation.</b> Every parameter and field gets a new, empty database ({@code CREATE DATABASE
 * burrow_test_<12 hex digits>}), also within one test, so tests (and stores on Burrow's default
 * table prefix in them) never see each other's tables, sequences or advisory locks. Once the test
 * is done, passed or failed, its data source is closed and the database dropped with every
 * connection still open to it ended first (on PostgreSQL 12 too, which lacks {@code DROP DATABASE
 * ... WITH (FORCE)}); if that fails, the test fails with {@link dev.burrow.StorageException}. The
 * data source is Burrow's: do not close it. A parameter of a {@code @BeforeAll} method keeps its
 * database for the class. Only the database is removed: data roots on this machine are the test's
 * (a JUnit {@code @TempDir}).
 *
 * <p><b>Cost.</b> Making a database takes about a tenth of a second; dropping it waits for a
 * checkpoint of the server, half a second to two on a loaded two-core machine with {@code fsync}
 * on. A {@code @TempStore(storage = POSTGRES)} namespace costs milliseconds, so prefer it where the
 * test may leave opening the store to the kit. The data source pools at most 8 connections, opened
 * as the test asks for them.
 *
 * <p><b>Where.</b> On the server of the JDBC URL in the JUnit configuration parameter or system
 * property {@code burrow.test.postgres.url} or the environment variable {@code
 * BURROW_TEST_POSTGRES_URL} (its user needs the {@code CREATEDB} privilege; the URL's database is
 * only where {@code CREATE DATABASE} runs), else on the throwaway server {@link TempStore}
 * describes, with the same skip, or failure where every test must run, when there is none. A {@link
 * TestDatabase} data source is not used: a data source names no server to make a database on. Needs
 * the PostgreSQL driver ({@code org.postgresql:postgresql}) on the test class path; without it, or
 * on a parameter or field that is not a {@code DataSource}, the test fails with an {@link
 * org.junit.jupiter.api.extension.ExtensionConfigurationException} naming it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
@ExtendWith(TempStoreExtension.class)
public @interface TempDatabase {}
