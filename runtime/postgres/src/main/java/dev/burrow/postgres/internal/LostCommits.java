package dev.burrow.postgres.internal;

import dev.burrow.runtime.internal.store.CheckedSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Whether a write whose connection was lost once it may have reached the server committed, learned
 * on a fresh connection from the row, read after any transaction holding its lock has ended, and,
 * for a delete, from its transaction's status. Each answer is the write's result if it certainly
 * committed, null if it certainly did not, and {@link Connections.Unknown} whenever the database
 * cannot tell: a write is never taken for another's, nor run a second time over a row written
 * since.
 *
 * @param lockTimeoutSetting the store's lock timeout as the statements' {@code lock_timeout}: how
 *     long a read waits for the lost transaction to end
 */
record LostCommits(Statements statements, String kind, String lockTimeoutSetting) {
  /**
   * A row read back after a lost commit: its document, null if longer than a store writes, the
   * document's size in bytes, the row's incarnation, and the token of its last write (null if none:
   * a create, or a write of a Burrow from before tokens).
   */
  record Stored(
      long version, @Nullable String document, int bytes, long incarnation, @Nullable Long token) {}

  /**
   * A new token for a write of a document, drawn at random as an incarnation is ({@link
   * Incarnations#draw}) and written with it: the row holding it after a lost answer is this
   * write's, while the same version and document may be another's, which made the very change from
   * the same version (a counter's increment on the same clock tick, say) after this one rolled
   * back.
   */
  static long token() {
    return Incarnations.draw();
  }

  /**
   * The stored row, read after any transaction holding its lock has ended: waits at most the lock
   * timeout for that, after which the write's outcome is reported unknown (the lock wait's failure
   * is not a lost connection).
   */
  @Nullable Stored lockedRead(Connection connection, String id) throws SQLException {
    List<Stored> rows =
        Database.query(
            connection,
            statements.findSettled,
            row ->
                new Stored(
                    row.getLong(1),
                    row.getString(2),
                    row.getInt(3),
                    row.getLong(4),
                    row.getObject(5, Long.class)),
            CheckedSchema.MAX_DOCUMENT_BYTES,
            kind,
            id,
            lockTimeoutSetting);
    return rows.isEmpty() ? null : rows.get(0);
  }

  /**
   * After a lost connection, whether a write of {@code document} at {@code version} with {@code
   * token} in place of {@code expectedVersion} committed: {@code written} if the row holds it (its
   * token: the same version and document written by another tells nothing), null if the row of
   * {@code incarnation} (the one the write was sent for) still has the expected version (it
   * certainly did not). A row of another incarnation, or any row at the expected version where no
   * incarnation is known, says nothing: the write may have committed and its row been deleted
   * since, and an instance created again with the ID, at the expected version, would otherwise be
   * taken as the write's row untouched and get the write a second time.
   *
   * @throws Connections.Unknown if the row was written, or deleted, since, or may have been
   */
  <R> @Nullable R replacedOrNot(
      Connection connection,
      String id,
      @Nullable Long incarnation,
      long expectedVersion,
      long version,
      String document,
      long token,
      R written)
      throws SQLException, Connections.Unknown {
    Stored stored = lockedRead(connection, id);
    if (stored != null && incarnation != null && stored.incarnation() != incarnation) {
      throw new Connections.Unknown("the instance was deleted and created again since");
    }
    if (stored != null && stored.version() == version && document.equals(stored.document())) {
      if (Objects.equals(stored.token(), token)) {
        return written;
      }
      throw new Connections.Unknown(
          "the instance holds what the write sent, but another write stored it");
    }
    if (stored != null && stored.version() == expectedVersion) {
      if (incarnation == null) {
        throw new Connections.Unknown(
            "the instance is at the expected version, but this store never read or wrote it at"
                + " that version, so it may have been deleted and created again since");
      }
      return null;
    }
    throw new Connections.Unknown("the instance was written or deleted since");
  }

  /**
   * Whether the delete whose connection was lost once its {@code COMMIT} was sent (so after it
   * removed the row, {@code removed}) committed: null if its transaction rolled back; {@code
   * removed} if it committed.
   *
   * @throws Connections.Unknown if the server can no longer tell
   */
  @Nullable WriteState deleteCommitted(
      Connection connection, String id, @Nullable WriteState removed)
      throws SQLException, Connections.Unknown {
    Objects.requireNonNull(removed, "a delete whose COMMIT was sent has removed its row");
    Stored stored = lockedRead(connection, id); // waits for the lost transaction's end
    if (stored != null && Objects.equals(removed.incarnation(), stored.incarnation())) {
      // The very row it removed is there: it did not commit. Its transaction's status cannot say
      // so after a crash of the server, which hands out again IDs of transactions whose records
      // never reached its disk, and another transaction may have committed under this one's ID.
      return null;
    }
    String status =
        Database.query(
                connection,
                statements.transactionStatus,
                row -> row.getString(1),
                Objects.requireNonNull(
                    removed.transaction(), "a delete that removed its row names its transaction"))
            .get(0);
    if ("committed".equals(status)) {
      return removed;
    }
    if ("aborted".equals(status)) {
      return null;
    }
    throw new Connections.Unknown(
        "the server no longer says whether the deleting transaction committed ("
            + (status == null ? "too old" : status)
            + ")");
  }
}
