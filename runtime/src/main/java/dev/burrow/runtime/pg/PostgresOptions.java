package dev.burrow.runtime.pg;

import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the PostgreSQL backend uses its database. An immutable value: start from {@link
 * #defaults()} and change what you need with the {@code with…} methods.
 *
 * @param tablePrefix the prefix of Burrow's table names ({@code burrow_} by default): 1 to 40
 *     lowercase letters, digits and underscores, starting with a letter. Stores opened with
 *     different prefixes share nothing, so one database can hold several independent
 *     namespaces; every kind opened with the same prefix shares its tables.
 * @param leaseDuration how long a lock's lease lasts without renewal (15 s by default, at
 *     least 300 ms). A holder renews its leases every third of it; a holder that dies blocks
 *     the instance for at most this long. Shorter leases recover sooner from a dead host but
 *     cost more renewals and let a long pause (GC, swapped-out VM) lose the lease.
 * @param pageSize rows read per round trip when listing (500 by default)
 */
public record PostgresOptions(String tablePrefix, Duration leaseDuration, int pageSize) {
  private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,39}");
  private static final Duration MIN_LEASE = Duration.ofMillis(300);

  /** Checks the values. */
  public PostgresOptions {
    Objects.requireNonNull(tablePrefix, "tablePrefix");
    if (!PREFIX.matcher(tablePrefix).matches()) {
      throw new IllegalArgumentException("table prefix '" + tablePrefix + "' must be 1 to 40"
          + " lowercase letters, digits and underscores, starting with a letter");
    }
    if (leaseDuration.compareTo(MIN_LEASE) < 0) {
      throw new IllegalArgumentException("leaseDuration must be at least "
          + MIN_LEASE.toMillis() + " ms, is " + leaseDuration.toMillis() + " ms");
    }
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be at least 1, is " + pageSize);
    }
  }

  /** Prefix {@code burrow_}, 15 s leases, pages of 500 rows. */
  public static PostgresOptions defaults() {
    return new PostgresOptions("burrow_", Duration.ofSeconds(15), 500);
  }

  /** These options with another table prefix. */
  public PostgresOptions withTablePrefix(String value) {
    return new PostgresOptions(value, leaseDuration, pageSize);
  }

  /** These options with another lease duration. */
  public PostgresOptions withLeaseDuration(Duration value) {
    return new PostgresOptions(tablePrefix, value, pageSize);
  }

  /** These options with another listing page size. */
  public PostgresOptions withPageSize(int value) {
    return new PostgresOptions(tablePrefix, leaseDuration, value);
  }
}
