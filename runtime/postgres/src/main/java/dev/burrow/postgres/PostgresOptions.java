package dev.burrow.postgres;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * How the PostgreSQL backend uses its database. An immutable value: start from {@link #defaults()}
 * and change what you need with the {@code with…} methods.
 *
 * @param tablePrefix the prefix of Burrow's table names ({@code burrow_} by default): 1 to 40
 *     lowercase letters, digits and underscores, starting with a letter. Stores opened with
 *     different prefixes share nothing, so one database can hold several independent namespaces;
 *     every kind opened with the same prefix shares its tables.
 * @param leaseDuration how long a lock's lease lasts without renewal (15 s by default, from 300 ms
 *     to {@code 2^31 - 1} ms, about 24.8 days: PostgreSQL's longest timeout, which a lease also
 *     sets). A holder renews its leases every third of it; a holder that dies blocks the instance
 *     for at most this long. Shorter leases recover sooner from a dead host but cost more renewals
 *     and let a long pause (GC, swapped-out VM) lose the lease.
 */
public record PostgresOptions(String tablePrefix, Duration leaseDuration) {
  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,39}");
  private static final Duration MIN_LEASE = Duration.ofMillis(300);
  private static final Duration MAX_LEASE = Duration.ofMillis(Integer.MAX_VALUE);

  /**
   * Checks the values.
   *
   * @throws IllegalArgumentException naming the field whose value is refused
   */
  public PostgresOptions {
    if (tablePrefix == null || !PREFIX.matcher(tablePrefix).matches()) {
      throw new IllegalArgumentException(
          "PostgresOptions.tablePrefix '"
              + tablePrefix
              + "' must be 1 to 40 lowercase letters, digits and underscores, starting with a"
              + " letter");
    }
    if (leaseDuration == null
        || leaseDuration.compareTo(MIN_LEASE) < 0
        || leaseDuration.compareTo(MAX_LEASE) > 0) {
      throw new IllegalArgumentException(
          "PostgresOptions.leaseDuration must be from "
              + MIN_LEASE.toMillis()
              + " ms to "
              + MAX_LEASE.toMillis()
              + " ms (PostgreSQL's longest timeout), is "
              + leaseDuration);
    }
  }

  /** Prefix {@code burrow_}, 15 s leases. */
  public static PostgresOptions defaults() {
    return new PostgresOptions("burrow_", Duration.ofSeconds(15));
  }

  /**
   * These options with another table prefix.
   *
   * @throws IllegalArgumentException naming {@code PostgresOptions.tablePrefix} if it is refused
   */
  public PostgresOptions withTablePrefix(String value) {
    return new PostgresOptions(value, leaseDuration);
  }

  /**
   * These options with another lease duration.
   *
   * @throws IllegalArgumentException naming {@code PostgresOptions.leaseDuration} if it is null or
   *     out of range
   */
  public PostgresOptions withLeaseDuration(Duration value) {
    return new PostgresOptions(tablePrefix, value);
  }
}
