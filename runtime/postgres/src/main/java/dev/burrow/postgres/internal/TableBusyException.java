package dev.burrow.postgres.internal;

import dev.burrow.RetriableException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A change to Burrow's tables waited longer than the lock timeout for a table lock that another
 * transaction holds (a long transaction reading or writing the table): its transaction was rolled
 * back, so nothing was changed, and the same call succeeds once that transaction has ended.
 */
final class TableBusyException extends RetriableException {
  private static final long serialVersionUID = 1L;

  /** The table a statement locks: the one it creates, alters, indexes, inserts into or reads. */
  private static final Pattern LOCKED =
      Pattern.compile(
          "^(?:(?:ALTER|CREATE) TABLE|CREATE (?:UNIQUE )?INDEX \\S+ ON|INSERT INTO|SELECT [^\\n]*?"
              + " FROM) ([\\w.]+)");

  private final String table;

  /**
   * @param what the operation, as in "upgrading Burrow's tables p_*"
   * @param sql the statement whose lock wait timed out
   */
  TableBusyException(String what, String sql, Duration timeout, SQLException cause) {
    super(message(what, tableOf(sql), sql, timeout), cause);
    this.table = tableOf(sql);
  }

  private static String message(String what, String table, String sql, Duration timeout) {
    return what
        + " failed: its statement "
        + sql.lines().findFirst().orElse(sql).strip()
        + " waited longer than the lock timeout ("
        + timeout.toMillis()
        + " ms) for a lock on "
        + table
        + " that another transaction holds (a long transaction using the table; see"
        + " pg_locks); nothing was changed: try again once that transaction has ended";
  }

  /** The table {@code sql} locks, or a description if the statement names none Burrow knows. */
  private static String tableOf(String sql) {
    Matcher matcher = LOCKED.matcher(sql.strip());
    return matcher.find() ? matcher.group(1) : "a table or function the statement uses";
  }

  /** The table whose lock was not granted in time, as the message names it. */
  public String table() {
    return table;
  }
}
