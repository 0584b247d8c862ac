package dev.burrow.postgres.internal;

import dev.burrow.BurrowException;
import dev.burrow.internal.Printable;
import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Instance directories on this host whose rows were deleted in a caller's transaction ({@link
 * PostgresStorage#joining}). Files are not transactional and Burrow cannot see the caller's commit,
 * so such a directory stays until the delete's outcome is known: {@link #settle} asks the database,
 * on Burrow's own connection, whether the transaction is still open (the row is still locked by
 * it), committed (the row is gone: the directory is removed as a delete outside a transaction
 * removes it) or rolled back (the row is back: the directory is kept, since the instance lives on).
 * Cost: nothing while no such delete waits; one query per waiting delete at each settlement.
 */
final class JoinedDeletes {
  private static final System.Logger LOG = System.getLogger("dev.burrow");

  private final Set<String> waiting = ConcurrentHashMap.newKeySet();
  private final Database database;
  private final String kind;
  private final LocalDirectories directories;
  private final String outcomeSql;

  JoinedDeletes(Database database, Tables tables, String kind, LocalDirectories directories) {
    this.database = database;
    this.kind = kind;
    this.directories = directories;
    this.outcomeSql =
        tables.expand(
            """
            SELECT EXISTS (SELECT 1 FROM {p}instances WHERE kind = ? AND id = ?),
              EXISTS (SELECT 1 FROM {p}instances WHERE kind = ? AND id = ?
                FOR SHARE SKIP LOCKED)""");
  }

  /** Records that {@code id}'s row was deleted in a transaction that may still be open. */
  void deleted(String id) {
    waiting.add(id);
  }

  /**
   * Settles every waiting delete whose transaction has ended: a committed one's directory is
   * removed, a rolled-back one's kept; one whose transaction is still open (or whose row another
   * transaction has locked) waits for the next settlement. A directory that cannot be removed is
   * logged and left for a later {@code delete} of its ID or the next open on this host ({@link
   * LocalDirectories#sweep}). While the database cannot be reached, every waiting delete waits on
   * (the operation that settles reports the database's failure itself); those still waiting when
   * the process ends leave their directories, which the next open on this host, or a later {@code
   * delete} of the ID, removes.
   */
  void settle() {
    for (String id : List.copyOf(waiting)) {
      Outcome outcome;
      try {
        outcome =
            database
                .autoCommit(
                    "looking up the outcome of the delete of instance '" + id + "'",
                    id,
                    connection ->
                        Database.query(connection, outcomeSql, Outcome::read, kind, id, kind, id))
                .get(0);
      } catch (BurrowException e) {
        return;
      }
      if (outcome.open()) {
        continue;
      }
      waiting.remove(id);
      if (!outcome.visible()) {
        try {
          directories.removeStale(id, OptionalLong.empty());
        } catch (IOException | BurrowException e) {
          LOG.log(
              System.Logger.Level.WARNING,
              Printable.line(
                  "instance '"
                      + id
                      + "' was deleted in a transaction that committed, but its directory on this"
                      + " host, "
                      + directories.directoryOf(id)
                      + ", could not be removed; the next open on this host, or a later delete of"
                      + " the ID, removes it: "
                      + e));
        }
      }
    }
  }

  /** What the database shows of a row deleted in a caller's transaction. */
  private record Outcome(boolean visible, boolean unlocked) {
    static Outcome read(ResultSet row) throws SQLException {
      return new Outcome(row.getBoolean(1), row.getBoolean(2));
    }

    /** Still deleted by an open transaction (or locked by another): not known yet. */
    boolean open() {
      return visible && !unlocked;
    }
  }
}
