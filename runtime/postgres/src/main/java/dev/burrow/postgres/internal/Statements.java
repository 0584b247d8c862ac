package dev.burrow.postgres.internal;

/**
 * The document statements of one table prefix. Each write is one statement, except {@code update}
 * of a row the store did not write last, which locks the row, then writes it, in one transaction (a
 * {@code delete} on the store's own connections is committed by a statement of its own, see {@link
 * RowWrites#delete}). Every write is guarded in its own statement: from a lease holder, by its
 * fence (the lease row still has its holder and epoch and has not expired, by the database's
 * clock); from anyone else, by the absence of a live lease. Writes that may wait for a row lock
 * bound the wait by the lock timeout ({@code lock_timeout}, set for their own transaction only).
 * Constant text, so the driver prepares each once per connection.
 */
final class Statements {
  private static final String FENCED =
      """
      EXISTS (SELECT 1 FROM {p}leases l WHERE l.kind = i.kind AND l.id = i.id
        AND l.holder = ? AND l.epoch = ? AND l.expires_at > clock_timestamp())""";
  private static final String NO_LIVE_LEASE =
      """
      NOT EXISTS (SELECT 1 FROM {p}leases l WHERE l.kind = i.kind AND l.id = i.id
        AND l.holder IS NOT NULL AND l.expires_at > clock_timestamp())""";

  /**
   * No live lease, and none granted that this statement's snapshot does not see: a grant records
   * its epoch on the row ({@code leased_epoch}, see {@link Leases}), which a write reads as it is
   * when it reaches the row, while the lease rows it reads are those of its snapshot; a grant
   * committed after the snapshot (the write waiting for the row meanwhile) leaves a larger epoch on
   * the row than any lease row the snapshot holds, and the write writes nothing and is tried again.
   */
  private static final String FREE =
      NO_LIVE_LEASE
          + """

           AND (i.leased_epoch IS NULL OR EXISTS (SELECT 1 FROM {p}leases l
            WHERE l.kind = i.kind AND l.id = i.id AND l.epoch >= i.leased_epoch))""";

  private static final String LOCK_TIMEOUT =
      "(SELECT set_config('lock_timeout', ?, true)) IS NOT NULL";

  /**
   * Whether {@code c.created} is an instant as {@link java.time.Instant#toString} writes it (the
   * form documents hold), in the years 0000 to 9999 and on a day its month has: what a
   * compare-and-set takes from a stored document as its creation time. The {@code CASE} checks the
   * form before any number in it is read, so no text makes the statement fail.
   */
  private static final String KEPT_INSTANT =
      """
      CASE WHEN c.created ~ '^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])\
      T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?Z$'
        THEN substr(c.created, 9, 2)::int <= CASE substr(c.created, 6, 2)::int
          WHEN 2 THEN 28 + (substr(c.created, 1, 4)::int % 4 = 0
            AND (substr(c.created, 1, 4)::int % 100 <> 0
              OR substr(c.created, 1, 4)::int % 400 = 0))::int
          WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END
        ELSE false END""";

  /** PostgreSQL's largest {@code lock_timeout}, in milliseconds (about 24.8 days). */
  private static final long MAX_LOCK_TIMEOUT_MILLIS = Integer.MAX_VALUE;

  /**
   * What a guarded write did, in the same statement: one row of whether it wrote, the row's version
   * and lease, and the columns {@code written} returns: {@code {transaction}}, the creation time a
   * replace kept, {@code {created}}, and the incarnation of the row a create made or a delete
   * removed, {@code {incarnation}}. Why it did not go through, the row's version and lease, is read
   * only when it wrote nothing ({@code NOT EXISTS}, as {@link #writeKnown} reads the row it found),
   * so a write that goes through costs no lookup of the row and the lease after its own.
   */
  private static final String STATE =
      """
      SELECT 1, NULL::bigint, NULL::text, NULL::bigint, NULL::boolean,
        {transaction}, {created}, {incarnation}
      FROM written
      UNION ALL
      SELECT 0, i.version, l.holder, l.epoch, l.expires_at > clock_timestamp(),
        NULL::bigint, NULL::text, NULL::bigint
      FROM (SELECT ?::text AS kind, ?::text AS id) k
      LEFT JOIN {p}instances i ON i.kind = k.kind AND i.id = k.id
      LEFT JOIN {p}leases l ON l.kind = k.kind AND l.id = k.id
      WHERE NOT EXISTS (SELECT 1 FROM written)""";

  /**
   * Inserts a row unless its ID is taken, guarded like every write (so a lock taken on an ID with
   * no instance yet reserves its create for the holder); waits for another transaction's insert at
   * most the lock timeout. The new row's incarnation is a parameter, drawn by the creating store
   * ({@link Incarnations#draw}), so that the row can be told apart from any other after a lost
   * answer; its state's last column is that incarnation.
   */
  final Guarded insert;

  /** The same, inside the caller's transaction, whose settings Burrow never changes. */
  final Guarded insertJoined;

  /**
   * The row's version, its document unless it is longer than the bytes given, and the document's
   * stored size.
   */
  final String find;

  /**
   * {@link #find}, the row's incarnation and the token of its last write ({@code write_token},
   * drawn by the writer: see {@link LostCommits#token}), once no other transaction holds the row's
   * lock ({@code FOR SHARE}), waiting at most the {@code lock_timeout} given last (parameters:
   * document bytes, kind, ID, lock timeout): how a write whose connection was lost is resolved.
   */
  final String findSettled;

  /**
   * The row's incarnation (see {@link Incarnations}) and a null transaction; no row if there is no
   * instance.
   */
  final String incarnation;

  /**
   * The same in the caller's transaction, with its ID if it has one (it has written something): the
   * directory made for the row records it ({@link LocalDirectories}), since the row may be one the
   * transaction inserted, which no other connection sees until it commits.
   */
  final String incarnationJoined;

  /** The ID and incarnation of each row among an array of IDs. */
  final String incarnations;

  /**
   * A listing page bounded by bytes (see {@link Migrations#BOUNDED_PAGE}); parameters: kind, [rank
   * and ID of the row it starts after,] rows, page bytes, document bytes.
   */
  final String firstPage;

  final String nextPage;

  /**
   * Locks the row for an update: its version, document and stored size as {@link #find} reads them
   * (parameters: document bytes, kind, ID), its lease and its incarnation; bounds the lock wait and
   * the idle time.
   */
  final String lockRow;

  /** The same, inside the caller's transaction, whose settings Burrow never changes. */
  final String lockRowJoined;

  final Guarded write;

  /**
   * An update of a row as this store last wrote it, committed on its own: written only if the row
   * still has the incarnation, version and document that write left (so a document changed outside
   * Burrow without a new version is seen too), no other transaction holds its lock (it never waits
   * for one) and no one holds a live lease. Returns whether it was written, and the row as the
   * statement began: its version, its incarnation and, if it was not written, its document unless
   * longer than the bytes given (parameters: kind, ID, expected version, incarnation, expected
   * document, version, document, document bytes, kind, ID).
   */
  final String writeKnown;

  final Guarded replace;
  final Guarded replaceJoined;

  /**
   * {@link #replace} keeping the stored creation time, in the same statement: the new document is
   * the text before its creation time's value, the stored document's creation time (read from the
   * row it updates, so after the version check, under the row lock) or, if that is missing, null,
   * not an instant as {@link #KEPT_INSTANT} accepts, or the stored document is no readable JSON
   * object, the new document's own, then the text after it. Parameters: version, the text before,
   * the member's name, the own value, the text after, kind, ID, expected version. Its state's last
   * column is the value it wrote, a JSON string.
   */
  final Guarded replaceKeeping;

  final Guarded replaceKeepingJoined;

  /**
   * Deletes the row, guarded, and prunes its lease row if free; its state's last column is the ID
   * of the transaction that deleted the row ({@code txid_current()}, taken once the row is gone, so
   * it assigns none), null if it deleted nothing.
   */
  final Guarded delete;

  final Guarded deleteJoined;

  /**
   * Whether a transaction, by its ID, committed: {@code committed}, {@code aborted}, {@code in
   * progress}, or null if it is too old for the server to tell.
   */
  final String transactionStatus = "SELECT txid_status(?)";

  /**
   * A wait of {@code millis} as the value of PostgreSQL's {@code lock_timeout}: at least 1 ms, as 0
   * there means no limit (so a wait under a millisecond, or none, does not wait for a row lock),
   * and at most its largest value, which a longer wait becomes: a statement then waits that long
   * for a row lock, while a wait for a lease, counted by Burrow, keeps its whole length.
   */
  static String lockTimeout(long millis) {
    return Long.toString(Math.max(1, Math.min(millis, MAX_LOCK_TIMEOUT_MILLIS)));
  }

  Statements(Tables tables) {
    String insert =
        """
        WITH written AS (
          INSERT INTO {p}instances (kind, id, version, id_rank, document, incarnation)
          SELECT i.kind, i.id, ?, ?, ?, ? FROM (SELECT ?::text AS kind, ?::text AS id) i
          WHERE {guard}{timeout}
          ON CONFLICT (kind, id) DO NOTHING
          RETURNING incarnation)
        """
            + state("NULL::bigint", "NULL::text", "incarnation");
    this.insert =
        new Guarded(tables, insert.replace("{timeout}", " AND " + LOCK_TIMEOUT), NO_LIVE_LEASE);
    this.insertJoined = new Guarded(tables, insert.replace("{timeout}", ""), NO_LIVE_LEASE);
    String find =
        """
        SELECT version, CASE WHEN octet_length(document) <= ? THEN document END,
          octet_length(document), incarnation{token}
        FROM {p}instances WHERE kind = ? AND id = ?""";
    this.find = tables.expand(find.replace("{token}", ""));
    this.findSettled =
        tables.expand(
            find.replace("{token}", ", write_token") + " AND " + LOCK_TIMEOUT + " FOR SHARE");
    String incarnation =
        "SELECT incarnation, {transaction} FROM {p}instances WHERE kind = ? AND id = ?";
    this.incarnation = tables.expand(incarnation.replace("{transaction}", "NULL::bigint"));
    this.incarnationJoined =
        tables.expand(incarnation.replace("{transaction}", "txid_current_if_assigned()"));
    this.incarnations =
        tables.expand(
            "SELECT id, incarnation FROM {p}instances WHERE kind = ? AND id = ANY(?::text[])");
    this.firstPage =
        tables.expand("SELECT id, version, id_rank, document, stored FROM {p}page(?, ?, ?, ?)");
    this.nextPage =
        tables.expand(
            "SELECT id, version, id_rank, document, stored FROM {p}page_after(?, ?, ?, ?, ?, ?)");
    String lockRow =
        """
        SELECT i.version, CASE WHEN octet_length(i.document) <= ? THEN i.document END,
          octet_length(i.document), l.holder, l.epoch, l.expires_at > clock_timestamp(),
          i.incarnation
        FROM {p}instances i LEFT JOIN {p}leases l ON l.kind = i.kind AND l.id = i.id
        WHERE i.kind = ? AND i.id = ? {settings}
        FOR UPDATE OF i""";
    this.lockRow =
        tables.expand(
            lockRow.replace(
                "{settings}",
                "AND (SELECT set_config('lock_timeout', ?, true)"
                    + " || set_config('idle_in_transaction_session_timeout', ?, true)) IS NOT NULL"));
    this.lockRowJoined = tables.expand(lockRow.replace("{settings}", ""));
    this.write =
        new Guarded(
            tables,
            """
            UPDATE {p}instances i SET version = ?, document = ?, write_token = ?,
              written_at = clock_timestamp()
            WHERE i.kind = ? AND i.id = ? AND i.version = ? AND {guard}""");
    String replace =
        """
        WITH written AS (
          UPDATE {p}instances i SET version = ?, document = ?, write_token = ?,
            written_at = clock_timestamp()
          WHERE i.kind = ? AND i.id = ? AND i.version = ? AND {guard}{timeout}
          RETURNING 1)
        """
            + state("NULL::bigint", "NULL::text", "NULL::bigint");
    this.replace = new Guarded(tables, replace.replace("{timeout}", " AND " + LOCK_TIMEOUT));
    this.writeKnown =
        tables.expand(
            """
            WITH known AS (
              SELECT kind, id FROM {p}instances
              WHERE kind = ? AND id = ? AND version = ? AND incarnation = ? AND document = ?
              FOR UPDATE SKIP LOCKED),
            written AS (
              UPDATE {p}instances i SET version = ?, document = ?, write_token = ?,
                written_at = clock_timestamp()
              FROM known k WHERE i.kind = k.kind AND i.id = k.id AND {guard}
              RETURNING 1)
            SELECT 1, NULL::bigint, NULL::text, NULL::bigint FROM written
            UNION ALL
            SELECT 0, s.version, CASE WHEN octet_length(s.document) <= ? THEN s.document END,
              s.incarnation
            FROM (SELECT ?::text AS kind, ?::text AS id) r
            LEFT JOIN {p}instances s ON s.kind = r.kind AND s.id = r.id
            WHERE NOT EXISTS (SELECT 1 FROM written)"""
                .replace("{guard}", FREE));
    this.replaceJoined = new Guarded(tables, replace.replace("{timeout}", ""));
    String replaceKeeping =
        """
        WITH written AS (
          UPDATE {p}instances i SET version = ?, write_token = ?, written_at = clock_timestamp(),
            document = n.head || coalesce(
              (SELECT '"' || c.created || '"'
                FROM (SELECT {p}index_key(i.document, n.field, NULL) AS created) c
                WHERE {kept}),
              n.own) || n.tail
          FROM (SELECT ?::text AS head, ?::text AS field, ?::text AS own, ?::text AS tail) n
          WHERE i.kind = ? AND i.id = ? AND i.version = ? AND {guard}{timeout}
          RETURNING substr(i.document, char_length(n.head) + 1,
            char_length(i.document) - char_length(n.head) - char_length(n.tail)) AS created)
        """
                .replace("{kept}", KEPT_INSTANT)
            + state("NULL::bigint", "created", "NULL::bigint");
    this.replaceKeeping =
        new Guarded(tables, replaceKeeping.replace("{timeout}", " AND " + LOCK_TIMEOUT));
    this.replaceKeepingJoined = new Guarded(tables, replaceKeeping.replace("{timeout}", ""));
    String delete =
        """
        WITH gone AS (
          DELETE FROM {p}instances i WHERE i.kind = ? AND i.id = ? AND {guard}{timeout}
          RETURNING i.kind, i.id, txid_current() AS transaction, i.incarnation),
        pruned AS (
          DELETE FROM {p}leases l USING gone WHERE l.kind = gone.kind AND l.id = gone.id
            AND (l.holder IS NULL OR l.expires_at <= clock_timestamp())),
        written AS (SELECT transaction, incarnation FROM gone)
        """
            + state("transaction", "NULL::text", "incarnation");
    this.delete = new Guarded(tables, delete.replace("{timeout}", " AND " + LOCK_TIMEOUT));
    this.deleteJoined = new Guarded(tables, delete.replace("{timeout}", ""));
  }

  private static String state(String transaction, String created, String incarnation) {
    return STATE
        .replace("{transaction}", transaction)
        .replace("{created}", created)
        .replace("{incarnation}", incarnation);
  }

  /** A statement in two forms: fenced by the caller's lease, or guarded by a free lease. */
  record Guarded(String fenced, String free) {
    Guarded(Tables tables, String sql) {
      this(tables, sql, FREE);
    }

    /** With {@code free} the guard of a write from no lease holder. */
    Guarded(Tables tables, String sql, String free) {
      this(
          tables.expand(sql.replace("{guard}", FENCED)),
          tables.expand(sql.replace("{guard}", free)));
    }

    String sql(@org.jspecify.annotations.Nullable Fence fence) {
      return fence == null ? free : fenced;
    }
  }
}
