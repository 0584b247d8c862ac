package dev.burrow.postgres.internal;

import java.security.SecureRandom;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The incarnation of each instance row: a number that no other row of the same ID has, so an
 * instance deleted and created again with the same ID has another. A store's {@code create} draws
 * it at random from the 2<sup>62</sup> values at or above 2<sup>62</sup> ({@link #draw}), so that
 * after a lost answer the row it inserted is told apart from one another host created (the chance
 * that two creations of one ID draw the same is 2<sup>-62</sup>); a row inserted without one, by a
 * Burrow from before the drawing, takes the next value of the {@code incarnations} sequence, far
 * below that. A host's instance directory records the incarnation it was made for ({@link
 * LocalDirectories}), so that a directory left by a deleted instance is never handed to a new one.
 * Read on Burrow's own connections: what is committed.
 */
final class Incarnations {
  /**
   * Whether a transaction is still open, by its ID ({@code txid_current_if_assigned()}): false once
   * it has ended, and for an ID this database cannot report (too old, or not yet drawn here: a
   * record made on another database), which {@code txid_status} alone would refuse.
   */
  private static final String IN_PROGRESS =
      """
      SELECT CASE WHEN ?::bigint < txid_snapshot_xmax(txid_current_snapshot())
        THEN txid_status(?::bigint) IS NOT DISTINCT FROM 'in progress' ELSE false END""";

  /** The least incarnation {@link #draw} returns. */
  private static final long FIRST_DRAWN = 1L << 62;

  /**
   * Seeded from the operating system, not the clock, so that hosts cloned from one snapshot (a
   * restored checkpoint, a copied virtual machine) do not draw alike.
   */
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database database;
  private final Statements statements;
  private final String kind;

  Incarnations(Database database, Statements statements, String kind) {
    this.database = database;
    this.statements = statements;
    this.kind = kind;
  }

  /** A new row's incarnation, drawn at random: see the class description. */
  static long draw() {
    return (RANDOM.nextLong() >>> 2) | FIRST_DRAWN;
  }

  /**
   * The incarnation of {@code id}'s row, empty if there is none.
   *
   * @throws dev.burrow.BackendUnavailableException if the database cannot be reached
   */
  OptionalLong of(String id) {
    List<Long> found =
        database.read(
            "reading the incarnation of instance '" + id + "' of kind '" + kind + "'",
            connection ->
                Database.query(
                    connection, statements.incarnation, row -> row.getLong(1), kind, id));
    return found.isEmpty() ? OptionalLong.empty() : OptionalLong.of(found.get(0));
  }

  /**
   * Whether the transaction with ID {@code transaction} is still open; false once it has committed
   * or rolled back.
   *
   * @throws dev.burrow.BackendUnavailableException if the database cannot be reached
   */
  boolean inProgress(long transaction) {
    return database
        .read(
            "looking up whether transaction " + transaction + " is still open",
            connection ->
                Database.query(
                    connection, IN_PROGRESS, row -> row.getBoolean(1), transaction, transaction))
        .get(0);
  }

  /**
   * The incarnation of each of {@code ids} that has a row; one query.
   *
   * @throws dev.burrow.BackendUnavailableException if the database cannot be reached
   */
  Map<String, Long> of(List<String> ids) {
    List<Map.Entry<String, Long>> rows =
        database.read(
            "reading the incarnations of " + ids.size() + " instances of kind '" + kind + "'",
            connection ->
                Database.query(
                    connection,
                    statements.incarnations,
                    row -> Map.entry(row.getString(1), row.getLong(2)),
                    kind,
                    Database.textArray(connection, ids)));
    Map<String, Long> found = new HashMap<>();
    rows.forEach(row -> found.put(row.getKey(), row.getValue()));
    return found;
  }
}
