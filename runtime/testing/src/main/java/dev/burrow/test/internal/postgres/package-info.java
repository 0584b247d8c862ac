/**
 * PostgreSQL for tests, not an API: the throwaway server ({@code initdb} and {@code pg_ctl} on a
 * loopback port), the JUnit extension Burrow's own tests inject it with, and the databases and
 * namespaces of {@code @TempStore(storage = POSTGRES)}, and the databases of {@code @TempDatabase}.
 */
@NullMarked
package dev.burrow.test.internal.postgres;

import org.jspecify.annotations.NullMarked;
