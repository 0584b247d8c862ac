package dev.burrow.postgres.internal;

/**
 * How the statements of one transaction begin and commit it, on connections whose auto-commit
 * setting Burrow never changes. With a driver that sends the statements of one prepared statement
 * in one round trip (pgjdbc), {@code BEGIN} travels with the transaction's first statement and
 * {@code COMMIT} with its last; otherwise {@link Database} sends them on their own, before and
 * after. In the caller's transaction statements stay as they are: the caller begins and commits.
 * One instance per transaction, which also records whether a {@code COMMIT} was sent: until then, a
 * connection lost on the way certainly committed nothing.
 */
final class Bounds {
  private final boolean together;
  private boolean committing;

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
    committing = true;
    return sql + ";\nCOMMIT";
  }

  /** Whether {@code BEGIN} must be sent on its own before the first statement. */
  boolean beginsSeparately() {
    return !together;
  }

  /** Whether {@code COMMIT} must still be sent on its own: no statement made by {@link #last}. */
  boolean commitsSeparately() {
    return !committing;
  }

  /** The {@code COMMIT} to send on its own, recorded as on its way from now on. */
  String commit() {
    committing = true;
    return "COMMIT";
  }

  /**
   * Whether a {@code COMMIT} may have reached the server: one was made ({@link #last}, {@link
   * #commit}), to be sent or sent. Until then a lost connection committed nothing, as the server
   * rolls back the open transaction of a session that ends.
   */
  boolean committing() {
    return committing;
  }
}
