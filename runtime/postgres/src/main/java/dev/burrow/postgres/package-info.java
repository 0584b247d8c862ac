/**
 * The PostgreSQL backend: the same typed store shared by many machines. Documents live in one table
 * with a version column, locks are leases with a fencing epoch checked by every write, and
 * Snowflake worker numbers are leased rows. Burrow creates and upgrades its own tables. Plain JDBC:
 * bring any driver and pool as a {@link javax.sql.DataSource}.
 */
@NullMarked
package dev.burrow.postgres;

import org.jspecify.annotations.NullMarked;
