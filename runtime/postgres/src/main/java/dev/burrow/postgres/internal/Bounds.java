package dev.burrow.postgres.internal;

/**
 * How the statements of one transaction begin and commit it, on connections whose auto-commit
 * setting Burrow never changes. With a driver that sends the statements of one prepared statement
 * in one round trip (pgjdbc), {@code BEGIN} travels with the transaction's first statement and
 * {@code COMMIT} with its last; otherwise {@link Database} sends them on their own, before and
 * after. In the caller's transaction statements stay as they are: the caller begins and commits.
 * One instance per transaction.
 */
final class Bounds {
  private final boolean together;
  private boolean committed;

  /**
   * @param together whether {@code BEGIN} and {@code COMMIT} are sent with the first and last
   *     statements
   */
  Bounds(boolean together) {
    this.together = together;
  }

  /** {@code sql}, made to begin the transaction if statements travel together. */
  String first(String sql) {
    return together ? "BEGIN;\n" + sql : sql;
  }

  /** {@code sql}, made to commit the transaction if statements travel together. */
  String last(String sql) {
    if (!together) {
      return sql;
    }
    committed = true;
    return sql + ";\nCOMMIT";
  }

  /** Whether {@code BEGIN} must be sent on its own before the first statement. */
  boolean beginsSeparately() {
    return !together;
  }

  /** Whether {@code COMMIT} must still be sent on its own: no statement made by {@link #last}. */
  boolean commitsSeparately() {
    return !committed;
  }
}
