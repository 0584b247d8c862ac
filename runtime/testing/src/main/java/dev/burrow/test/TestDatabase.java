package dev.burrow.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code static} field or {@code static} no-argument method of a test class (or of a
 * class enclosing it, or of a superclass of either) whose {@link javax.sql.DataSource} the test's
 * {@link TempStore}s on {@link TempStore.Storage#POSTGRES} use, in place of a database from the
 * configuration or a throwaway server:
 *
 * <pre>{@code
 * @TestDatabase static DataSource database = MyTestDatabases.shared();
 * }</pre>
 *
 * <p>Each store still gets a namespace of its own in it (a table prefix), dropped after the test;
 * the data source itself is the test's and is never closed by Burrow.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.METHOD})
public @interface TestDatabase {}
