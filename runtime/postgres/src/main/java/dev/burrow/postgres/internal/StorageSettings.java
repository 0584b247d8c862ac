package dev.burrow.postgres.internal;

import java.time.Duration;

/**
 * How the backend uses its database: the values of the public {@code PostgresOptions}, which
 * checked them, as this package takes them.
 *
 * @param tablePrefix the prefix of Burrow's table names
 * @param leaseDuration how long a lock's or a worker number's lease lasts without renewal
 */
public record StorageSettings(String tablePrefix, Duration leaseDuration) {}
